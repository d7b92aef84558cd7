import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { redactSecrets } from '../../simulator/http/secrets.js';
import { startTestServer, type TestServer } from '../helpers/simulator.js';

// R10: secrets and identity. A 404 out of scope is byte for byte the 404 of a missing resource;
// a key travels in the Authorization header (a URL only on the WebSocket upgrade); the scheme
// is case-insensitive; no answer repeats a key.

let t: TestServer;
let northMessage = '';
beforeAll(async () => {
  t = await startTestServer({ latency: 'fast' });
  const sent = await t.as('ana').post('/v1/messages', {
    from: '+12065550100',
    to: '+12065550177',
    body: 'Acme Realty: open house Sat 1-3pm. Reply STOP to opt out',
  });
  northMessage = String(sent.body.id);
});
afterAll(async () => {
  await t.stop();
});

/** The answer to a request as bytes and the headers a client could tell two answers apart by. */
async function answer(key: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`${t.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${key}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  const headers = Object.fromEntries(
    [...res.headers].filter(([name]) => !['date', 'connection', 'keep-alive'].includes(name)),
  );
  return { status: res.status, headers, text };
}

// Each pair: the same request on something of north (which sam, limited to south, may not see)
// and on something that does not exist, with an id of the same length, so that the two answers
// can be the same bytes once the id itself is swapped.
const PAIRS: Array<[string, string, (id: string) => string, unknown?]> = [
  ['a number', '+12065550100', (id) => `GET /v1/numbers/${encodeURIComponent(id)}`],
  ['a number renamed', '+12065550100', (id) => `PATCH /v1/numbers/${encodeURIComponent(id)}`, { name: 'x' }],
  ['a number released', '+12065550100', (id) => `DELETE /v1/numbers/${encodeURIComponent(id)}`],
  [
    'a port-out',
    '+12065550100',
    (id) => `POST /v1/numbers/${encodeURIComponent(id)}/port-out`,
    { pin: '0000' },
  ],
  ['outreach', 'spring-open-house', (id) => `GET /v1/outreach/${id}`],
  ['outreach launched', 'spring-open-house', (id) => `POST /v1/outreach/${id}/launch`],
  ['outreach completed', 'spring-open-house', (id) => `POST /v1/outreach/${id}/complete`],
  ['a message', 'MESSAGE', (id) => `GET /v1/messages/${id}`],
];
const MISSING: Record<string, string> = {
  '+12065550100': '+12065550999',
  'spring-open-house': 'spring-open-hous3',
};

describe('R10: secrets and identity', () => {
  it.each(PAIRS)(
    'a 404 out of scope is the 404 of a missing resource: %s',
    async (_what, north, request, body) => {
      const id = north === 'MESSAGE' ? northMessage : north;
      // The one message sent is msg-1: msg-9 does not exist.
      const missing = north === 'MESSAGE' ? northMessage.replace(/\d/gu, '9') : MISSING[north]!;
      expect(missing.length).toBe(id.length);
      const [method, path] = request(id).split(' ') as [string, string];
      const [, missingPath] = request(missing).split(' ') as [string, string];
      const sam = t.keyOf('sam');
      const outOfScope = await answer(sam, method, path, body);
      const absent = await answer(sam, method, missingPath, body);
      expect(outOfScope.status).toBe(404);
      expect(outOfScope.headers).toEqual(absent.headers);
      expect(outOfScope.text).toBe(absent.text.replaceAll(missing, id));
      expect(outOfScope.text).not.toContain('subgroup');
    },
  );

  it('takes a key from the Authorization header only: ?token= is refused on every REST route', async () => {
    for (const key of [t.keyOf('olga'), t.server.adminToken]) {
      for (const path of ['/v1/numbers', '/v1/sim/accounts/acme/keys', '/v1/sim/clock']) {
        const res = await fetch(`${t.url}${path}?token=${encodeURIComponent(key)}`);
        expect(res.status).toBe(401);
        expect(await res.text()).not.toContain(key);
      }
    }
  });

  it('takes ?token= on the WebSocket upgrade, where a browser cannot set a header', async () => {
    const ws = new WebSocket(`${t.url.replace('http', 'ws')}/v1/events?token=${t.keyOf('olga')}`);
    await new Promise<void>((done, fail) => {
      ws.once('open', () => done());
      ws.once('error', fail);
    });
    ws.close();
  });

  it('reads the scheme in any case: bearer, Bearer, BEARER', async () => {
    for (const scheme of ['bearer', 'Bearer', 'BEARER', 'bEaReR']) {
      const res = await fetch(`${t.url}/v1/numbers`, {
        headers: { authorization: `${scheme} ${t.keyOf('olga')}` },
      });
      expect(res.status).toBe(200);
    }
    const basic = await fetch(`${t.url}/v1/numbers`, {
      headers: { authorization: `Basic ${t.keyOf('olga')}` },
    });
    expect(basic.status).toBe(401);
  });

  it('never repeats a key in an answer: a bad key, a user key on the control plane, an admin on user routes', async () => {
    const bad = 'tdk_this-key-does-not-exist';
    const cases: Array<[string, string]> = [
      [bad, '/v1/numbers'],
      [t.keyOf('olga'), '/v1/sim/clock'],
      [t.server.adminToken, '/v1/numbers'],
      [t.keyOf('sam'), '/v1/numbers/%2B12065550100'],
    ];
    for (const [key, path] of cases) {
      const res = await answer(key, 'GET', path);
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.text).not.toContain(key);
      expect(JSON.stringify(res.headers)).not.toContain(key);
    }
  });
});

describe('a Telnyx API key where an id goes', () => {
  it('is not repeated in the answer nor in the log line', async () => {
    const apiKey = t.server.providers.acme!.telnyx.apiKey;
    const res = await fetch(`${t.url}/telnyx/v2/messages/${apiKey}`, {
      headers: { authorization: `Bearer ${apiKey}` },
    });
    const text = await res.text();
    expect(res.status).toBe(404);
    expect(text).not.toContain(apiKey.slice(3));
    expect(redactSecrets(`GET /telnyx/v2/messages/${apiKey} 404`)).toBe(
      'GET /telnyx/v2/messages/KEY[redacted] 404',
    );
  });
});
