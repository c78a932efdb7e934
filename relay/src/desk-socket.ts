import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { sql } from 'kysely';
import type { Logger } from 'pino';
import { WebSocket, WebSocketServer } from 'ws';
import { DeskFrame, defaultWellhubReason, wellhubReasonTexts, type RelayFrame, type WellhubReasonCategory } from '../../src-shared/relay-wire.ts';
import { decideBooking, type Choose, type DecisionContext } from './booking-decisions.ts';
import { acknowledge, eventsAfter } from './event-store.ts';
import { deskForToken } from './gyms.ts';

/**
 * Desks connect here (GET /desk, `Authorization: Bearer <desk token>`). After
 * `hello` a desk gets every event of its gym after its cursor, in order, then
 * live ones: a notification from any instance makes each connection read on
 * from the last seq it sent, so no event is sent twice on one connection and
 * none is skipped. A slow timer reads on too, in case a notification was lost.
 */

const batchSize = 500;

export interface DeskHub {
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** A gym has new events (from a notification). */
  wake(gymId: string): void;
  wakeAll(): void;
  connections(): number;
  close(): Promise<void>;
}

export interface DeskHubContext extends DecisionContext {
  log: Logger;
  fallbackDelayMs: number;
  wellhubDeadlineMs: number;
  /** How often every connection reads on without a notification. */
  sweepMs?: number;
}

export function deskHub(context: DeskHubContext): DeskHub {
  const { db, log } = context;
  const server = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  const byGym = new Map<string, Set<() => void>>();
  const sockets = new Set<WebSocket>();

  const chooseForDesk =
    (decision: 'confirm' | 'reject', reasonCategory: WellhubReasonCategory | undefined): Choose =>
    async (trx, request) => {
      if (decision === 'reject') {
        const category = reasonCategory ?? defaultWellhubReason;
        return { status: 'REJECTED', reasonCategory: category, reason: wellhubReasonTexts[category] };
      }
      // The desk decided; the relay's count follows so a later fallback sees the place taken.
      const held = request.slot_id === null ? undefined : await trx
        .updateTable('slot_capacity')
        .set({ total_booked: sql<number>`total_booked + 1` })
        .where('gym_id', '=', request.gym_id)
        .where('slot_id', '=', request.slot_id)
        .returning('slot_id')
        .executeTakeFirst();
      return { status: 'RESERVED', heldPlace: held !== undefined };
    };

  const serve = (ws: WebSocket, desk: { id: string; gym_id: string; acked_seq: number }) => {
    let sentUpTo: number | undefined;
    let pumping = false;
    let again = false;
    const send = (frame: RelayFrame) =>
      new Promise<void>((resolve) => {
        if (ws.readyState !== WebSocket.OPEN) return resolve();
        ws.send(JSON.stringify(frame), () => resolve());
      });

    const pump = async () => {
      if (sentUpTo === undefined) return;
      if (pumping) {
        again = true;
        return;
      }
      pumping = true;
      try {
        for (;;) {
          again = false;
          const rows = await eventsAfter(db, desk.gym_id, sentUpTo, batchSize);
          let last: Promise<void> | undefined;
          for (const row of rows) {
            if (ws.readyState !== WebSocket.OPEN) return;
            last = send({ type: 'event', seq: row.seq, eventType: row.event_type, body: row.body, signature: row.signature, receivedAt: row.received_at.toISOString() });
            sentUpTo = row.seq;
          }
          await last;
          if (rows.length < batchSize && !again) break;
        }
      } catch (error) {
        log.warn({ deskId: desk.id, err: error instanceof Error ? error.message : String(error) }, 'could not read events for a desk');
      } finally {
        pumping = false;
      }
    };
    const wake = () => void pump();

    sockets.add(ws);
    const listeners = byGym.get(desk.gym_id) ?? new Set();
    listeners.add(wake);
    byGym.set(desk.gym_id, listeners);
    ws.on('close', () => {
      sockets.delete(ws);
      listeners.delete(wake);
      if (listeners.size === 0) byGym.delete(desk.gym_id);
    });

    ws.on('message', (data) => {
      let frame: DeskFrame;
      try {
        frame = DeskFrame.parse(JSON.parse(String(data)));
      } catch {
        void send({ type: 'problem', message: 'The relay did not understand that frame.' });
        return;
      }
      void handle(frame).catch((error: unknown) => {
        log.error({ deskId: desk.id, err: error instanceof Error ? error.message : String(error) }, 'desk frame failed');
        void send({ type: 'problem', message: 'The relay could not do that just now; try again.' });
      });
    });

    const handle = async (frame: DeskFrame) => {
      switch (frame.type) {
        case 'hello': {
          if (sentUpTo !== undefined) return void send({ type: 'problem', message: 'hello was already sent on this connection' });
          const stored = await db.selectFrom('desk_tokens').select('acked_seq').where('id', '=', desk.id).executeTakeFirst();
          sentUpTo = frame.after ?? stored?.acked_seq ?? desk.acked_seq;
          await send({ type: 'welcome', gymId: desk.gym_id, deskId: desk.id, after: sentUpTo, fallbackDelayMs: context.fallbackDelayMs, wellhubDeadlineMs: context.wellhubDeadlineMs });
          log.info({ deskId: desk.id, gymId: desk.gym_id, after: sentUpTo }, 'desk connected');
          return pump();
        }
        case 'ack':
          return acknowledge(db, desk.id, frame.seq);
        case 'capacity':
          await db
            .insertInto('slot_capacity')
            .values({ gym_id: desk.gym_id, slot_id: frame.slotId, total_capacity: frame.totalCapacity, total_booked: frame.totalBooked, updated_at: new Date() })
            .onConflict((oc) => oc.columns(['gym_id', 'slot_id']).doUpdateSet({ total_capacity: frame.totalCapacity, total_booked: frame.totalBooked, updated_at: new Date() }))
            .execute();
          return;
        case 'decide': {
          const decided = await decideBooking(context, desk.gym_id, frame.bookingNumber, `desk:${desk.id}`, chooseForDesk(frame.decision, frame.reasonCategory));
          log.info({ deskId: desk.id, bookingNumber: frame.bookingNumber, result: decided.result }, 'desk decision');
          return send({
            type: 'decision',
            requestId: frame.requestId,
            bookingNumber: frame.bookingNumber,
            result: decided.result,
            ...('note' in decided && decided.note ? { note: decided.note } : {}),
            ...('error' in decided ? { error: decided.error } : {}),
          });
        }
      }
    };
  };

  const sweep = setInterval(() => {
    for (const listeners of byGym.values()) for (const wake of listeners) wake();
  }, context.sweepMs ?? 5_000);
  sweep.unref();

  return {
    handleUpgrade(request, socket, head) {
      const token = /^Bearer\s+(.+)$/i.exec(request.headers.authorization ?? '')?.[1]?.trim();
      const refuse = (status: number, text: string) => {
        socket.end(`HTTP/1.1 ${status} ${text}\r\ncontent-type: application/json\r\nconnection: close\r\n\r\n${JSON.stringify({ error: text })}`);
      };
      if (!token) return refuse(401, 'Unauthorized');
      deskForToken(db, token).then(
        (desk) => {
          if (!desk) {
            log.warn('desk connection with an unknown or revoked token');
            return refuse(401, 'Unauthorized');
          }
          server.handleUpgrade(request, socket, head, (ws) => serve(ws, desk));
        },
        (error: unknown) => {
          log.error({ err: error instanceof Error ? error.message : String(error) }, 'desk token check failed');
          refuse(503, 'Service Unavailable');
        },
      );
    },
    wake(gymId) {
      for (const wake of byGym.get(gymId) ?? []) wake();
    },
    wakeAll() {
      for (const listeners of byGym.values()) for (const wake of listeners) wake();
    },
    connections: () => sockets.size,
    async close() {
      clearInterval(sweep);
      for (const ws of sockets) ws.close(1001, 'relay shutting down');
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
