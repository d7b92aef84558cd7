import { formatText, type RequestLogEntry, type RequestLogger } from '../simulator/http/request-log.js';

/** `serve --log-format`: `auto` is `text` on a terminal and nothing otherwise. */
export type LogFormat = 'auto' | 'text' | 'json' | 'off';

export interface ServeLog {
  /** Whether lines are JSON objects (`--log-format json`). */
  json: boolean;
  /** The request logger to give the server; undefined when requests are not logged. */
  requests: RequestLogger | undefined;
  /** A line of the server's own (listening, stopped), as text or as a JSON object. */
  note(event: string, text: string, fields: Record<string, unknown>): void;
  /** Writes what is buffered now (before the process exits). */
  flush(): void;
}

/**
 * Where `serve` writes its log: stdout, one line per request (never a key: the entries carry
 * none). Lines are buffered and written once per turn of the event loop, so that a server under
 * load makes one write for many requests, not one each.
 */
export function serveLog(
  format: LogFormat,
  out: NodeJS.WriteStream = process.stdout,
  terminal = out.isTTY === true,
): ServeLog {
  const effective = format === 'auto' ? (terminal ? 'text' : 'off') : format;
  let buffer: string[] = [];
  let pending = false;
  const flush = (): void => {
    pending = false;
    if (buffer.length === 0) return;
    const text = `${buffer.join('\n')}\n`;
    buffer = [];
    out.write(text);
  };
  const line = (text: string): void => {
    buffer.push(text);
    if (!pending) {
      pending = true;
      setImmediate(flush);
    }
  };
  const requests =
    effective === 'off'
      ? undefined
      : effective === 'json'
        ? (entry: RequestLogEntry) => line(JSON.stringify({ event: 'request', ...entry }))
        : (entry: RequestLogEntry) => line(formatText(entry));
  return {
    json: effective === 'json',
    requests,
    note(event, text, fields) {
      line(
        effective === 'json'
          ? JSON.stringify({ time: new Date().toISOString(), event, ...fields })
          : `tendlc serve: ${text}`,
      );
    },
    flush,
  };
}
