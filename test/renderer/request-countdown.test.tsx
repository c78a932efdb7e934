import { act, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DeskDatabase } from '../../src-renderer/src/data/db';
import { DeskProvider } from '../../src-renderer/src/desk/desk-context';
import { formatCountdown, requestClock } from '../../src-renderer/src/screens/requests/request-deadlines';
import { RosterPanel } from '../../src-renderer/src/screens/roster/roster-panel';
import { initialUiState, useDeskStore } from '../../src-renderer/src/store';
import { coreNow, rosterScene, seedCache } from './desk-scene';
import { FakeCore } from './fake-core';
import { aBooking, aLocation, aSession, dropDatabase, freshDatabase } from './fixtures';

let db: DeskDatabase;

// Dora asked at 16:37:05 UTC: Wellhub declines at 16:52:05, the relay answers at 16:47:05 … or, here, later.
const decideBy = '2026-03-20T16:52:05.000Z';
const fallbackAt = '2026-03-20T16:51:05.000Z';

function scene() {
  const records = rosterScene();
  records.bookings = (records.bookings ?? []).map((booking) => (booking.id === 'booking-dora' ? aBooking({ ...booking, decideBy, fallbackAt }) : booking));
  return records;
}

beforeEach(async () => {
  // Only the clock and the intervals: IndexedDB's own timers keep running for real.
  vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] });
  vi.setSystemTime(new Date(coreNow));
  useDeskStore.setState(initialUiState);
  db = freshDatabase();
  await seedCache(db, scene());
});
afterEach(async () => {
  vi.useRealTimers();
  await dropDatabase(db);
});

async function doraRow(): Promise<HTMLElement> {
  const rows = await screen.findAllByTestId('roster-row');
  const row = rows.find((r) => r.dataset['bookingId'] === 'booking-dora');
  if (!row) throw new Error('no row for Dora');
  return row;
}

const pass = (ms: number) => act(() => vi.advanceTimersByTime(ms));

describe('the countdown on a booking request', () => {
  it('ticks every second, drops the relay’s once it is due, and says when Wellhub declined', async () => {
    render(
      <DeskProvider db={db} desk={new FakeCore({ records: scene() }).api}>
        <RosterPanel location={aLocation()} entry={{ session: aSession(), instructorName: 'Mia' }} />
      </DeskProvider>,
    );
    const row = await doraRow();
    const timer = await within(row).findByRole('timer');
    expect(timer.textContent).toBe('2:05 leftauto 1:05');
    // The times behind it, in the gym's zone, for whoever hovers.
    expect(timer.getAttribute('title')).toBe(
      'Unanswered, Wellhub declines this request at 17:52. Before that, at 17:51, the relay answers it by itself: confirmed while the class has room, otherwise rejected as full.',
    );
    expect(within(row).getByTestId('action-confirm')).toBeTruthy();

    await pass(1_000);
    expect(within(row).getByTestId('countdown-declines').textContent).toBe('2:04 left');
    expect(within(row).getByTestId('countdown-auto-answer').textContent).toBe('auto 1:04');

    await pass(64_000);
    expect(within(row).getByTestId('countdown-declines').textContent).toBe('1:00 left');
    expect(within(row).queryByTestId('countdown-auto-answer')).toBeNull();

    await pass(60_000);
    const expired = within(row).getByTestId('request-countdown');
    expect(expired.textContent).toBe('Expired — Wellhub declined it');
    expect(expired.getAttribute('role')).toBeNull();
    // The roster's own clock catches up (at the deadline itself a timer wakes it; fake time leaves that to the next tick).
    await pass(15_000);
    // The registry's rule: nothing answers a request Wellhub has already declined.
    expect(within(row).queryByTestId('action-confirm')).toBeNull();
    expect(within(row).queryByTestId('action-reject')).toBeNull();
  });

  it('is one clock for every row: one interval, not one per countdown', async () => {
    const records = scene();
    records.bookings = [
      ...(records.bookings ?? []),
      aBooking({ id: 'booking-emil-2', memberId: 'emil', status: 'pending_confirmation', source: 'wellhub', decideBy, fallbackAt }),
    ];
    await seedCache(db, records);
    const intervals = vi.spyOn(globalThis, 'setInterval');
    render(
      <DeskProvider db={db} desk={new FakeCore({ records }).api}>
        <RosterPanel location={aLocation()} entry={{ session: aSession(), instructorName: 'Mia' }} />
      </DeskProvider>,
    );
    await doraRow();
    expect(await screen.findAllByRole('timer')).toHaveLength(2);
    // Testing Library polls every 50 ms while it waits; the desk's own clocks tick at 15 s; countdowns in between.
    const ticking = intervals.mock.calls.filter(([, ms]) => ms !== undefined && ms >= 100 && ms <= 1_000);
    expect(ticking).toHaveLength(1);
  });
});

describe('a request’s clock', () => {
  const now = Date.parse(coreNow);

  it('counts down to Wellhub’s deadline and the relay’s while that comes first', () => {
    expect(requestClock({ decideBy, fallbackAt }, now)).toEqual({ state: 'open', declinesInMs: 125_000, autoAnswerInMs: 65_000 });
    expect(requestClock({ decideBy, fallbackAt }, now + 65_000)).toEqual({ state: 'open', declinesInMs: 60_000, autoAnswerInMs: undefined });
    expect(requestClock({ decideBy }, now)).toEqual({ state: 'open', declinesInMs: 125_000, autoAnswerInMs: undefined });
    expect(requestClock({ decideBy, fallbackAt }, now + 125_000)).toEqual({ state: 'expired' });
    expect(requestClock({}, now)).toBeUndefined();
  });

  it('reads as a clock face, never 0:00 while a moment is left', () => {
    expect(formatCountdown(754_000)).toBe('12:34');
    expect(formatCountdown(454_001)).toBe('7:35');
    expect(formatCountdown(1)).toBe('0:01');
    expect(formatCountdown(-5)).toBe('0:00');
    expect(formatCountdown(3_723_000)).toBe('1:02:03');
  });
});
