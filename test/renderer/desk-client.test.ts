import { describe, expect, it, vi } from 'vitest';
import { commandNames, type CommandResult, type PreloadDesk } from '../../src-shared/contract';
import { DeskError } from '../../src-renderer/src/desk/desk-error';
import { ipcLink } from '../../src-renderer/src/desk/desk-link';
import { aDeskAction } from './fixtures';

/** A stand-in for the preload's window.classdesk: envelopes as main would send them, events pushed by hand. */
function preloadAnswering(answer: (command: string, input: unknown) => CommandResult<unknown>) {
  const listeners = new Set<(event: unknown) => void>();
  const commands = Object.fromEntries(commandNames.map((name) => [name, async (input: unknown) => answer(name, input)]));
  const subscribe = (listener: (event: unknown) => void) => {
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  };
  // Built from the contract's list of names, as the preload builds it; TypeScript cannot follow fromEntries.
  const preload = { ...commands, subscribe } as unknown as PreloadDesk;
  return { preload, push: (event: unknown) => listeners.forEach((listener) => listener(event)) };
}

describe('the desk client over IPC (the same one browser mode uses)', () => {
  it('resolves with an answer that matches the contract', async () => {
    const action = aDeskAction();
    const { api } = ipcLink(preloadAnswering(() => ({ ok: true, value: action })).preload);
    await expect(api.checkIn({ actionId: action.id, bookingId: 'booking-anna' })).resolves.toEqual(action);
  });

  it('keeps the core’s code on a refusal, so the desk words it as over the socket', async () => {
    const said = { code: 'already_checked_in', params: { member: 'Anna Müller' } } as const;
    const { api } = ipcLink(preloadAnswering(() => ({ ok: false, error: { code: 'conflict', message: said } })).preload);
    const error = await api.syncNow({}).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DeskError);
    expect(error).toMatchObject({ code: 'conflict', said });
  });

  it('refuses a refusal whose message is a sentence instead of a code', async () => {
    const { api } = ipcLink(preloadAnswering(() => ({ ok: false, error: { code: 'conflict', message: 'Already checked in' } }) as unknown as CommandResult<unknown>).preload);
    const error = await api.syncNow({}).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'internal' });
    expect((error as DeskError).said).toBeUndefined();
  });

  it('refuses an answer that does not match the contract, and a refusal without a known code', async () => {
    const wrong = ipcLink(preloadAnswering(() => ({ ok: true, value: { state: 'teleported' } })).preload);
    await expect(wrong.api.checkIn({ actionId: crypto.randomUUID(), bookingId: 'b' })).rejects.toMatchObject({ code: 'internal' });
    const odd = ipcLink(preloadAnswering(() => ({ ok: false, error: { code: 'exploded', message: '?' } }) as unknown as CommandResult<unknown>).preload);
    await expect(odd.api.syncNow({})).rejects.toMatchObject({ code: 'internal' });
  });

  it('hands events that match the contract to subscribers and drops the rest', () => {
    const { preload, push } = preloadAnswering(() => ({ ok: true, value: {} }));
    const { api } = ipcLink(preload);
    const seen = vi.fn();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const unsubscribe = api.subscribe(seen);
    push({ name: 'status', payload: { state: 'nonsense' } });
    push({ name: 'connections', payload: [] });
    unsubscribe();
    push({ name: 'connections', payload: [] });
    expect(seen.mock.calls).toEqual([[{ name: 'connections', payload: [] }]]);
    expect(warn).toHaveBeenCalledOnce();
    warn.mockRestore();
  });
});
