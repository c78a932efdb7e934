import { randomUUID } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Snapshot } from '../../../src-shared/contract';
import { DeskAction } from '../../../src-shared/domain';
import type { Core } from '../../../src-main/core/core';
import { ProviderError } from '../../../src-main/core/provider-error';
import { value } from '../../support/command-answer';
import { openScriptedCore } from '../../support/scripted-core';
import { ScriptedStudio } from '../../support/scripted-studio';

const morning = new Date('2026-11-23T09:00:00.000Z');
const opened: Core[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((core) => core.close()));
});

async function start(studio: ScriptedStudio) {
  const dir = await mkdtemp(join(tmpdir(), 'classdesk-once-'));
  const core = await openScriptedCore(dir, studio, () => morning);
  opened.push(core);
  return core;
}

/** Waits until the provider holds a call for this action (the test releases it). */
async function heldCall(studio: ScriptedStudio, actionId: string) {
  await expect.poll(() => studio.held.some((call) => call.actionId === actionId), { timeout: 2_000 }).toBe(true);
  const call = studio.held.find((held) => held.actionId === actionId);
  if (!call) throw new Error('no held call');
  return call;
}

describe('desk actions sent exactly once, by the store', () => {
  it('does not send again an action the command path confirmed while a resend pass held an older list', async () => {
    const studio = new ScriptedStudio(morning);
    const core = await start(studio);

    // W waits in the queue: the provider was down when the desk took it (a cancellation for the later class,
    // whose check-in is not open yet).
    studio.failure = new ProviderError({ code: 'provider_said', params: { detail: 'Service unavailable' } }, true);
    const waiting = randomUUID();
    expect(DeskAction.parse(value(await core.handle('cancelBooking', { actionId: waiting, bookingId: 'b-2' }))).state).toBe('accepted');
    studio.failure = undefined;
    studio.calls.splice(0);

    // The provider is back but slow: every call waits for the test.
    studio.holdActions = true;
    const fresh = randomUUID();
    const answer = core.handle('checkIn', { actionId: fresh, bookingId: 'b-1' });
    const freshCall = await heldCall(studio, fresh);

    // A resend pass lists [W, fresh] (both accepted now) and is held on W.
    const pass = core.handle('syncNow', {});
    const waitingCall = await heldCall(studio, waiting);

    // The command path's call goes through first: fresh is confirmed while the pass still holds its list.
    freshCall.release();
    expect(DeskAction.parse(value(await answer)).state).toBe('confirmed');

    // A second send of fresh would reach the provider at once (and be refused: already checked in).
    studio.holdActions = false;
    waitingCall.release();
    await pass;

    expect(studio.calls.filter((call) => call.actionId === fresh)).toHaveLength(1);
    expect(studio.calls.filter((call) => call.actionId === waiting)).toHaveLength(1);
    expect(studio.applied.sort()).toEqual([fresh, waiting].sort());
    const actions = Snapshot.parse(value(await core.handle('getSnapshot', {}))).records.deskActions;
    expect(Object.fromEntries(actions.map((a) => [a.id, a.state]))).toEqual({ [fresh]: 'confirmed', [waiting]: 'confirmed' });
    expect(value<{ status: { pendingActions: number } }>(await core.handle('hello', {})).status.pendingActions).toBe(0);
  });

  it('sends an action once when two resend passes run at the same time', async () => {
    const studio = new ScriptedStudio(morning);
    const core = await start(studio);
    studio.failure = new ProviderError({ code: 'provider_said', params: { detail: 'Service unavailable' } }, true);
    const queued = randomUUID();
    await core.handle('checkIn', { actionId: queued, bookingId: 'b-1' });
    studio.failure = undefined;
    studio.calls.splice(0);

    studio.holdActions = true;
    const first = core.handle('syncNow', {});
    const call = await heldCall(studio, queued);
    const second = core.handle('syncNow', {});
    studio.holdActions = false;
    call.release();
    await Promise.all([first, second]);
    await core.handle('syncNow', {});
    expect(studio.calls.filter((c) => c.actionId === queued)).toHaveLength(1);
    expect(studio.applied).toEqual([queued]);
  });

  it('answers a retried command with the action as it stands, without sending it again', async () => {
    const studio = new ScriptedStudio(morning);
    const core = await start(studio);
    studio.holdActions = true;
    const actionId = randomUUID();
    const original = core.handle('checkIn', { actionId, bookingId: 'b-1' });
    const call = await heldCall(studio, actionId);
    // The renderer lost the answer and sends the same command again while the first is on its way.
    const retried = DeskAction.parse(value(await core.handle('checkIn', { actionId, bookingId: 'b-1' })));
    expect(retried.state).toBe('accepted');
    studio.holdActions = false;
    call.release();
    expect(DeskAction.parse(value(await original)).state).toBe('confirmed');
    expect(DeskAction.parse(value(await core.handle('checkIn', { actionId, bookingId: 'b-1' }))).state).toBe('confirmed');
    expect(studio.calls).toHaveLength(1);
  });
});
