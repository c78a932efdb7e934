import { z } from 'zod';
import type { CommandName, CommandResult } from '../../../src-shared/contract';
import { WireResponse, type WireRequest } from '../../../src-shared/wire';
import { deskClient } from './desk-client';
import { DeskError } from './desk-error';
import type { DeskLink } from './desk-link';

/** A frame's envelope; what an event carries is checked once, by the desk client, as over IPC. */
const IncomingFrame = z.discriminatedUnion('type', [WireResponse, z.object({ type: z.literal('event'), event: z.unknown() })]);

/** The part of a browser WebSocket this client uses; tests hand in their own. */
export interface DeskSocket {
  onopen: ((event: Event) => void) | null;
  onmessage: ((event: MessageEvent) => void) | null;
  onclose: ((event: CloseEvent) => void) | null;
  onerror: ((event: Event) => void) | null;
  send(data: string): void;
  close(): void;
}

export interface SocketDeskOptions {
  makeSocket?: (url: string) => DeskSocket;
  firstRetryMs?: number;
  maxRetryMs?: number;
  /** A core that never answers must not leave a check-in hanging forever. */
  replyTimeoutMs?: number;
}

interface Waiting {
  command: CommandName;
  resolve: (result: CommandResult<unknown>) => void;
  reject: (error: Error) => void;
  timer: ReturnType<typeof setTimeout>;
}

export interface SocketDesk extends DeskLink {
  /** Stops reconnecting and closes the socket (tests, page teardown). */
  close(): void;
}

/** Browser mode: the contract over one WebSocket, reconnecting with backoff for as long as the page lives. */
export function connectSocketDesk(url: string, options: SocketDeskOptions = {}): SocketDesk {
  const makeSocket = options.makeSocket ?? ((address: string): DeskSocket => new WebSocket(address));
  const firstRetryMs = options.firstRetryMs ?? 500;
  const maxRetryMs = options.maxRetryMs ?? 5000;
  const replyTimeoutMs = options.replyTimeoutMs ?? 30_000;

  const waiting = new Map<number, Waiting>();
  const eventListeners = new Set<(event: unknown) => void>();
  const connectionListeners = new Set<(open: boolean) => void>();
  let socket: DeskSocket | null = null;
  let open = false;
  let stopped = false;
  let nextId = 1;
  let retryMs = firstRetryMs;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;

  function tellConnection(isOpen: boolean): void {
    for (const listener of connectionListeners) listener(isOpen);
  }

  function failWaiting(): void {
    for (const [id, entry] of waiting) {
      clearTimeout(entry.timer);
      entry.reject(new DeskError('offline', 'The connection to Classdesk closed before it answered'));
      waiting.delete(id);
    }
  }

  function scheduleReconnect(): void {
    if (stopped) return;
    retryTimer = setTimeout(connect, retryMs);
    retryMs = Math.min(retryMs * 2, maxRetryMs);
  }

  function receive(data: unknown): void {
    if (typeof data !== 'string') return;
    let json: unknown;
    try {
      json = JSON.parse(data);
    } catch {
      return;
    }
    const frame = IncomingFrame.safeParse(json);
    if (!frame.success) {
      console.warn('Classdesk: ignored a frame that does not match the contract', frame.error.issues);
      return;
    }
    if (frame.data.type === 'event') {
      for (const listener of eventListeners) listener(frame.data.event);
      return;
    }
    const entry = waiting.get(frame.data.id);
    if (!entry) return;
    waiting.delete(frame.data.id);
    clearTimeout(entry.timer);
    entry.resolve(frame.data.result);
  }

  function connect(): void {
    if (stopped) return;
    let ws: DeskSocket;
    try {
      ws = makeSocket(url);
    } catch {
      scheduleReconnect();
      return;
    }
    socket = ws;
    ws.onopen = () => {
      open = true;
      retryMs = firstRetryMs;
      tellConnection(true);
    };
    ws.onmessage = (message: MessageEvent) => receive(message.data);
    ws.onclose = () => {
      if (socket !== ws) return;
      socket = null;
      open = false;
      failWaiting();
      tellConnection(false);
      scheduleReconnect();
    };
    // A failed socket always closes next; reconnecting happens there, once.
    ws.onerror = () => undefined;
  }

  function send(command: CommandName, input: unknown): Promise<CommandResult<unknown>> {
    const ws = socket;
    if (!open || !ws) return Promise.reject(new DeskError('offline', 'Classdesk is not connected'));
    const id = nextId++;
    const request: WireRequest = { type: 'request', id, command, input };
    const reply = new Promise<CommandResult<unknown>>((resolve, reject) => {
      const timer = setTimeout(() => {
        waiting.delete(id);
        reject(new DeskError('timeout', `No answer to ${command}`));
      }, replyTimeoutMs);
      waiting.set(id, { command, resolve, reject, timer });
    });
    ws.send(JSON.stringify(request));
    return reply;
  }

  const api = deskClient({
    send,
    listen(listener) {
      eventListeners.add(listener);
      return () => {
        eventListeners.delete(listener);
      };
    },
  });

  connect();

  return {
    api,
    isOpen: () => open,
    onConnectionChange(listener) {
      connectionListeners.add(listener);
      return () => {
        connectionListeners.delete(listener);
      };
    },
    close() {
      stopped = true;
      clearTimeout(retryTimer);
      const ws = socket;
      socket = null;
      if (open) {
        open = false;
        failWaiting();
        tellConnection(false);
      }
      ws?.close();
    },
  };
}
