import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { ActorRef, SimulatorService } from '../service.js';
import type { SimEvent } from '../simulation.js';
import { matchesType } from '../webhook-subscription.js';
import { EventConsumer, type EventStreamOptions } from './event-stream.js';
import { bearerOf } from './bearer.js';

export { CLOSE_TOO_SLOW } from './event-stream.js';

export type EventsSocketOptions = EventStreamOptions;

/**
 * `GET /v1/events` upgraded to a WebSocket: the account's events as the key may see them, one
 * JSON event per frame, optionally `?types=message.*,number.*` and `?since=<eventId>` (with
 * `&history=<id>`, the `X-Tendlc-History` of the connection it last saw) to resume from the
 * retained window. Each consumer is an EventConsumer: sent at its own pace, from the window.
 */
export function attachEventsSocket(
  server: Server,
  service: SimulatorService,
  options: EventsSocketOptions = {},
): { close(): void; clients(): number; backlog(): number } {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  const consumers = new Set<EventConsumer>();
  // The history the stream is in, on the upgrade's answer: what a consumer passes back to resume.
  wss.on('headers', (headers) => headers.push(`X-Tendlc-History: ${service.history}`));

  const unsubscribe = service.sim.onEvent((event) => {
    for (const consumer of consumers) consumer.notify(event);
  });
  const unhistory = service.onNewHistory((history) => {
    for (const consumer of consumers) consumer.newHistory(history);
  });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== '/v1/events') return refuse(socket, 404, 'no WebSocket at this path');
    const header = req.headers.authorization;
    const token = bearerOf(header) ?? url.searchParams.get('token');
    const admin = token !== null && service.isAdmin(token);
    const actor = token === null ? undefined : service.actorOf(token);
    if (!admin && !actor)
      return refuse(socket, 401, 'send your key as Authorization: Bearer <key> or ?token=');
    const since = url.searchParams.get('since');
    if (since !== null && !/^\d+$/u.test(since)) return refuse(socket, 400, 'since is an event id');
    const history = url.searchParams.get('history');
    const types = url.searchParams.get('types')?.split(',').filter(Boolean) ?? ['*'];
    wss.handleUpgrade(req, socket, head, (ws) => {
      const accepts = (e: SimEvent): boolean => matchesType(e.type, types) && visible(e, actor, service);
      const consumer = new EventConsumer(
        ws,
        socket,
        service.sim,
        accepts,
        () => consumers.delete(consumer),
        options,
      );
      service.sync();
      consumers.add(consumer);
      ws.on('close', () => consumers.delete(consumer));
      ws.on('error', () => consumers.delete(consumer));
      consumer.start(
        since === null ? null : Number(since),
        history === null || history === service.history,
        service.history,
      );
    });
  });

  return {
    clients: () => consumers.size,
    backlog: () => [...consumers].reduce((sum, c) => sum + c.buffered, 0),
    close() {
      unsubscribe();
      unhistory();
      for (const consumer of consumers) consumer.terminate();
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

function refuse(socket: Duplex, status: number, message: string): void {
  const body = JSON.stringify({
    error: { status, code: status === 401 ? 'unauthorized' : 'invalid_request', message },
  });
  socket.end(
    `HTTP/1.1 ${String(status)} ${status === 401 ? 'Unauthorized' : status === 404 ? 'Not Found' : 'Bad Request'}\r\n` +
      `Content-Type: application/json\r\nContent-Length: ${String(Buffer.byteLength(body))}\r\nConnection: close\r\n\r\n${body}`,
  );
}
