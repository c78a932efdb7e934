import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { DeskFrame, relayDeskPath, type RelayFrame } from '../../../src-shared/relay-wire';
import { WellhubSimulator } from '../../simulators/wellhub-simulator';
import { value } from '../../support/command-answer';
import { bookingIdOf, connection, openDesk, snapshot, type Desk } from './relay-world';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * What a relay sends is checked, never trusted: frames that are not JSON or do not fit relay-wire are
 * skipped and the link stays up. The real relay never sends such frames, so a bare WebSocket peer
 * speaking the protocol plays the relay here; the desk's side is the real core.
 */

const token = 'desk-token-for-frames';
let server: Server;
let peer: WebSocketServer;
let relayUrl: string;
let sim: WellhubSimulator;
let simUrl: string;
let desk: Desk;
let dir: string;
const received: DeskFrame[] = [];
const authorizations: string[] = [];

beforeAll(async () => {
  sim = new WellhubSimulator({ now: new Date(), perMinute: 1_000_000 });
  simUrl = await sim.start();
  const slot = sim.addSlot({ startsAt: new Date(Date.now() + 24 * 3_600_000), capacity: 5 });
  const request = sim.requestBooking(slot.id, { wellhubId: '1000000000042', name: 'Cleo Park' }, 'BK_FRAMES');
  server = createServer();
  peer = new WebSocketServer({ noServer: true });
  server.on('upgrade', (incoming, socket, head) => {
    authorizations.push(String(incoming.headers.authorization ?? ''));
    if (incoming.url !== relayDeskPath) return socket.destroy();
    peer.handleUpgrade(incoming, socket, head, (ws) => serve(ws, request.body, request.signature));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  relayUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  dir = await mkdtemp(join(tmpdir(), 'classdesk-relay-frames-'));
  desk = await openDesk(dir);
  value(
    await desk.core.handle('saveConnection', {
      settings: { id: 'wellhub-berlin', provider: 'wellhub', label: 'Wellhub Berlin', baseUrl: simUrl, scopeId: String(sim.gymId), timeZone: sim.timeZone, relayUrl },
      apiKey: sim.token,
      relayDeskToken: token,
    }),
  );
}, 30_000);

afterAll(async () => {
  await desk?.core.close();
  for (const ws of peer?.clients ?? []) ws.terminate();
  await new Promise<void>((resolve) => server?.close(() => resolve()));
  await sim?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** After the desk's hello: garbage of every kind, then the welcome and one real event. */
function serve(ws: WebSocket, body: string, signature: string): void {
  const send = (frame: RelayFrame) => ws.send(JSON.stringify(frame));
  ws.on('message', (data) => {
    const frame = DeskFrame.parse(JSON.parse(String(data)));
    received.push(frame);
    if (frame.type !== 'hello') return;
    ws.send('this is not JSON');
    ws.send(JSON.stringify({ type: 'event', seq: 'one', body: 42 }));
    ws.send(JSON.stringify({ type: 'party', seq: 1 }));
    ws.send(JSON.stringify([1, 2, 3]));
    send({ type: 'welcome', gymId: String(sim.gymId), deskId: 'desk_frames', after: 0, fallbackDelayMs: 600_000, wellhubDeadlineMs: 900_000 });
    ws.send(JSON.stringify({ type: 'event', seq: -4, eventType: 'booking-requested', body, signature, receivedAt: new Date().toISOString() }));
    send({ type: 'event', seq: 1, eventType: 'booking-requested', body, signature, receivedAt: new Date().toISOString() });
  });
}

describe('frames from the relay', { timeout: 20_000 }, () => {
  it('skips what does not fit the protocol, keeps the link, and takes the next good event', async () => {
    await expect.poll(async () => (await snapshot(desk.core)).records.bookings.find((b) => b.id === bookingIdOf('BK_FRAMES'))?.status, { timeout: 5_000 }).toBe('pending_confirmation');
    expect((await connection(desk.core))?.relay?.state).toBe('connected');
    await expect.poll(() => received.filter((f) => f.type === 'ack').map((f) => (f.type === 'ack' ? f.seq : 0))).toEqual([1]);
    // A new desk says no cursor; the token went in the header, and nowhere into the log.
    expect(received[0]).toEqual({ type: 'hello' });
    expect(authorizations[0]).toBe(`Bearer ${token}`);
    expect(desk.logs.filter((line) => line.includes('does not fit the protocol'))).toHaveLength(5);
    expect(desk.logs.join('\n')).not.toContain(token);
    expect(peer.clients.size).toBe(1);
  });
});
