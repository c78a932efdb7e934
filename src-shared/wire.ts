import { z } from 'zod';
import { CommandError, DeskEvent } from './contract';

/**
 * Browser mode's WebSocket frames. Electron IPC needs none of this: it has
 * request/response built in. Each frame is one JSON text message.
 */
export const WireRequest = z.object({
  type: z.literal('request'),
  id: z.number().int().nonnegative(),
  /** Any string: the core itself answers an unknown command with a clear error. */
  command: z.string().min(1).max(64),
  input: z.unknown(),
});
export type WireRequest = z.infer<typeof WireRequest>;

export const WireResponse = z.object({
  type: z.literal('response'),
  id: z.number().int().nonnegative(),
  result: z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), value: z.unknown() }),
    z.object({ ok: z.literal(false), error: CommandError }),
  ]),
});
export type WireResponse = z.infer<typeof WireResponse>;

export const WireEvent = z.object({ type: z.literal('event'), event: DeskEvent });
export type WireEvent = z.infer<typeof WireEvent>;

export const ServerFrame = z.discriminatedUnion('type', [WireResponse, WireEvent]);
export type ServerFrame = z.infer<typeof ServerFrame>;

/** Path of the WebSocket on the browser-mode server; the per-run token rides in `?token=`. */
export const wirePath = '/ws';

/** Where browser mode serves the outage kit's PDFs (`/outage-kit/2026-11-23/studio-mitte.pdf`), the key in a header. */
export const paperPath = '/outage-kit';
