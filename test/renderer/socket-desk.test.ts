import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Capabilities } from '../../src-shared/connections';
import type { DeskEvent } from '../../src-shared/contract';
import type { WireRequest } from '../../src-shared/wire';
import { readAccessToken } from '../../src-renderer/src/desk/access-token';
import { DeskError } from '../../src-renderer/src/desk/desk-error';
import { connectSocketDesk, type DeskSocket, type SocketDesk } from '../../src-renderer/src/desk/socket-desk';

/** The far end of one WebSocket, played by the test. */
class FakeSocket implements DeskSocket {
  onopen: ((event: Event) => void) | null = null;
  onmessage: ((event: MessageEvent) => void) | null = null;
  onclose: ((event: CloseEvent) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  sent: WireRequest[] = [];

  constructor(readonly url: string) {}

  send(data: string): void {
    this.sent.push(JSON.parse(data) as WireRequest);
  }
  close(): void {
    this.onclose?.(new CloseEvent('close'));
  }
  accept(): void {
    this.onopen?.(new Event('open'));
  }
  reply(frame: unknown): void {
    this.onmessage?.(new MessageEvent('message', { data: JSON.stringify(frame) }));
  }
  fail(): void {
    this.onerror?.(new Event('error'));
    this.onclose?.(new CloseEvent('close'));
  }
}

// The yes/no abilities; the check-in window is optional and left out here.
const capabilityNames = Object.keys(Capabilities.shape).filter((name) => name !== 'checkInWindow');

let sockets: FakeSocket[];
let desk: SocketDesk;
const latest = (): FakeSocket => {
  const socket = sockets.at(-1);
  if (!socket) throw new Error('no socket yet');
  return socket;
};

beforeEach(() => {
  vi.useFakeTimers();
  sockets = [];
  desk = connectSocketDesk('ws://127.0.0.1:5391/ws?token=t', {
    makeSocket: (url) => {
      const socket = new FakeSocket(url);
      sockets.push(socket);
      return socket;
    },
  });
});
afterEach(() => {
  desk.close();
  vi.useRealTimers();
});

const hello = { coreVersion: '0.1.0', now: '2026-03-20T16:50:00.000Z', status: { connection: 'online', pendingActions: 0, connections: [] } };

describe('the WebSocket desk', () => {
  it('refuses at once while not connected', async () => {
    const error = await desk.api.hello({}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeskError);
    expect((error as DeskError).code).toBe('offline');
  });

  it('sends contract requests and resolves with the validated answer', async () => {
    latest().accept();
    const answer = desk.api.hello({});
    const request = latest().sent[0];
    expect(request).toMatchObject({ type: 'request', command: 'hello', input: {} });
    latest().reply({ type: 'response', id: request?.id, result: { ok: true, value: hello } });
    await expect(answer).resolves.toEqual(hello);
  });

  it('turns a refusal into an error carrying the core’s code and message', async () => {
    latest().accept();
    const answer = desk.api.checkIn({ actionId: crypto.randomUUID(), bookingId: 'b1' });
    latest().reply({
      type: 'response',
      id: latest().sent[0]?.id,
      result: { ok: false, error: { code: 'conflict', message: { code: 'already_checked_in' } } },
    });
    await expect(answer).rejects.toMatchObject({ code: 'conflict', said: { code: 'already_checked_in' } });
  });

  it('rejects an answer that does not match the contract', async () => {
    latest().accept();
    const answer = desk.api.hello({});
    latest().reply({ type: 'response', id: latest().sent[0]?.id, result: { ok: true, value: { now: 'yesterday' } } });
    await expect(answer).rejects.toMatchObject({ code: 'internal' });
  });

  it('hands pushed events to subscribers and drops frames it cannot read', () => {
    const events: DeskEvent[] = [];
    desk.api.subscribe((event) => events.push(event));
    latest().accept();
    latest().onmessage?.(new MessageEvent('message', { data: 'not json' }));
    latest().reply({ type: 'event', event: { name: 'status', payload: { connection: 'whatever' } } });
    const status = {
      connection: 'syncing',
      pendingActions: 2,
      connections: [{ id: 'zenoti-1', label: 'Zenoti', state: 'failing', failingSince: '2026-03-20T16:40:00.000Z' }],
    };
    latest().reply({ type: 'event', event: { name: 'status', payload: status } });
    expect(events).toEqual([{ name: 'status', payload: status }]);
  });

  it('carries the connection commands and the connections event', async () => {
    const events: DeskEvent[] = [];
    desk.api.subscribe((event) => events.push(event));
    latest().accept();
    const settings = { id: 'zenoti-1', provider: 'zenoti', label: 'Zenoti', scopeId: 'c1', timeZone: 'Europe/Berlin' } as const;
    const answer = desk.api.saveConnection({ settings, apiKey: 'k' });
    const request = latest().sent[0];
    expect(request).toMatchObject({ command: 'saveConnection', input: { settings, apiKey: 'k' } });
    const connection = {
      ...settings,
      hasApiKey: true,
      capabilities: Object.fromEntries(capabilityNames.map((name) => [name, false])),
      health: { state: 'never_synced', rejectedRecords: 0 },
    };
    latest().reply({ type: 'response', id: request?.id, result: { ok: true, value: connection } });
    await expect(answer).resolves.toEqual(connection);

    latest().reply({ type: 'event', event: { name: 'connections', payload: [connection] } });
    expect(events).toEqual([{ name: 'connections', payload: [connection] }]);
  });

  it('fails calls in flight when the socket closes and reconnects with growing pauses', async () => {
    const changes: boolean[] = [];
    desk.onConnectionChange((open) => changes.push(open));
    latest().accept();
    expect(desk.isOpen()).toBe(true);
    const inFlight = desk.api.getSnapshot({});
    latest().fail();
    await expect(inFlight).rejects.toMatchObject({ code: 'offline' });
    expect(desk.isOpen()).toBe(false);

    // 0.5 s, 1 s, 2 s, 4 s, then 5 s for ever.
    for (const pause of [500, 1000, 2000, 4000, 5000, 5000]) {
      const before = sockets.length;
      vi.advanceTimersByTime(pause - 1);
      expect(sockets.length).toBe(before);
      vi.advanceTimersByTime(1);
      expect(sockets.length).toBe(before + 1);
      latest().fail();
    }

    vi.advanceTimersByTime(5000);
    latest().accept();
    expect(changes.at(-1)).toBe(true);
    expect(latest().url).toBe('ws://127.0.0.1:5391/ws?token=t');
  });

  it('gives up on a call the core never answers', async () => {
    latest().accept();
    const answer = desk.api.syncNow({});
    vi.advanceTimersByTime(30_000);
    await expect(answer).rejects.toMatchObject({ code: 'timeout' });
  });
});

describe('the access token', () => {
  it('comes from the address and survives a reload without it', () => {
    window.sessionStorage.clear();
    expect(readAccessToken('?token=abc', window.sessionStorage)).toBe('abc');
    expect(readAccessToken('', window.sessionStorage)).toBe('abc');
    expect(readAccessToken('?token=new', window.sessionStorage)).toBe('new');
  });
});
