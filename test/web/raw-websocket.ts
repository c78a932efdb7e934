import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';

/**
 * A WebSocket client written by hand, for sending what no well-behaved client library will:
 * frames over the size limit, invalid UTF-8, unknown opcodes, RSV bits, oversized pings.
 */
export interface RawFrame {
  opcode: number;
  payload: Buffer;
  fin?: boolean;
  /** RSV1..3 as the top bits of the first byte's low nibble: 0x40, 0x20, 0x10. */
  rsv?: number;
  /** Clients must mask; false sends the frame bare, which is itself a protocol error. */
  masked?: boolean;
  /** Announce this length instead of the payload's (a frame "over the limit" without sending it all). */
  announcedLength?: number;
}

export function encodeFrame(frame: RawFrame): Buffer {
  const length = frame.announcedLength ?? frame.payload.length;
  const masked = frame.masked ?? true;
  const head = [(frame.fin === false ? 0 : 0x80) | (frame.rsv ?? 0) | frame.opcode];
  const maskBit = masked ? 0x80 : 0;
  let extended = Buffer.alloc(0);
  if (length < 126) head.push(maskBit | length);
  else if (length < 65536) {
    head.push(maskBit | 126);
    extended = Buffer.alloc(2);
    extended.writeUInt16BE(length);
  } else {
    head.push(maskBit | 127);
    extended = Buffer.alloc(8);
    extended.writeBigUInt64BE(BigInt(length));
  }
  const mask = masked ? randomBytes(4) : Buffer.alloc(0);
  const payload = Buffer.from(frame.payload.map((byte, i) => (masked ? byte ^ (mask[i % 4] ?? 0) : byte)));
  return Buffer.concat([Buffer.from(head), extended, mask, payload]);
}

/** Opens a raw TCP connection and completes the handshake; rejects unless the server answers 101. */
export async function openRawWebSocket(origin: string, path: string): Promise<Socket> {
  const url = new URL(origin);
  const socket = connect(Number(url.port), url.hostname);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  socket.write(
    [
      `GET ${path} HTTP/1.1`,
      `Host: ${url.host}`,
      `Origin: ${origin}`,
      'Upgrade: websocket',
      'Connection: Upgrade',
      `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
      'Sec-WebSocket-Version: 13',
      '',
      '',
    ].join('\r\n'),
  );
  const head = await new Promise<string>((resolve, reject) => {
    let seen = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      seen = Buffer.concat([seen, chunk]);
      const end = seen.indexOf('\r\n\r\n');
      if (end < 0) return;
      socket.off('data', onData);
      // Anything after the head is already frames: hand it back to whoever reads next.
      if (seen.length > end + 4) socket.unshift(seen.subarray(end + 4));
      resolve(seen.subarray(0, end).toString());
    };
    socket.on('data', onData);
    socket.once('error', reject);
  });
  if (!head.startsWith('HTTP/1.1 101')) throw new Error(`handshake refused: ${head.split('\r\n')[0]}`);
  return socket;
}

/**
 * Sends the bytes and reads until the server ends the connection.
 * Resolves with the status code of the server's close frame, or undefined if it closed without one.
 */
export function sendAndAwaitClose(socket: Socket, bytes: Buffer, timeoutMs = 5_000): Promise<number | undefined> {
  return new Promise((resolve, reject) => {
    let received = Buffer.alloc(0);
    const timer = setTimeout(() => reject(new Error('the server kept the connection open')), timeoutMs);
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
    });
    socket.once('close', () => {
      clearTimeout(timer);
      resolve(closeCodeIn(received));
    });
    socket.on('error', () => undefined);
    socket.write(bytes);
  });
}

/** Walks the server's (unmasked) frames and returns the code of the first close frame. */
function closeCodeIn(bytes: Buffer): number | undefined {
  let at = 0;
  while (at + 2 <= bytes.length) {
    const opcode = (bytes[at] ?? 0) & 0x0f;
    let length = (bytes[at + 1] ?? 0) & 0x7f;
    let start = at + 2;
    if (length === 126) {
      length = bytes.readUInt16BE(start);
      start += 2;
    } else if (length === 127) {
      length = Number(bytes.readBigUInt64BE(start));
      start += 8;
    }
    if (opcode === 0x8) return length >= 2 ? bytes.readUInt16BE(start) : undefined;
    at = start + length;
  }
  return undefined;
}
