import { beforeEach, describe, expect, it } from 'vitest';
import { commandChannel, commandNames, eventChannel } from '../../src-shared/command-names';
import { closePinAskedChannel, closeWithPinChannel } from '../../src-shared/front-desk';
import { openTodaysRostersChannel } from '../../src-shared/paper';
import { loadShell, type FakeElectron } from './load-shell';

/**
 * Checklist rule 20: the page gets one named function per contract command and
 * one subscription, never ipcRenderer or a generic invoke.
 */
let electron: FakeElectron;
let api: Record<string, unknown>;
beforeEach(async () => {
  electron = await loadShell({ lock: false });
  await import('../../src-main/preload');
  api = electron.contextBridge.exposed.get('classdesk') as Record<string, unknown>;
});

describe('preload', () => {
  it('exposes only `classdesk` (the contract’s commands and subscribe), `classdeskClose` and `classdeskPaper`, all plain functions', () => {
    expect([...electron.contextBridge.exposed.keys()]).toEqual(['classdesk', 'classdeskClose', 'classdeskPaper']);
    expect(Object.keys(api).sort()).toEqual([...commandNames, 'subscribe'].sort());
    for (const value of Object.values(api)) expect(typeof value).toBe('function');
    expect(Object.values(api)).not.toContain(electron.ipcRenderer);
  });

  it('each command invokes its own channel and hands the envelope over as main sent it, a refusal with its code', async () => {
    const refusal = { ok: false, error: { code: 'unavailable', message: 'Desk service not running' } };
    electron.ipcRenderer.answer = (channel) => (channel === commandChannel('syncNow') ? refusal : { ok: true, value: 42 });
    await expect((api['hello'] as (input: unknown) => Promise<unknown>)({})).resolves.toEqual({ ok: true, value: 42 });
    // Not thrown: contextBridge would keep an error's message only, and the code would be lost.
    await expect((api['syncNow'] as (input: unknown) => Promise<unknown>)({})).resolves.toEqual(refusal);
    expect(electron.ipcRenderer.invoked.map(([channel]) => channel)).toEqual([commandChannel('hello'), commandChannel('syncNow')]);
  });

  it('subscribe hands over the payload only, never the IPC event and its sender, and can be undone', () => {
    const received: unknown[] = [];
    const unsubscribe = (api['subscribe'] as (listener: (event: unknown) => void) => () => void)((event) => received.push(event));
    electron.ipcRenderer.emit(eventChannel, { sender: 'the main process’s handle' }, { name: 'status' });
    unsubscribe();
    electron.ipcRenderer.emit(eventChannel, {}, { name: 'later' });
    expect(received).toEqual([{ name: 'status' }]);
    expect(electron.ipcRenderer.listenerCount(eventChannel)).toBe(0);
  });

  it('classdeskClose: two functions; the PIN goes to its own channel as { pin }, main’s ask arrives without the IPC event', async () => {
    const close = electron.contextBridge.exposed.get('classdeskClose') as Record<string, unknown>;
    expect(Object.keys(close).sort()).toEqual(['onPinAsked', 'submitPin']);
    electron.ipcRenderer.answer = (channel) => (channel === closeWithPinChannel ? { outcome: 'wrong', triesLeft: 4 } : undefined);
    await expect((close['submitPin'] as (pin: string) => Promise<unknown>)('1234')).resolves.toEqual({ outcome: 'wrong', triesLeft: 4 });
    expect(electron.ipcRenderer.invoked).toEqual([[closeWithPinChannel, { pin: '1234' }]]);

    const asked: unknown[][] = [];
    const stop = (close['onPinAsked'] as (listener: (...args: unknown[]) => void) => () => void)((...args) => asked.push(args));
    electron.ipcRenderer.emit(closePinAskedChannel, { sender: 'the main process’s handle' });
    stop();
    electron.ipcRenderer.emit(closePinAskedChannel, {});
    expect(asked).toEqual([[]]);
    expect(electron.ipcRenderer.listenerCount(closePinAskedChannel)).toBe(0);
  });

  it('classdeskPaper: one function; it sends the location id alone on its own channel and hands main’s answer over', async () => {
    const paper = electron.contextBridge.exposed.get('classdeskPaper') as Record<string, unknown>;
    expect(Object.keys(paper)).toEqual(['openTodaysRosters']);
    electron.ipcRenderer.answer = () => ({ outcome: 'opened', file: '2026-11-23/main.pdf' });
    await expect((paper['openTodaysRosters'] as (id: string) => Promise<unknown>)('loc-1')).resolves.toEqual({ outcome: 'opened', file: '2026-11-23/main.pdf' });
    expect(electron.ipcRenderer.invoked.at(-1)).toEqual([openTodaysRostersChannel, { locationId: 'loc-1' }]);
  });
});
