import { describe, expect, it } from 'vitest';
import { deskErrorCode, DeskError } from '../../src-renderer/src/desk/desk-error';
import { sessionToOpen } from '../../src-renderer/src/screens/today/session-to-open';
import { aSession } from './fixtures';

const at = (id: string, startsAt: string, endsAt: string, status: 'scheduled' | 'cancelled' = 'scheduled') =>
  aSession({ id, startsAt, endsAt, status });

const day = [
  at('early', '2026-03-20T07:00:00.000Z', '2026-03-20T08:00:00.000Z'),
  at('cancelled', '2026-03-20T16:00:00.000Z', '2026-03-20T17:00:00.000Z', 'cancelled'),
  at('late', '2026-03-20T18:00:00.000Z', '2026-03-20T19:00:00.000Z'),
];

describe('which class the desk opens by itself', () => {
  it('is the one running now or next, passing over a cancelled one', () => {
    expect(sessionToOpen(day, Date.parse('2026-03-20T07:30:00.000Z'), true)?.id).toBe('early');
    expect(sessionToOpen(day, Date.parse('2026-03-20T16:30:00.000Z'), true)?.id).toBe('late');
  });

  it('is the last class once the day is over, and the first on any other day', () => {
    expect(sessionToOpen(day, Date.parse('2026-03-20T20:00:00.000Z'), true)?.id).toBe('late');
    expect(sessionToOpen(day, Date.parse('2026-03-20T20:00:00.000Z'), false)?.id).toBe('early');
    expect(sessionToOpen([], 0, true)).toBeUndefined();
  });
});

describe('desk error codes', () => {
  it('come from a DeskError, or fall back to internal', () => {
    expect(deskErrorCode(new DeskError('offline', 'gone'))).toBe('offline');
    // Both wires keep the code in a DeskError now: a "code: …" text is no longer parsed for one.
    expect(deskErrorCode(new Error('conflict: already checked in'))).toBe('internal');
    expect(deskErrorCode(new Error('Booking is paused'))).toBe('internal');
    expect(deskErrorCode('nonsense')).toBe('internal');
  });
});
