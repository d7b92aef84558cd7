import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reliabilitySize } from '../helpers/reliability-size.js';
import { startTestServer, type TestServer } from '../helpers/simulator.js';

// R2: generated requests across every route — bad JSON, wrong types, huge bodies, unknown ids,
// bad keys — get no 5xx, the server stays up, and the engine's invariants hold afterwards.

const RUNS = reliabilitySize(10_000, 1000);

let t: TestServer;
const prototypeBefore = Object.getOwnPropertyNames(Object.prototype);
beforeAll(async () => {
  t = await startTestServer({ latency: 'fast' });
});
afterAll(async () => {
  await t.stop();
});

const weirdId = fc.oneof(
  fc.constantFrom(
    'acme-brand',
    'acme-mkt',
    'acme-care',
    '+12065550100',
    '+15035550110',
    '2065550101',
    'spring-open-house',
    'msg-1',
    'wh-1',
    'snap-1',
    'fault-1',
    '__proto__',
    'constructor',
    '..%2F..%2Fetc%2Fpasswd',
    '%00',
    '%F0%9F%93%B1',
    'x'.repeat(3000),
  ),
  fc.string({ maxLength: 20 }).map(encodeURIComponent),
);

const ROUTES: Array<[string, string]> = [
  ['GET', '/v1/brands'],
  ['POST', '/v1/brands'],
  ['GET', '/v1/brands/:id'],
  ['POST', '/v1/brands/:id/vetting'],
  ['GET', '/v1/campaigns'],
  ['POST', '/v1/campaigns'],
  ['GET', '/v1/campaigns/:id'],
  ['GET', '/v1/available-numbers'],
  ['GET', '/v1/numbers'],
  ['POST', '/v1/numbers'],
  ['GET', '/v1/numbers/:id'],
  ['PATCH', '/v1/numbers/:id'],
  ['DELETE', '/v1/numbers/:id'],
  ['POST', '/v1/numbers/:id/port-out'],
  ['GET', '/v1/outreach'],
  ['POST', '/v1/outreach'],
  ['GET', '/v1/outreach/:id'],
  ['POST', '/v1/outreach/:id/launch'],
  ['POST', '/v1/outreach/:id/complete'],
  ['GET', '/v1/messages'],
  ['POST', '/v1/messages'],
  ['GET', '/v1/messages/:id'],
  ['GET', '/v1/conversations'],
  ['GET', '/v1/webhooks'],
  ['POST', '/v1/webhooks'],
  ['GET', '/v1/webhooks/:id'],
  ['DELETE', '/v1/webhooks/:id'],
  ['GET', '/v1/webhooks/:id/deliveries'],
  ['GET', '/v1/events'],
  ['GET', '/v1/sim/clock'],
  ['POST', '/v1/sim/clock'],
  ['GET', '/v1/sim/accounts'],
  ['POST', '/v1/sim/accounts'],
  ['GET', '/v1/sim/accounts/:id/keys'],
  ['POST', '/v1/sim/handsets/:id/messages'],
  ['GET', '/v1/sim/handsets/:id/messages'],
  ['GET', '/v1/sim/outbox'],
  ['GET', '/v1/sim/faults'],
  ['POST', '/v1/sim/faults'],
  ['DELETE', '/v1/sim/faults/:id'],
  ['POST', '/v1/sim/snapshot'],
  ['POST', '/v1/sim/restore'],
  ['POST', '/v1/sim/seed'],
  ['GET', '/healthz'],
  ['GET', '/metrics'],
  ['GET', '/openapi.json'],
  ['PUT', '/v1/brands'],
  ['GET', '/v1/nope'],
];

// Plausible field values, so that many requests get past the schema into the engine.
const fieldValue = fc.oneof(
  fc.constantFrom(
    'acme-brand',
    'acme-mkt',
    'acme-care',
    'north',
    'south',
    'campaign',
    'one-to-one',
    'dedicated',
    'single-use',
    'bulk',
    'direct',
    'PRIVATE_PROFIT',
    'MARKETING',
    '206',
    '503',
    '603',
    '+12065550100',
    '+12065550101',
    '+12065550123',
    '(503) 555-0110',
    'STOP',
    'HELP',
    'START',
    '15d',
    '1h',
    'manual',
    'carrier-outage',
    'provisioning-failure',
    'extra-latency',
    'webhook-failure',
    'http-error',
    'campaign-suspension',
    'GET /v1/numbers*',
    'http://127.0.0.1:9/hook',
    'Acme Realty: open house Sat. Reply STOP to opt out',
  ),
  fc.string({ maxLength: 30 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string({ maxLength: 10 }), { maxLength: 3 }),
  fc.constant('z'.repeat(100_000)),
);
const FIELDS = [
  'id',
  'name',
  'entityType',
  'brand',
  'useCase',
  'kind',
  'lifetime',
  'areaCode',
  'e164',
  'campaign',
  'subgroup',
  'from',
  'to',
  'body',
  'type',
  'numbers',
  'recipients',
  'pin',
  'url',
  'events',
  'advance',
  'mode',
  'scale',
  'seed',
  'inbox',
  'sendAt',
  'trustScore',
  'duration',
  'rate',
  'route',
  'status',
  '__proto__',
  'constructor',
];
const objectBody = fc
  .dictionary(fc.constantFrom(...FIELDS), fieldValue, { maxKeys: 6 })
  .map((o) => JSON.stringify(o));
const rawBody = fc.oneof(
  objectBody,
  objectBody,
  objectBody,
  fc.constantFrom('{bad json', '[]', 'null', '"text"', '1e400', '{"a":'.repeat(5000), '{}'),
  fc.string({ maxLength: 50 }),
  fc.constant(JSON.stringify({ body: 'x'.repeat(2_000_000) })),
);

const request = fc.record({
  route: fc.constantFrom(...ROUTES),
  id: weirdId,
  who: fc.constantFrom('olga', 'ana', 'sam', 'lee', 'admin', 'bad', 'none'),
  body: fc.option(rawBody, { nil: undefined }),
  contentType: fc.constantFrom(
    'application/json',
    'application/json',
    'text/plain',
    'application/x-www-form-urlencoded',
  ),
  query: fc.constantFrom(
    '',
    '?limit=5',
    '?limit=-1',
    '?limit=abc',
    '?cursor=zz',
    '?areaCode=206',
    '?tab=x',
    '?since=1',
  ),
});

describe('R2: API fuzz', () => {
  it(
    `answers ${String(RUNS)} generated requests without a 5xx, and the invariants hold`,
    async () => {
      const fiveHundreds: string[] = [];
      await fc.assert(
        fc.asyncProperty(
          request,
          async ({ route: [method, template], id, who, body, contentType, query }) => {
            const path = template.replace(':id', id) + query;
            const token =
              who === 'admin'
                ? 'test-admin'
                : who === 'bad'
                  ? 'tdk_bad'
                  : who === 'none'
                    ? undefined
                    : t.keyOf(who);
            const headers: Record<string, string> = { 'content-type': contentType };
            if (token) headers.authorization = `Bearer ${token}`;
            const res = await fetch(`${t.url}${path}`, {
              method,
              headers,
              ...(body === undefined || method === 'GET' ? {} : { body }),
            });
            const text = await res.text();
            if (res.status >= 500)
              fiveHundreds.push(
                `${method} ${path.slice(0, 80)} → ${String(res.status)} ${text.slice(0, 200)}`,
              );
            expect(res.status).toBeLessThan(500);
            if (res.status >= 400) expect(JSON.parse(text)).toMatchObject({ error: { status: res.status } });
            expect(text).not.toMatch(/\n\s+at .*\(.*:\d+:\d+\)/u);
          },
        ),
        { numRuns: RUNS, seed: Number(process.env.TENDLC_SEED ?? 20261125), endOnFailure: true },
      );
      expect(fiveHundreds).toEqual([]);
      expect((await fetch(`${t.url}/healthz`)).status).toBe(200);
      expect(t.server.service.sim.invariants()).toEqual([]);
      expect(t.server.metrics.count('5xx')).toBe(0);
      // The server runs in this process: no request may have touched a prototype.
      expect(Object.getOwnPropertyNames(Object.prototype)).toEqual(prototypeBefore);
      expect(({} as Record<string, unknown>).status).toBeUndefined();
    },
    reliabilitySize(900_000, 120_000),
  );
});
