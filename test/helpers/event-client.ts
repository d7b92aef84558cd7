import { connect, type Socket } from 'node:net';
import { WebSocket } from 'ws';

/** A frame of the event stream: an event `{id, type, …}` or a control frame (`stream.reset`). */
export type Frame = { id?: number; type: string; oldest?: number; history?: string } & Record<
  string,
  unknown
>;

/** A consumer of `GET /v1/events` that reads everything, with the history its connection named. */
export interface EventClient {
  frames: Frame[];
  history: string;
  /** The id of the last event received (0 before any). */
  last(): number;
  close(): Promise<void>;
}

/** Connects to the event stream with a key and a query (`since=…&history=…`). */
export function connectEvents(url: string, key: string, query = ''): Promise<EventClient> {
  const ws = new WebSocket(`${url.replace('http', 'ws')}/v1/events${query ? `?${query}` : ''}`, {
    headers: { authorization: `Bearer ${key}` },
  });
  const frames: Frame[] = [];
  ws.on('message', (data: Buffer) => frames.push(JSON.parse(data.toString()) as Frame));
  // A server killed under it ends the connection; the test reads the frames it got.
  ws.on('error', () => undefined);
  return new Promise((done, fail) => {
    ws.once('upgrade', (res) => {
      const history = String(res.headers['x-tendlc-history'] ?? '');
      ws.once('open', () =>
        done({
          frames,
          history,
          last: () => frames.findLast((f) => f.id !== undefined)?.id ?? 0,
          close: () =>
            new Promise<void>((closed) => {
              if (ws.readyState === ws.CLOSED) return closed();
              ws.once('close', () => closed());
              ws.close();
            }),
        }),
      );
    });
    ws.once('error', fail);
  });
}

/** Turns of the event loop until the condition holds: bounded in count, never a sleep. */
export async function until(
  condition: () => boolean | Promise<boolean>,
  what: string,
  turns = 200_000,
): Promise<void> {
  for (let i = 0; i < turns; i++) {
    if (await condition()) return;
    await new Promise((done) => setImmediate(done));
  }
  throw new Error(`gave up waiting for ${what}`);
}

/** A WebSocket frame as the server sends it (unmasked). */
export interface RawFrame {
  opcode: number;
  payload: Buffer;
}

/**
 * A consumer on a bare TCP socket, so that a test decides when it reads: it completes the upgrade,
 * then reads only while resumed, and parses what it reads into frames.
 */
export async function rawConsumer(
  url: string,
  key: string,
  query = '',
): Promise<{ socket: Socket; frames: RawFrame[]; bytes(): number; closed(): boolean }> {
  const { port } = new URL(url);
  const socket = connect(Number(port), '127.0.0.1');
  await new Promise((done) => socket.once('connect', done));
  socket.write(
    `GET /v1/events${query ? `?${query}` : ''} HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
      `Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\nAuthorization: Bearer ${key}\r\n\r\n`,
  );
  let pending = Buffer.alloc(0);
  let headDone = false;
  let head = '';
  let total = 0;
  let isClosed = false;
  const frames: RawFrame[] = [];
  socket.on('close', () => (isClosed = true));
  socket.on('error', () => (isClosed = true));
  socket.on('data', (chunk: Buffer) => {
    total += chunk.length;
    pending = Buffer.concat([pending, chunk]);
    if (!headDone) {
      const end = pending.indexOf('\r\n\r\n');
      if (end < 0) return;
      head = pending.subarray(0, end).toString();
      headDone = true;
      pending = pending.subarray(end + 4);
    }
    for (;;) {
      const frame = nextFrame(pending);
      if (!frame) break;
      frames.push(frame.frame);
      pending = pending.subarray(frame.size);
    }
  });
  await until(() => headDone || isClosed, 'the upgrade', 1_000_000);
  if (!head.startsWith('HTTP/1.1 101'))
    throw new Error(`the upgrade was refused: ${head || 'connection closed'}`);
  return { socket, frames, bytes: () => total, closed: () => isClosed };
}

function nextFrame(buf: Buffer): { frame: RawFrame; size: number } | undefined {
  if (buf.length < 2) return undefined;
  const opcode = buf[0]! & 0x0f;
  let length = buf[1]! & 0x7f;
  let at = 2;
  if (length === 126) {
    if (buf.length < 4) return undefined;
    length = buf.readUInt16BE(2);
    at = 4;
  } else if (length === 127) {
    if (buf.length < 10) return undefined;
    length = Number(buf.readBigUInt64BE(2));
    at = 10;
  }
  if (buf.length < at + length) return undefined;
  return { frame: { opcode, payload: Buffer.from(buf.subarray(at, at + length)) }, size: at + length };
}
