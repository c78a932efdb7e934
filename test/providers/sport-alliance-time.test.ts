import { describe, expect, it } from 'vitest';
import { parseSlotTime, termBefore } from '../../src-main/core/providers/sport-alliance/slot-time';

describe('Sport Alliance slot times', () => {
  it('reads the spec example, which new Date() cannot', () => {
    expect(Number.isNaN(new Date('2022-06-22T08:00:00.000+02:00[Europe/Berlin]').getTime())).toBe(true);
    expect(parseSlotTime('2022-06-22T08:00:00.000+02:00[Europe/Berlin]')).toEqual({
      instant: '2022-06-22T06:00:00.000Z',
      zone: 'Europe/Berlin',
    });
  });

  it('gives 08:00 Berlin the right instant on both sides of the spring DST change', () => {
    // Clocks go forward on Sunday 2026-03-29: 08:00 is 07:00Z before and 06:00Z after.
    expect(parseSlotTime('2026-03-28T08:00:00.000+01:00[Europe/Berlin]')?.instant).toBe('2026-03-28T07:00:00.000Z');
    expect(parseSlotTime('2026-03-30T08:00:00.000+02:00[Europe/Berlin]')?.instant).toBe('2026-03-30T06:00:00.000Z');
  });

  it('and on both sides of the autumn change', () => {
    expect(parseSlotTime('2026-10-24T18:30:00.000+02:00[Europe/Berlin]')?.instant).toBe('2026-10-24T16:30:00.000Z');
    expect(parseSlotTime('2026-10-26T18:30:00.000+01:00[Europe/Berlin]')?.instant).toBe('2026-10-26T17:30:00.000Z');
  });

  it('trusts the offset for the instant when the zone name disagrees', () => {
    expect(parseSlotTime('2026-03-30T08:00:00.000+01:00[Europe/Berlin]')).toEqual({
      instant: '2026-03-30T07:00:00.000Z',
      zone: 'Europe/Berlin',
    });
  });

  it('reads times without a zone name, and without milliseconds', () => {
    expect(parseSlotTime('2023-12-03T10:15:30+01:00')).toEqual({ instant: '2023-12-03T09:15:30.000Z' });
    expect(parseSlotTime('2026-03-28T07:00:00Z[UTC]')).toEqual({ instant: '2026-03-28T07:00:00.000Z', zone: 'UTC' });
  });

  it('reads an offset-less time as wall time in the named or fallback zone', () => {
    expect(parseSlotTime('2026-03-30T08:00:00[Europe/Berlin]')?.instant).toBe('2026-03-30T06:00:00.000Z');
    expect(parseSlotTime('2026-03-28T08:00:00', 'Europe/Berlin')?.instant).toBe('2026-03-28T07:00:00.000Z');
    expect(parseSlotTime('2026-03-28T08:00:00')).toBeUndefined();
  });

  it('ignores an unknown zone name but keeps the instant; refuses what is not a time', () => {
    expect(parseSlotTime('2026-03-28T08:00:00.000+01:00[Mars/Olympus]')).toEqual({ instant: '2026-03-28T07:00:00.000Z' });
    expect(parseSlotTime('next tuesday')).toBeUndefined();
    expect(parseSlotTime('2026-13-40T08:00:00.000+01:00[Europe/Berlin]')).toBeUndefined();
    expect(parseSlotTime('2026-02-30T08:00:00.000+01:00[Europe/Berlin]')).toBeUndefined();
    expect(parseSlotTime('2026-03-28T25:00:00.000+01:00[Europe/Berlin]')).toBeUndefined();
    expect(parseSlotTime('')).toBeUndefined();
  });

  it('counts a cancellation term on the studio clock across the DST change', () => {
    // One day before Monday 08:00 CEST is Sunday 08:00 CEST; one day before Sunday 08:00 CEST is Saturday 08:00 CET.
    expect(termBefore('2026-03-30T06:00:00.000Z', { value: 1, unit: 'DAY' }, 'Europe/Berlin')).toBe('2026-03-29T06:00:00.000Z');
    expect(termBefore('2026-03-29T06:00:00.000Z', { value: 1, unit: 'DAY' }, 'Europe/Berlin')).toBe('2026-03-28T07:00:00.000Z');
    expect(termBefore('2026-03-29T06:00:00.000Z', { value: 24, unit: 'HOURS' }, 'Europe/Berlin')).toBe('2026-03-28T06:00:00.000Z');
    expect(termBefore('2026-03-29T06:00:00.000Z', { value: 30, unit: 'MINUTES' }, 'Europe/Berlin')).toBe('2026-03-29T05:30:00.000Z');
    expect(termBefore('2026-03-29T06:00:00.000Z', { value: 1, unit: 'FORTNIGHT' }, 'Europe/Berlin')).toBeUndefined();
  });
});
