/// <reference types="node" />
import { commandNames, type CommandName, type DeskApi, type DeskEvent } from '../../src-shared/contract';
import type { Core } from '../../src-main/core/core';
import { DeskError } from '../../src-renderer/src/desk/desk-error';
import type { DeskLink } from '../../src-renderer/src/desk/desk-link';

/**
 * The renderer's DeskLink straight onto a core in the same process: what
 * Electron's preload does over IPC, without the IPC. Commands go through the
 * core's own dispatcher (validated there), events come from its subscribe.
 */
export function coreLink(core: Core): DeskLink {
  const call = (command: CommandName) => async (input: unknown) => {
    const result = await core.handle(command, input);
    if (!result.ok) throw new DeskError(result.error.code, `${command} refused: ${result.error.message.code}`, result.error.message);
    return result.value;
  };
  const api = Object.fromEntries(commandNames.map((command) => [command, call(command)])) as unknown as DeskApi;
  api.subscribe = (listener: (event: DeskEvent) => void) => core.subscribe(listener);
  return { api, isOpen: () => true, onConnectionChange: () => () => undefined };
}

/** A link whose wire can be cut and restored, as the browser-mode WebSocket can: events are lost while it is down. */
export interface SwitchableLink extends DeskLink {
  drop(): void;
  restore(core?: Core): void;
}

export function switchableCoreLink(first: Core): SwitchableLink {
  let core = first;
  let open = true;
  const watchers = new Set<(open: boolean) => void>();
  const listeners = new Set<(event: DeskEvent) => void>();
  let unsubscribe = core.subscribe((event) => listeners.forEach((listener) => listener(event)));
  const call = (command: CommandName) => async (input: unknown) => {
    if (!open) throw new DeskError('unavailable', 'The desk service is not running.');
    const result = await core.handle(command, input);
    if (!result.ok) throw new DeskError(result.error.code, `${command} refused: ${result.error.message.code}`, result.error.message);
    return result.value;
  };
  const api = Object.fromEntries(commandNames.map((command) => [command, call(command)])) as unknown as DeskApi;
  api.subscribe = (listener: (event: DeskEvent) => void) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  };
  const tell = () => watchers.forEach((watcher) => watcher(open));
  return {
    api,
    isOpen: () => open,
    onConnectionChange: (watcher) => {
      watchers.add(watcher);
      return () => watchers.delete(watcher);
    },
    drop: () => {
      open = false;
      unsubscribe();
      tell();
    },
    restore: (next = core) => {
      core = next;
      unsubscribe = core.subscribe((event) => listeners.forEach((listener) => listener(event)));
      open = true;
      tell();
    },
  };
}
