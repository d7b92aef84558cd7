import { createHmac } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../helpers/build.js';
import { until } from '../helpers/event-client.js';
import { reliabilitySize } from '../helpers/reliability-size.js';
import { startServe, stopWith, type ServeProcess } from '../helpers/serve-process.js';

// R6 across restarts: webhook deliveries are an outbox in the state. A receiver fails half its
// requests while the real server is stopped (SIGTERM) and killed (kill -9) between rounds of
// traffic: pending deliveries and their attempts come back on their schedule, the delivery log
// survives, and in the end every event reached the receiver at least once, signed.

const ADMIN = 'outbox-admin';
const ROUNDS = reliabilitySize(12, 4);
const MESSAGES = reliabilitySize(25, 6);

interface Delivery {
  id: string;
  eventId: number;
  state: string;
  attempts: unknown[];
  nextAttemptAt?: string;
}

let receiver: Server;
const perDelivery = new Map<string, number>();
const received: Array<{ id: number; body: string; signature: string; history: string }> = [];
beforeAll(async () => {
  ensureBuilt();
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      // Half of all requests fail: each delivery's first attempt, third, and so on.
      const delivery = String(req.headers['x-tendlc-delivery']);
      const tries = (perDelivery.get(delivery) ?? 0) + 1;
      perDelivery.set(delivery, tries);
      if (tries % 2 === 1) {
        res.writeHead(503).end();
        return;
      }
      received.push({
        id: Number(req.headers['x-tendlc-event-id']),
        body,
        signature: String(req.headers['x-tendlc-signature']),
        history: String(req.headers['x-tendlc-history']),
      });
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((done) => receiver.listen(0, '127.0.0.1', done));
});
afterAll(async () => {
  await new Promise<void>((done) => receiver.close(() => done()));
});

function call(
  server: ServeProcess,
  method: string,
  path: string,
  body?: unknown,
  admin = false,
): Promise<Response> {
  return fetch(`${server.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${admin ? ADMIN : server.key}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

async function log(server: ServeProcess, sub: string): Promise<Delivery[]> {
  return (
    (await (await call(server, 'GET', `/v1/webhooks/${sub}/deliveries`)).json()) as { data: Delivery[] }
  ).data;
}

/** Waits until no attempt is due or in flight: every pending delivery waits for a later time. */
async function quiet(server: ServeProcess, sub: string): Promise<Delivery[]> {
  let deliveries: Delivery[] = [];
  await until(async () => {
    const now = Date.parse(
      ((await (await call(server, 'GET', '/v1/sim/clock', undefined, true)).json()) as { now: string }).now,
    );
    deliveries = await log(server, sub);
    return deliveries.every((d) => d.state !== 'pending' || Date.parse(d.nextAttemptAt!) > now);
  }, 'the deliveries due to be made');
  return deliveries;
}

describe('webhook deliveries across restarts', () => {
  it(
    'come back pending with their attempts, resume on schedule, and reach a flaky receiver at least once',
    async () => {
      const data = join(mkdtempSync(join(tmpdir(), 'tendlc-outbox-')), 'state.json');
      const env = { TENDLC_SNAPSHOT_EVERY: '23' };
      let server = await startServe(data, ADMIN, { env });
      const url = `http://127.0.0.1:${String((receiver.address() as AddressInfo).port)}/hook`;
      const sub = (await (
        await call(server, 'POST', '/v1/webhooks', { url, events: ['message.*'] })
      ).json()) as {
        id: string;
        secret: string;
      };
      let restartsWithPending = 0;
      for (let round = 0; round < ROUNDS; round++) {
        for (let i = 0; i < MESSAGES; i++) {
          const sent = await call(server, 'POST', '/v1/messages', {
            from: '+12065550100',
            to: `+1206555${String(3000 + round * 100 + i)}`,
            body: 'Acme Realty: open house Sat. Reply STOP to opt out',
          });
          expect(sent.status).toBe(202);
        }
        // Three ways to go down: a clean stop, a kill -9 with nothing in flight, a kill -9 while
        // attempts are in flight (the clock has just made retries due).
        const how = round % 3;
        if (how !== 2) await call(server, 'POST', '/v1/sim/clock', { advance: '3s' }, true);
        const before = await quiet(server, sub.id);
        if (how === 2) await call(server, 'POST', '/v1/sim/clock', { advance: '3s' }, true);
        await stopWith(server, how === 0 ? 'SIGTERM' : 'SIGKILL');
        server = await startServe(data, ADMIN, { env });
        const after = await log(server, sub.id);
        if (before.some((d) => d.state === 'pending')) restartsWithPending += 1;
        if (how !== 2) {
          // The log is as it was, pending deliveries included, each with its attempts and its due time.
          expect(after).toEqual(before);
          continue;
        }
        // Attempts in flight at the kill may or may not have been recorded; none recorded is lost.
        const byId = new Map(after.map((d) => [d.id, d]));
        for (const d of before) {
          expect(byId.get(d.id)?.attempts.slice(0, d.attempts.length)).toEqual(d.attempts);
          if (d.state !== 'pending') expect(byId.get(d.id)).toEqual(d);
        }
      }
      expect(restartsWithPending).toBeGreaterThan(ROUNDS / 2);

      // Time goes on until nothing is owed.
      for (let step = 0; step < 40; step++) {
        const deliveries = await quiet(server, sub.id);
        if (deliveries.every((d) => d.state !== 'pending')) break;
        await call(server, 'POST', '/v1/sim/clock', { advance: '10m' }, true);
      }
      const deliveries = await log(server, sub.id);
      expect(deliveries.filter((d) => d.state !== 'delivered')).toEqual([]);
      // Each delivery's first request fails; one in flight at a kill may not be in the log.
      expect(deliveries.filter((d) => d.attempts.length >= 2).length).toBeGreaterThan(deliveries.length / 2);
      // Every message event the server holds reached the receiver at least once, signed.
      const events: Array<{ id: number }> = [];
      for (let cursor: string | null = '0'; cursor !== null;) {
        const page = (await (
          await call(
            server,
            'GET',
            `/v1/sim/events?types=message.*&limit=1000&cursor=${cursor}`,
            undefined,
            true,
          )
        ).json()) as { data: Array<{ id: number }>; next: string | null };
        events.push(...page.data);
        cursor = page.next;
      }
      expect(events.length).toBeGreaterThanOrEqual(ROUNDS * MESSAGES);
      const got = new Set(received.map((r) => r.id));
      expect(events.filter((e) => !got.has(e.id))).toEqual([]);
      for (const r of received) {
        const [, ts, mac] = /^t=(\d+),v1=([0-9a-f]{64})$/u.exec(r.signature) ?? [];
        expect(mac).toBe(
          createHmac('sha256', sub.secret)
            .update(`${String(ts)}.${r.body}`)
            .digest('hex'),
        );
        expect((JSON.parse(r.body) as { id: number }).id).toBe(r.id);
      }
      expect(new Set(received.map((r) => r.history)).size).toBe(1);
      await stopWith(server, 'SIGTERM');
    },
    reliabilitySize(300_000, 60_000),
  );
});
