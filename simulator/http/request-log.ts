import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Caller } from './app.js';
import { redactSecrets } from './secrets.js';

/** One request as `tendlc serve` logs it: never a key, a token or an Authorization header. */
export interface RequestLogEntry {
  /** Wall time the answer was given, ISO 8601. */
  time: string;
  method: string;
  /** The path and query, with secrets in the query replaced by `[redacted]`. */
  path: string;
  /** The status answered; for a WebSocket, that of the upgrade (101 when accepted). */
  status: number;
  /** Wall milliseconds from the request to its answer. */
  ms: number;
  /** Who called: `user@account`, `admin`, or absent when no key was accepted. */
  caller?: string;
  /** The client went away before the whole answer was sent. */
  aborted?: true;
  /** `websocket` for an upgrade. */
  upgrade?: 'websocket';
}

export type RequestLogger = (entry: RequestLogEntry) => void;

/** Query parameters whose values are secrets by their name (`?token=` of a WebSocket upgrade). */
const SECRET_NAME = /token|key|secret|password|auth|signature/iu;
const MAX_PATH = 400;

/**
 * Reports each request the server answers, and each WebSocket upgrade, to `log` once answered. It
 * listens beside the app, so it sees every request whatever the app does with it; the entry is
 * built from the method, the path and the status only, never from headers or bodies.
 */
export function attachRequestLog(server: Server, log: RequestLogger): void {
  server.prependListener('request', (req: IncomingMessage, res: ServerResponse) => {
    const started = performance.now();
    const method = req.method ?? 'GET';
    const path = redactedPath(req.url ?? '/');
    res.once('close', () => {
      const caller = callerOf((res as ServerResponse & { locals?: { caller?: Caller } }).locals?.caller);
      log({
        time: new Date().toISOString(),
        method,
        path,
        status: res.statusCode,
        ms: elapsed(started),
        ...(caller ? { caller } : {}),
        ...(res.writableFinished ? {} : { aborted: true as const }),
      });
    });
  });
  server.prependListener('upgrade', (req: IncomingMessage, socket: Duplex) => {
    const started = performance.now();
    const path = redactedPath(req.url ?? '/');
    // The upgrade's answer is the first thing written to the socket (by write, or by end for a
    // refusal): its status line is the status.
    const write = socket.write.bind(socket) as (...args: unknown[]) => boolean;
    const end = socket.end.bind(socket) as (...args: unknown[]) => Duplex;
    const seen = (chunk: unknown): void => {
      socket.write = write as typeof socket.write;
      socket.end = end as typeof socket.end;
      const head =
        typeof chunk === 'string'
          ? chunk
          : chunk instanceof Uint8Array
            ? Buffer.from(chunk).toString('latin1')
            : '';
      log({
        time: new Date().toISOString(),
        method: req.method ?? 'GET',
        path,
        status: Number(/^HTTP\/1\.1 (\d{3})/u.exec(head)?.[1] ?? 0),
        ms: elapsed(started),
        upgrade: 'websocket',
      });
    };
    socket.write = ((...args: unknown[]) => {
      seen(args[0]);
      return write(...args);
    }) as typeof socket.write;
    socket.end = ((...args: unknown[]) => {
      seen(typeof args[0] === 'function' ? undefined : args[0]);
      return end(...args);
    }) as typeof socket.end;
  });
}

/** The path and query as they may be logged: secret values replaced, and cut to a sane length. */
export function redactedPath(url: string): string {
  const q = url.indexOf('?');
  const path = q === -1 ? url : url.slice(0, q);
  let out = path;
  if (q !== -1) {
    const parts = url
      .slice(q + 1)
      .split('&')
      .map((part) => {
        const eq = part.indexOf('=');
        const name = eq === -1 ? part : part.slice(0, eq);
        return eq !== -1 && SECRET_NAME.test(safeDecode(name)) ? `${name}=[redacted]` : part;
      });
    out = `${path}?${parts.join('&')}`;
  }
  out = redactSecrets(out);
  return out.length > MAX_PATH ? `${out.slice(0, MAX_PATH)}…` : out;
}

/** One line for a terminal: `15:04:05 POST /v1/messages 202 1.4ms olga@acme`. */
export function formatText(entry: RequestLogEntry): string {
  const time = new Date(entry.time).toTimeString().slice(0, 8);
  const status = entry.aborted ? `${String(entry.status)} (aborted)` : String(entry.status);
  return `${time} ${entry.method} ${entry.path} ${status} ${entry.ms.toFixed(1)}ms${entry.caller ? ` ${entry.caller}` : ''}`;
}

function callerOf(caller: Caller | undefined): string | undefined {
  if (!caller) return undefined;
  if (caller.admin) return 'admin';
  return caller.actor ? `${caller.actor.user}@${caller.actor.account}` : undefined;
}

function elapsed(started: number): number {
  return Math.round((performance.now() - started) * 10) / 10;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replaceAll('+', ' '));
  } catch {
    return text;
  }
}
