import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Snapshot } from '../../src-shared/contract';
import { DeskAction, type Booking, type Session } from '../../src-shared/domain';
import type { Core } from '../../src-main/core/core';
import { openDemoStudio } from '../../src-main/core/providers/demo/demo-studio';
import { value } from '../support/command-answer';
import { openScriptedCore } from '../support/scripted-core';
import { ScriptedStudio } from '../support/scripted-studio';

const NOW = Date.parse('2026-11-21T12:00:00.000Z'); // a Saturday, 13:00 in Berlin
const MINUTE = 60_000;
let now = NOW;
const clock = (): Date => new Date(now);
const opened: Core[] = [];
const dirs: string[] = [];

async function deskOnDemoStudio(dataDir?: string): Promise<{ core: Core; dir: string }> {
  const dir = dataDir ?? (await mkdtemp(join(tmpdir(), 'classdesk-no-show-')));
  if (!dataDir) dirs.push(dir);
  const core = await openScriptedCore(dir, await openDemoStudio({ dataDir: dir, clock }), clock);
  opened.push(core);
  await core.handle('syncNow', {});
  return { core, dir };
}

async function close(core: Core): Promise<void> {
  opened.splice(opened.indexOf(core), 1);
  await core.close();
}

const snapshotOf = async (core: Core) => Snapshot.parse(value(await core.handle('getSnapshot', {})));

/** A Berlin class that ended earlier today, and someone on it who is still booked: never came, not marked yet. */
function endedWithAbsentee(snapshot: Snapshot): { session: Session; booking: Booking } {
  for (const session of snapshot.records.sessions) {
    const ended = session.status === 'scheduled' && Date.parse(session.endsAt) < NOW && Date.parse(session.endsAt) > NOW - 6 * 60 * MINUTE;
    const booking = snapshot.records.bookings.find((b) => b.sessionId === session.id && b.status === 'booked');
    if (ended && booking && session.locationId.includes('berlin')) return { session, booking };
  }
  throw new Error('no ended class with someone still booked');
}

afterEach(async () => {
  now = NOW;
  await Promise.all(opened.splice(0).map((core) => core.close()));
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('marking a no-show', () => {
  it('journals a no-show after a demo class, confirms it, and keeps it across a restart', async () => {
    const first = await deskOnDemoStudio();
    const { booking } = endedWithAbsentee(await snapshotOf(first.core));
    const actionId = randomUUID();
    const action = DeskAction.parse(value(await first.core.handle('markNoShow', { actionId, bookingId: booking.id })));
    expect(action).toMatchObject({ id: actionId, kind: 'mark_no_show', state: 'confirmed', bookingId: booking.id });
    const marked = (await snapshotOf(first.core)).records.bookings.find((b) => b.id === booking.id);
    expect(marked?.status).toBe('no_show');
    await close(first.core);

    const again = await deskOnDemoStudio(first.dir);
    const after = await snapshotOf(again.core);
    expect(after.records.bookings.find((b) => b.id === booking.id)?.status).toBe('no_show');
    expect(after.records.deskActions).toContainEqual(expect.objectContaining({ id: actionId, state: 'confirmed', kind: 'mark_no_show' }));
    // The same action id again is the same action, not a second one.
    const repeated = DeskAction.parse(value(await again.core.handle('markNoShow', { actionId, bookingId: booking.id })));
    expect(repeated).toMatchObject({ id: actionId, state: 'confirmed' });
  });

  it('is refused before the class has ended: by the core before journaling, and by the studio in its own words', async () => {
    const { core, dir } = await deskOnDemoStudio();
    const { session, booking } = endedWithAbsentee(await snapshotOf(core));
    now = Date.parse(session.endsAt) - MINUTE;
    const answer = await core.handle('markNoShow', { actionId: randomUUID(), bookingId: booking.id });
    expect(answer).toMatchObject({ ok: false, error: { code: 'conflict', message: { code: 'class_not_ended', params: { endsAt: session.endsAt } } } });
    expect((await snapshotOf(core)).records.deskActions).toEqual([]);

    const studio = await openDemoStudio({ dataDir: dir, clock });
    const refused = await studio.markNoShow({ actionId: randomUUID(), bookingId: booking.id }).catch((error: unknown) => error);
    expect(refused).toMatchObject({ said: { code: 'class_not_ended' }, retryable: false });
  });

  it('refuses a check-in after the class and a cancellation once it started, before journaling', async () => {
    const { core } = await deskOnDemoStudio();
    const { session, booking } = endedWithAbsentee(await snapshotOf(core));
    const late = await core.handle('checkIn', { actionId: randomUUID(), bookingId: booking.id });
    expect(late).toMatchObject({ ok: false, error: { code: 'conflict', message: { code: 'checkin_closed', params: { closedAt: session.endsAt } } } });
    now = Date.parse(session.startsAt) + MINUTE;
    const started = await core.handle('cancelBooking', { actionId: randomUUID(), bookingId: booking.id });
    expect(started).toMatchObject({ ok: false, error: { code: 'conflict', message: { code: 'class_started', params: { startedAt: session.startsAt } } } });
    expect((await snapshotOf(core)).records.deskActions).toEqual([]);
  });

  it('leaves the desk able to mark no-shows until the studio marks them itself at the end of the gym’s day', async () => {
    const { core } = await deskOnDemoStudio();
    const { booking } = endedWithAbsentee(await snapshotOf(core));
    now = Date.parse('2026-11-21T23:00:00.000Z'); // midnight in Berlin
    await core.handle('syncNow', {});
    expect((await snapshotOf(core)).records.bookings.find((b) => b.id === booking.id)?.status).toBe('no_show');
  });

  it('is refused before anything is journaled where the system cannot mark no-shows', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'classdesk-no-show-'));
    dirs.push(dir);
    const core = await openScriptedCore(dir, new ScriptedStudio(new Date(NOW)), clock);
    opened.push(core);
    await core.handle('syncNow', {});
    const answer = await core.handle('markNoShow', { actionId: randomUUID(), bookingId: 'b-1' });
    expect(answer).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect((await snapshotOf(core)).records.deskActions).toEqual([]);
  });
});
