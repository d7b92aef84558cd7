import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { ActorRef, SimulatorService } from '../service.js';
import type { SimEvent } from '../simulation.js';
import { eventView } from '../webhooks.js';
import { matchesType } from '../webhook-subscription.js';

/** Close code for a consumer that does not read: RFC 6455's "try again later". */
export const CLOSE_TOO_SLOW = 1013;

export interface EventsSocketOptions {
  /** Bytes buffered for one consumer before it is disconnected as too slow. */
  maxBuffered?: number;
  /** Wall milliseconds a too-slow consumer gets to finish the closing handshake. */
  closeGraceMs?: number;
}

/**
 * `GET /v1/events` upgraded to a WebSocket: the account's events as the key may see them, one
 * JSON event per frame, optionally `?types=message.*,number.*` and `?since=<eventId>` to resume
 * from the retained log. A consumer that stops reading is disconnected once its buffer passes the
 * bound, so that it cannot grow the server's memory.
 */
export function attachEventsSocket(
  server: Server,
  service: SimulatorService,
  options: EventsSocketOptions = {},
): { close(): void; clients(): number } {
  const maxBuffered = options.maxBuffered ?? 4 * 1024 * 1024;
  const grace = options.closeGraceMs ?? 1000;
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  const clients = new Set<{ ws: WebSocket; accepts: (e: SimEvent) => boolean }>();

  const unsubscribe = service.sim.onEvent((event) => {
    for (const client of clients) if (client.accepts(event)) send(client.ws, event, maxBuffered, grace);
  });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== '/v1/events') return refuse(socket, 404, 'no WebSocket at this path');
    const header = req.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : url.searchParams.get('token');
    const admin = token !== null && service.isAdmin(token);
    const actor = token === null ? undefined : service.actorOf(token);
    if (!admin && !actor)
      return refuse(socket, 401, 'send your key as Authorization: Bearer <key> or ?token=');
    const since = url.searchParams.get('since');
    if (since !== null && !/^\d+$/u.test(since)) return refuse(socket, 400, 'since is an event id');
    const types = url.searchParams.get('types')?.split(',').filter(Boolean) ?? ['*'];
    wss.handleUpgrade(req, socket, head, (ws) => {
      const accepts = (e: SimEvent): boolean => matchesType(e.type, types) && visible(e, actor, service);
      const client = { ws, accepts };
      service.sync();
      if (since !== null)
        for (const e of service.sim.eventsSince(Number(since)))
          if (accepts(e)) send(ws, e, maxBuffered, grace);
      clients.add(client);
      ws.on('close', () => clients.delete(client));
      ws.on('error', () => clients.delete(client));
    });
  });

  return {
    clients: () => clients.size,
    close() {
      unsubscribe();
      for (const { ws } of clients) ws.terminate();
      wss.close();
    },
  };
}

/** Whether the key sees an event: its account, and its subgroups for subgroup-owned things. */
function visible(event: SimEvent, ref: ActorRef | undefined, service: SimulatorService): boolean {
  if (!ref) return true;
  if (event.account !== ref.account) return false;
  const actor = service.actor(ref);
  if (!actor) return false;
  return (
    actor.subgroups.length === 0 || event.subgroup === undefined || actor.subgroups.includes(event.subgroup)
  );
}

function send(ws: WebSocket, event: SimEvent, maxBuffered: number, grace: number): void {
  if (ws.readyState !== ws.OPEN) return;
  if (ws.bufferedAmount > maxBuffered) {
    ws.close(CLOSE_TOO_SLOW, 'consumer too slow: reconnect with ?since=<last event id>');
    // A consumer that reads nothing never completes the closing handshake either.
    setTimeout(() => ws.terminate(), grace).unref();
    return;
  }
  ws.send(JSON.stringify(eventView(event)));
}

function refuse(socket: Duplex, status: number, message: string): void {
  const body = JSON.stringify({
    error: { status, code: status === 401 ? 'unauthorized' : 'invalid_request', message },
  });
  socket.end(
    `HTTP/1.1 ${String(status)} ${status === 401 ? 'Unauthorized' : status === 404 ? 'Not Found' : 'Bad Request'}\r\n` +
      `Content-Type: application/json\r\nContent-Length: ${String(Buffer.byteLength(body))}\r\nConnection: close\r\n\r\n${body}`,
  );
}
