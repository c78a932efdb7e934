import { describe, expect, it } from 'vitest';
import { weekdays, type OpeningHours, type OpeningSpan } from '../../src-shared/settings';
import { isGymOpen, nextInstallMoment, staysClosed } from '../../src-main/updates/opening-hours';

const span = (opens: string, closes: string): OpeningSpan => ({ opens, closes });
const closedAllWeek = (): OpeningHours => Object.fromEntries(weekdays.map((day) => [day, []])) as unknown as OpeningHours;
const everyDay = (...spans: OpeningSpan[]): OpeningHours => Object.fromEntries(weekdays.map((day) => [day, spans])) as unknown as OpeningHours;
const hoursWith = (days: Partial<OpeningHours>): OpeningHours => ({ ...closedAllWeek(), ...days });
const at = (iso: string) => new Date(iso);
const iso = (date: Date | null) => date?.toISOString() ?? null;

const berlin = 'Europe/Berlin';
const newYork = 'America/New_York';
// 2026-06-01 is a Monday; Berlin is UTC+2 in summer, New York UTC-4.
const usualGym = everyDay(span('06:00', '23:00'));

describe('isGymOpen', () => {
  it('is open from the opening minute up to, not including, the closing minute', () => {
    expect(isGymOpen(usualGym, at('2026-06-01T03:59:00Z'), berlin)).toBe(false); // 05:59
    expect(isGymOpen(usualGym, at('2026-06-01T04:00:00Z'), berlin)).toBe(true); // 06:00
    expect(isGymOpen(usualGym, at('2026-06-01T20:59:59Z'), berlin)).toBe(true); // 22:59:59
    expect(isGymOpen(usualGym, at('2026-06-01T21:00:00Z'), berlin)).toBe(false); // 23:00
  });

  it('reads the weekday in the gym’s zone, not UTC’s', () => {
    const mondaysOnly = hoursWith({ monday: [span('00:00', '03:00')] });
    // Sunday 23:30 UTC is Monday 01:30 in Berlin: open there, while New York is still on Sunday.
    expect(isGymOpen(mondaysOnly, at('2026-05-31T23:30:00Z'), berlin)).toBe(true);
    expect(isGymOpen(mondaysOnly, at('2026-05-31T23:30:00Z'), newYork)).toBe(false);
  });

  it('a span closing at 24:00 is open through the day’s last minute', () => {
    const late = everyDay(span('18:00', '24:00'));
    expect(isGymOpen(late, at('2026-06-01T21:59:00Z'), berlin)).toBe(true); // 23:59
    expect(isGymOpen(late, at('2026-06-01T22:00:00Z'), berlin)).toBe(false); // 00:00 Tuesday
  });
});

describe('nextInstallMoment', () => {
  it('while the gym is open: the evening’s close', () => {
    expect(iso(nextInstallMoment(usualGym, at('2026-06-01T10:00:00Z'), berlin))).toBe('2026-06-01T21:00:00.000Z');
  });

  it('while the gym is closed and stays closed: now', () => {
    expect(iso(nextInstallMoment(usualGym, at('2026-06-01T22:15:30Z'), berlin))).toBe('2026-06-01T22:15:30.000Z');
  });

  it('closed, but opening before an install could finish: waits for the next close', () => {
    // 05:45 in Berlin, opening at 06:00: fifteen minutes is less than the thirty an install gets.
    expect(iso(nextInstallMoment(usualGym, at('2026-06-01T03:45:00Z'), berlin))).toBe('2026-06-01T21:00:00.000Z');
    expect(iso(nextInstallMoment(usualGym, at('2026-06-01T03:45:00Z'), berlin, 10))).toBe('2026-06-01T03:45:00.000Z');
  });

  it('skips a lunch break shorter than the install needs, takes a long enough one', () => {
    const lunch = everyDay(span('06:00', '12:00'), span('12:20', '22:00'));
    expect(iso(nextInstallMoment(lunch, at('2026-06-01T08:00:00Z'), berlin))).toBe('2026-06-01T20:00:00.000Z');
    expect(iso(nextInstallMoment(lunch, at('2026-06-01T08:00:00Z'), berlin, 15))).toBe('2026-06-01T10:00:00.000Z');
  });

  it('a day without spans is closed all day', () => {
    const noSundays = { ...usualGym, sunday: [] };
    // Sunday 2026-05-31, noon in Berlin.
    expect(iso(nextInstallMoment(noSundays, at('2026-05-31T10:00:00Z'), berlin))).toBe('2026-05-31T10:00:00.000Z');
  });

  it('open across midnight (18:00–24:00 then 00:00–02:00): waits for 02:00', () => {
    const lateNights = hoursWith({ monday: [span('18:00', '24:00')], tuesday: [span('00:00', '02:00'), span('07:00', '20:00')] });
    // Monday 20:00 in Berlin; 24:00 is no close, the gym goes on into Tuesday.
    expect(iso(nextInstallMoment(lateNights, at('2026-06-01T18:00:00Z'), berlin))).toBe('2026-06-02T00:00:00.000Z');
  });

  it('a close at 24:00 with no opening at 00:00 is the start of the next day', () => {
    const lateFriday = hoursWith({ friday: [span('10:00', '24:00')], saturday: [span('08:00', '18:00')] });
    // Friday 2026-06-05, 20:00 in Berlin: Saturday starts at 22:00 UTC.
    expect(iso(nextInstallMoment(lateFriday, at('2026-06-05T18:00:00Z'), berlin))).toBe('2026-06-05T22:00:00.000Z');
  });

  it('finds a close days ahead, past closed-off weekdays', () => {
    const saturdaysOpenAllDay = hoursWith({ saturday: [span('00:00', '24:00')], sunday: [span('00:00', '12:00')] });
    // Saturday 2026-06-06 noon Berlin → Sunday 12:00 Berlin.
    expect(iso(nextInstallMoment(saturdaysOpenAllDay, at('2026-06-06T10:00:00Z'), berlin))).toBe('2026-06-07T10:00:00.000Z');
  });

  it('a gym open around the clock has no moment: the desk never restarts by itself', () => {
    expect(nextInstallMoment(everyDay(span('00:00', '24:00')), at('2026-06-01T10:00:00Z'), berlin)).toBeNull();
  });

  it('the same hours close at different instants in different zones', () => {
    const now = at('2026-06-01T20:00:00Z'); // 22:00 in Berlin, 16:00 in New York
    expect(iso(nextInstallMoment(usualGym, now, berlin))).toBe('2026-06-01T21:00:00.000Z');
    expect(iso(nextInstallMoment(usualGym, now, newYork))).toBe('2026-06-02T03:00:00.000Z');
    // Half-hour offsets work too: India is UTC+5:30.
    expect(iso(nextInstallMoment(usualGym, now, 'Asia/Kolkata'))).toBe('2026-06-01T20:00:00.000Z');
  });

  describe('daylight saving time (Berlin: 2026-03-29 02:00 → 03:00, 2026-10-25 03:00 → 02:00)', () => {
    it('on the spring day, 23:00 is an hour earlier in UTC than the day before', () => {
      expect(iso(nextInstallMoment(usualGym, at('2026-03-28T12:00:00Z'), berlin))).toBe('2026-03-28T22:00:00.000Z');
      expect(iso(nextInstallMoment(usualGym, at('2026-03-29T12:00:00Z'), berlin))).toBe('2026-03-29T21:00:00.000Z');
    });

    it('a close at a time the clock skips (02:30) happens at the jump, 03:00 summer time', () => {
      const nightOwls = hoursWith({ saturday: [span('18:00', '24:00')], sunday: [span('00:00', '02:30')] });
      // Saturday 23:30 CET; the jump is at 01:00 UTC.
      expect(iso(nextInstallMoment(nightOwls, at('2026-03-28T22:30:00Z'), berlin))).toBe('2026-03-29T01:00:00.000Z');
    });

    it('a close in the hour the clock repeats happens twice; the span reopens in between', () => {
      const nightOwls = hoursWith({ saturday: [span('18:00', '24:00')], sunday: [span('00:00', '02:30')] });
      // First 02:30 is 00:30 UTC (summer time); at 01:00 UTC the clock says 02:00 again: open till 01:30 UTC.
      expect(isGymOpen(nightOwls, at('2026-10-25T00:45:00Z'), berlin)).toBe(false);
      expect(isGymOpen(nightOwls, at('2026-10-25T01:15:00Z'), berlin)).toBe(true);
      // Thirty closed minutes fit before the repeat; forty-five do not, so the second 02:30 it is.
      expect(iso(nextInstallMoment(nightOwls, at('2026-10-24T20:00:00Z'), berlin, 30))).toBe('2026-10-25T00:30:00.000Z');
      expect(iso(nextInstallMoment(nightOwls, at('2026-10-24T20:00:00Z'), berlin, 45))).toBe('2026-10-25T01:30:00.000Z');
    });

    it('on the autumn day, 23:00 is an hour later in UTC', () => {
      expect(iso(nextInstallMoment(usualGym, at('2026-10-25T12:00:00Z'), berlin))).toBe('2026-10-25T22:00:00.000Z');
    });

    it('New York changes on other dates (2026-03-08)', () => {
      expect(iso(nextInstallMoment(usualGym, at('2026-03-07T18:00:00Z'), newYork))).toBe('2026-03-08T04:00:00.000Z');
      expect(iso(nextInstallMoment(usualGym, at('2026-03-08T18:00:00Z'), newYork))).toBe('2026-03-09T03:00:00.000Z');
    });
  });
});

describe('an unknown time zone', () => {
  it('is an error rather than a silent UTC that would restart the desk at the wrong hour', () => {
    expect(() => nextInstallMoment(usualGym, at('2026-06-01T10:00:00Z'), 'Europe/Atlantis')).toThrow(/Unknown time zone/);
  });
});

describe('staysClosed', () => {
  it('checks every minute of the window, from an instant between minutes too', () => {
    expect(staysClosed(usualGym, at('2026-06-01T03:29:30Z'), berlin, 30)).toBe(true); // 05:29:30 to 05:59:30
    expect(staysClosed(usualGym, at('2026-06-01T03:30:30Z'), berlin, 30)).toBe(false); // reaches 06:00
    expect(staysClosed(usualGym, at('2026-06-01T10:00:00Z'), berlin, 30)).toBe(false); // open now
  });
});
