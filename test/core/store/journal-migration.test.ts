import { existsSync } from 'node:fs';
import { copyFile, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Snapshot } from '../../../src-shared/contract';
import type { DeskAction } from '../../../src-shared/domain';
import type { Core } from '../../../src-main/core/core';
import { legacyJournalName, migrateLegacyJournal, readLegacyJournal } from '../../../src-main/core/store/journal-migration';
import { openStore } from '../../../src-main/core/store/store-opening';
import { value } from '../../support/command-answer';
import { openScriptedCore } from '../../support/scripted-core';
import { ScriptedStudio } from '../../support/scripted-studio';
import { ids, ManualClock } from '../../support/store-fixtures';

const morning = new Date('2026-11-23T09:00:00.000Z');
const at = (minute: number) => new Date(morning.getTime() - 60 * 60_000 + minute * 60_000).toISOString();
const A = '1a2b3c4d-0000-4000-8000-00000000000a';
const B = '1a2b3c4d-0000-4000-8000-00000000000b';
const C = '1a2b3c4d-0000-4000-8000-00000000000c';

const action = (id: string, state: DeskAction['state'], minute: number, patch: Partial<DeskAction> = {}): DeskAction => ({
  id,
  kind: 'check_in',
  state,
  connectionId: 'scripted',
  bookingId: 'b-1',
  sessionId: 's-now',
  memberId: 'm-1',
  createdAt: at(0),
  updatedAt: at(minute),
  ...patch,
});

/**
 * The old journal as a crash and three operating systems could leave it: \n, \r\n and \r line ends,
 * a line that is not JSON (line 3), and a complete last record whose newline never reached the disk.
 */
const legacyText = [
  `${JSON.stringify(action(A, 'accepted', 1))}\n`,
  `${JSON.stringify(action(B, 'accepted', 2, { kind: 'cancel_booking', bookingId: 'b-2', sessionId: 's-later', memberId: 'm-2' }))}\r\n`,
  '{"id":"half-writ\r',
  `${JSON.stringify(action(B, 'confirmed', 3, { kind: 'cancel_booking', bookingId: 'b-2', sessionId: 's-later', memberId: 'm-2' }))}\r\n`,
  // Written before errors crossed as codes: a sentence, taken over as the system's words.
  JSON.stringify({ ...action(C, 'rejected', 4, { kind: 'undo_check_in' }), error: 'The booking is booked, not checked_in.' }),
].join('');

const opened: Core[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((core) => core.close()));
});

async function legacyDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'classdesk-migration-'));
  await writeFile(join(dir, legacyJournalName), legacyText);
  return dir;
}

async function start(dir: string, studio: ScriptedStudio, logs: string[] = []) {
  const core = await openScriptedCore(dir, studio, () => morning, logs);
  opened.push(core);
  return core;
}

async function restart(core: Core, dir: string, studio: ScriptedStudio, logs: string[] = []) {
  await core.close();
  opened.splice(opened.indexOf(core), 1);
  return start(dir, studio, logs);
}

const deskActionsOf = async (core: Core) => Snapshot.parse(value(await core.handle('getSnapshot', {}))).records.deskActions;

describe('reading the old journal', () => {
  it('takes every parseable line, whatever its line end, the last state of each id, and names the unreadable lines', () => {
    const { actions, unreadableLines } = readLegacyJournal(legacyText);
    expect([...actions.values()].map((a) => [a.id, a.state])).toEqual([
      [A, 'accepted'],
      [B, 'confirmed'],
      [C, 'rejected'],
    ]);
    expect(unreadableLines).toEqual([3]);
  });

  it('counts lines the same way for a file with a trailing newline and blank lines', () => {
    const text = `\n${JSON.stringify(action(A, 'accepted', 1))}\r\nnot json\n\n${JSON.stringify(action(A, 'confirmed', 2))}\n`;
    const { actions, unreadableLines } = readLegacyJournal(text);
    expect(actions.get(A)?.state).toBe('confirmed');
    expect(unreadableLines).toEqual([3]);
  });
});

describe('taking the old journal over into the store', () => {
  it('imports into the store, keeps the file as .migrated byte for byte, and imports nothing a second time', async () => {
    const dir = await legacyDir();
    const clock = new ManualClock(morning);
    const { store } = openStore(dir, clock.read);
    try {
      const outcome = migrateLegacyJournal(store, dir);
      expect(outcome).toEqual({ actions: 3, unreadableLines: [3], keptAs: join(dir, `${legacyJournalName}.migrated`) });
      expect(existsSync(join(dir, legacyJournalName))).toBe(false);
      expect(await readFile(join(dir, `${legacyJournalName}.migrated`), 'utf8')).toBe(legacyText);
      expect(store.get('deskActions', B)?.state).toBe('confirmed');
      expect(ids(store.all('deskActions'))).toEqual([A, B, C]);
      expect(store.get('deskActions', C)?.error).toEqual({ code: 'provider_said', params: { detail: 'The booking is booked, not checked_in.' } });

      const seq = store.lastSeq();
      expect(migrateLegacyJournal(store, dir)).toBeUndefined();
      // The file is back (a crash after the commit, before the rename): the store knows every action in it.
      await copyFile(join(dir, `${legacyJournalName}.migrated`), join(dir, legacyJournalName));
      const again = migrateLegacyJournal(store, dir);
      expect(again).toMatchObject({ actions: 0, unreadableLines: [3] });
      expect(store.lastSeq()).toBe(seq);
      expect(store.get('deskActions', B)?.state).toBe('confirmed');
      expect(existsSync(join(dir, legacyJournalName))).toBe(false);
      // Kept beside the first copy, never over it.
      expect(again?.keptAs).not.toBe(join(dir, `${legacyJournalName}.migrated`));
      expect(await readFile(join(dir, `${legacyJournalName}.migrated`), 'utf8')).toBe(legacyText);
      expect(await readFile(again!.keptAs!, 'utf8')).toBe(legacyText);
    } finally {
      store.close();
    }
  });

  it('through the core: says which line it could not read, and sends the accepted action exactly once', async () => {
    const dir = await legacyDir();
    const studio = new ScriptedStudio(morning);
    const logs: string[] = [];
    const core = await start(dir, studio, logs);
    expect(logs.join('\n')).toMatch(/3 actions taken over/);
    expect(logs.join('\n')).toMatch(/lines 3 could not be read/);
    expect(existsSync(join(dir, `${legacyJournalName}.migrated`))).toBe(true);

    expect(studio.applied).toEqual([A]);
    const actions = await deskActionsOf(core);
    expect(actions.map((a) => [a.id, a.state]).sort()).toEqual([
      [A, 'confirmed'],
      [B, 'confirmed'],
      [C, 'rejected'],
    ]);
    expect(value<{ pendingActions: number }>(await core.handle('hello', {}))).toMatchObject({ status: { pendingActions: 0 } });

    const again = await restart(core, dir, studio);
    expect(studio.applied).toEqual([A]);
    expect(await deskActionsOf(again)).toHaveLength(3);
  });

  it('through the core: a crash between the commit and the rename imports and sends nothing twice', async () => {
    const dir = await legacyDir();
    // The first start got as far as the commit: the store holds the actions and the mark, A still accepted.
    const { store } = openStore(dir, () => morning);
    migrateLegacyJournal(store, dir);
    store.close();
    await copyFile(join(dir, `${legacyJournalName}.migrated`), join(dir, legacyJournalName));

    const studio = new ScriptedStudio(morning);
    const logs: string[] = [];
    const core = await start(dir, studio, logs);
    expect(logs.join('\n')).toMatch(/0 actions taken over/);
    expect(studio.applied).toEqual([A]);
    expect((await deskActionsOf(core)).map((a) => a.id).sort()).toEqual([A, B, C]);

    // And once more with the file put back after a clean run: still once.
    await copyFile(join(dir, `${legacyJournalName}.migrated`), join(dir, legacyJournalName));
    const again = await restart(core, dir, studio);
    expect(studio.applied).toEqual([A]);
    expect((await deskActionsOf(again)).find((a) => a.id === A)?.state).toBe('confirmed');
  });

  it('takes over a journal that turns up later, never replacing the file kept from the first takeover', async () => {
    const dir = await legacyDir();
    const studio = new ScriptedStudio(morning);
    const first = await start(dir, studio);
    // A later journal (an older release was started again on this desk) appears after the takeover.
    const laterId = '1a2b3c4d-0000-4000-8000-0000000000dd';
    const later = `${JSON.stringify(action(laterId, 'accepted', 9, { bookingId: 'b-2', sessionId: 's-later', memberId: 'm-2' }))}\n`;
    await writeFile(join(dir, legacyJournalName), later);
    const again = await restart(first, dir, studio);
    // The first file, with its unreadable line 3, is the only copy of what could not be taken over: it must stay.
    expect(await readFile(join(dir, `${legacyJournalName}.migrated`), 'utf8')).toBe(legacyText);
    // The later journal's action is new to the store: taken over and sent once, the earlier ones not again.
    expect(studio.applied).toEqual([A, laterId]);
    expect((await deskActionsOf(again)).find((a) => a.id === laterId)?.state).toBe('confirmed');
  });
});
