import { randomUUID } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Snapshot, type CheckInByBarcodeResult } from '../../../src-shared/contract';
import { openCore, type Core } from '../../../src-main/core/core';
import { value } from '../../support/command-answer';
import { ScriptedStudio, withoutCheckIn } from '../../support/scripted-studio';
import { testCredentials } from '../../support/test-credentials';

const morning = new Date('2026-11-23T09:00:00.000Z');
/** Every scripted studio gives its m-1 this card: the same barcode in every connection of the chain. */
const sharedCode = '1000000000001';
/** Known to studios b and c only, on their m-3. */
const elsewhereCode = '5550001';

const opened: Core[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((core) => core.close()));
});

/** A chain of connections side by side: a, b, c take check-ins, d is a system that takes none from the desk. */
async function chain() {
  const studios = {
    a: new ScriptedStudio(morning, 'a'),
    b: new ScriptedStudio(morning, 'b'),
    c: new ScriptedStudio(morning, 'c'),
    d: withoutCheckIn(new ScriptedStudio(morning, 'd')),
  };
  for (const studio of [studios.b, studios.c]) {
    const m3 = studio.records.members.find((m) => m.id.endsWith(':m-3'));
    if (!m3) throw new Error('scripted studio without m-3');
    m3.barcode = elsewhereCode;
  }
  const dir = await mkdtemp(join(tmpdir(), 'classdesk-chain-'));
  const core = await openCore({
    dataDir: dir,
    credentials: testCredentials(dir),
    fallbackProviders: Object.values(studios),
    clock: () => morning,
    syncIntervalMs: 0,
    log: () => {},
  });
  opened.push(core);
  return { core, studios };
}

const scan = async (core: Core, barcode: string, locationId: string) =>
  core.handle('checkInByBarcode', { actionId: randomUUID(), barcode, locationId });
const outcome = async (core: Core, barcode: string, locationId: string) => value<CheckInByBarcodeResult>(await scan(core, barcode, locationId));
const deskActions = async (core: Core) => Snapshot.parse(value(await core.handle('getSnapshot', {}))).records.deskActions;

describe('a barcode scan at a chain', () => {
  it("finds the member of the desk's own connection when the same code is on members of several", async () => {
    const { core, studios } = await chain();
    // Connection a's member was cached first; a scan at b, or c, must not take it.
    for (const id of ['b', 'c'] as const) {
      const result = await outcome(core, sharedCode, `${id}:loc-1`);
      expect(result).toMatchObject({ outcome: 'check_in', member: { id: `${id}:m-1` }, session: { id: `${id}:s-now` }, action: { state: 'confirmed' } });
      expect(studios[id].applied).toHaveLength(1);
    }
    expect(studios.a.applied).toEqual([]);
    const result = await outcome(core, sharedCode, 'a:loc-1');
    expect(result).toMatchObject({ outcome: 'check_in', member: { id: 'a:m-1' } });
    expect(studios.a.applied).toHaveLength(1);
  });

  it.each(['m-10115', 'm10115', 'M10115'])('checks in by a member number typed by hand as %s', async (typed) => {
    const { core, studios } = await chain();
    const member = studios.a.records.members.find((m) => m.id === 'a:m-1');
    if (!member) throw new Error('scripted studio without m-1');
    member.memberNumber = 'M-10115';
    await core.handle('syncNow', {});
    const result = await outcome(core, typed, 'a:loc-1');
    expect(result).toMatchObject({ outcome: 'check_in', member: { id: 'a:m-1' } });
  });

  it("answers 'ambiguous_barcode' for a code only two other connections know, and journals nothing", async () => {
    const { core, studios } = await chain();
    const result = await outcome(core, elsewhereCode, 'a:loc-1');
    expect(result.outcome).toBe('ambiguous_barcode');
    if (result.outcome === 'ambiguous_barcode') expect(result.members.map((m) => m.id).sort()).toEqual(['b:m-3', 'c:m-3']);
    expect(await deskActions(core)).toEqual([]);
    expect(Object.values(studios).flatMap((s) => s.calls)).toEqual([]);
  });

  it("answers 'ambiguous_barcode' when the desk's own connection has two members with the code", async () => {
    const { core, studios } = await chain();
    const m2 = studios.a.records.members.find((m) => m.id === 'a:m-2');
    m2!.barcode = sharedCode;
    await core.handle('syncNow', {});
    const result = await outcome(core, sharedCode, 'a:loc-1');
    expect(result.outcome).toBe('ambiguous_barcode');
    if (result.outcome === 'ambiguous_barcode') expect(result.members.map((m) => m.id).sort()).toEqual(['a:m-1', 'a:m-2']);
    expect(await deskActions(core)).toEqual([]);
  });

  it("refuses a scan at a connection whose system takes no check-ins with 'conflict', journaling nothing", async () => {
    const { core, studios } = await chain();
    const result = await scan(core, sharedCode, 'd:loc-1');
    expect(result).toMatchObject({ ok: false, error: { code: 'conflict' } });
    if (!result.ok) expect(result.error.message).toEqual({ code: 'checkin_not_offered', params: { action: 'check_in' } });
    // Neither queued for d, nor sent to another connection that knows the code.
    expect(await deskActions(core)).toEqual([]);
    expect(Object.values(studios).flatMap((s) => s.calls)).toEqual([]);
    expect(value<{ status: { pendingActions: number } }>(await core.handle('hello', {})).status.pendingActions).toBe(0);
  });
});
