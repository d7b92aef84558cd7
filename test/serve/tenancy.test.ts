import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { api, startTestServer, type Api, type TestServer } from '../helpers/simulator.js';

// R5: every route with another account's key, another subgroup's key and each role. Out of scope
// is 404, exactly as if the thing did not exist; a role refusal is 403 with the rule id.

interface List {
  data: Array<Record<string, unknown>>;
}

let t: TestServer;
let as: (user: string) => Api;
let northMessage = '';
const NORTH_NUMBER = '+12065550100';
const NORTH_OUTREACH = 'spring-open-house';

beforeAll(async () => {
  t = await startTestServer({ latency: 'fast' });
  const admin = t.as('admin');
  const beta = await admin.post('/v1/sim/accounts', {
    version: 1,
    account: { id: 'beta', name: 'Beta Co', kind: 'standard', country: 'US' },
    users: [{ id: 'bo', role: 'owner' }],
  });
  expect(beta.status).toBe(201);
  const users: Record<string, Api> = {
    olga: t.as('olga'),
    ana: t.as('ana'),
    sam: t.as('sam'),
    lee: t.as('lee'),
    bo: api(t.url, t.keyOf('bo', 'beta')),
  };
  as = (user) => users[user]!;
  const sent = await as('ana').post('/v1/messages', {
    from: NORTH_NUMBER,
    to: '+12065550177',
    body: 'Acme Realty: open house Sat 1-3pm. Reply STOP to opt out',
  });
  expect(sent.status).toBe(202);
  northMessage = sent.body.id as string;
  await admin.post('/v1/sim/clock', { advance: '1m' });
});
afterAll(async () => {
  await t.stop();
});

// Routes on one north-subgroup resource: another subgroup's key and another account's key get 404.
const scoped: Array<[string, (a: Api) => Promise<{ status: number; body: Record<string, unknown> }>]> = [
  ['GET /v1/numbers/:e164', (a) => a.get(`/v1/numbers/${NORTH_NUMBER}`)],
  ['PATCH /v1/numbers/:e164 (rename)', (a) => a.patch(`/v1/numbers/${NORTH_NUMBER}`, { name: 'x' })],
  [
    'PATCH /v1/numbers/:e164 (assign)',
    (a) => a.patch(`/v1/numbers/${NORTH_NUMBER}`, { campaign: 'acme-care' }),
  ],
  ['DELETE /v1/numbers/:e164', (a) => a.delete(`/v1/numbers/${NORTH_NUMBER}`)],
  ['POST /v1/numbers/:e164/port-out', (a) => a.post(`/v1/numbers/${NORTH_NUMBER}/port-out`, { pin: '0000' })],
  ['GET /v1/outreach/:id', (a) => a.get(`/v1/outreach/${NORTH_OUTREACH}`)],
  ['POST /v1/outreach/:id/launch', (a) => a.post(`/v1/outreach/${NORTH_OUTREACH}/launch`)],
  ['POST /v1/outreach/:id/complete', (a) => a.post(`/v1/outreach/${NORTH_OUTREACH}/complete`)],
  ['GET /v1/messages/:id', (a) => a.get(`/v1/messages/${northMessage}`)],
  [
    'POST /v1/messages from a north number',
    (a) =>
      a.post('/v1/messages', {
        from: NORTH_NUMBER,
        to: '+12065550178',
        body: 'Acme Realty: hi. Reply STOP to opt out',
      }),
  ],
  [
    'POST /v1/numbers into the north subgroup',
    (a) => a.post('/v1/numbers', { areaCode: '971', kind: 'one-to-one', subgroup: 'north' }),
  ],
  [
    'POST /v1/outreach in the north subgroup',
    (a) =>
      a.post('/v1/outreach', {
        type: 'bulk',
        subgroup: 'north',
        campaign: 'acme-mkt',
        numbers: [NORTH_NUMBER],
      }),
  ],
];

describe.each(['sam', 'bo'])('a key that does not reach the north subgroup (%s)', (user) => {
  it.each(scoped)('%s is 404, as if it did not exist', async (_name, call) => {
    const res = await call(as(user));
    expect(res.status).toBe(404);
    expect(JSON.stringify(res.body)).not.toContain('Seattle');
  });

  it('lists nothing of the north subgroup', async () => {
    for (const path of ['/v1/numbers', '/v1/outreach', '/v1/messages', '/v1/conversations']) {
      const res = await as(user).get<List>(`${path}?limit=1000`);
      expect(res.status).toBe(200);
      expect(JSON.stringify(res.body)).not.toContain(NORTH_NUMBER);
    }
  });
});

describe("another account's key", () => {
  it.each([
    ['GET /v1/brands/:id', (a: Api) => a.get('/v1/brands/acme-brand')],
    ['GET /v1/campaigns/:id', (a: Api) => a.get('/v1/campaigns/acme-mkt')],
    ['POST /v1/brands/:id/vetting', (a: Api) => a.post('/v1/brands/acme-brand/vetting')],
    ['GET /v1/webhooks/:id', (a: Api) => a.get('/v1/webhooks/wh-1')],
  ])('%s is 404', async (_name, call) => {
    const res = await call(as('bo'));
    expect(res.status).toBe(404);
  });

  it('lists none of the brands, campaigns or webhooks', async () => {
    for (const path of ['/v1/brands', '/v1/campaigns', '/v1/webhooks'])
      expect((await as('bo').get<List>(path)).body.data).toEqual([]);
  });
});

describe('roles', () => {
  it.each([
    ['lee', 'limited'],
    ['sam', 'standard'],
  ])(
    'a %s (%s) user cannot register brands, submit campaigns or order numbers: 403 with the rule',
    async (user) => {
      const brand = await as(user).post('/v1/brands', { name: 'X LLC', entityType: 'PRIVATE_PROFIT' });
      const campaign = await as(user).post('/v1/campaigns', { brand: 'acme-brand', useCase: 'MARKETING' });
      const order = await as(user).post('/v1/numbers', { areaCode: '971', kind: 'one-to-one' });
      for (const res of [brand, campaign, order]) {
        expect(res.status).toBe(403);
        expect(res.body).toMatchObject({ error: { status: 403, rule: 'number-admin-role' } });
      }
    },
  );

  it('a limited user in scope is refused by role, not hidden', async () => {
    const rename = await as('lee').patch(`/v1/numbers/${NORTH_NUMBER}`, { name: 'mine' });
    expect(rename.status).toBe(403);
    expect(rename.body).toMatchObject({ error: { rule: 'number-admin-role' } });
  });

  it('only owners and admins see the port-out PIN', async () => {
    expect((await as('ana').get(`/v1/numbers/${NORTH_NUMBER}`)).body.portPin).toMatch(/^\d{4}$/u);
    expect((await as('lee').get(`/v1/numbers/${NORTH_NUMBER}`)).body).not.toHaveProperty('portPin');
  });

  it('a standard user cannot manage webhooks', async () => {
    const res = await as('sam').post('/v1/webhooks', { url: 'http://127.0.0.1:9/x', events: ['*'] });
    expect(res.status).toBe(403);
  });
});

describe('keys', () => {
  it('no key or a bad key is 401', async () => {
    const none = api(t.url, undefined);
    const bad = api(t.url, 'tdk_not-a-key');
    expect((await none.get('/v1/numbers')).status).toBe(401);
    expect((await bad.get('/v1/numbers')).status).toBe(401);
    const res = await bad.get('/v1/numbers');
    expect(res.body).toMatchObject({ error: { status: 401, code: 'unauthorized' } });
  });

  it('a valid key on a route that is not its own is 403: a user key on the control plane, the admin token on user routes', async () => {
    for (const res of [
      await as('olga').get('/v1/sim/clock'),
      await as('olga').get('/metrics'),
      await t.as('admin').get('/v1/numbers'),
    ])
      expect(res.body).toMatchObject({ error: { status: 403, code: 'forbidden' } });
  });

  it('the event stream shows a key only its own account and subgroups', async () => {
    const open = (key: string) =>
      new Promise<{ ws: WebSocket; frames: Array<{ account: string; subgroup?: string }> }>((done, fail) => {
        const ws = new WebSocket(`${t.url.replace('http', 'ws')}/v1/events?since=0`, {
          headers: { authorization: `Bearer ${key}` },
        });
        const frames: Array<{ account: string; subgroup?: string }> = [];
        ws.on('message', (d: Buffer) => frames.push(JSON.parse(d.toString()) as (typeof frames)[number]));
        ws.once('open', () => done({ ws, frames }));
        ws.once('error', fail);
      });
    const sam = await open(t.keyOf('sam'));
    const bo = await open(t.keyOf('bo', 'beta'));
    const olga = await open(t.keyOf('olga'));
    // A fresh north event after the backlog: olga must get it, the others must not.
    await as('ana').post('/v1/messages', {
      from: NORTH_NUMBER,
      to: '+12065550179',
      body: 'Acme Realty: open house Sun. Reply STOP to opt out',
    });
    for (let i = 0; i < 10_000 && !olga.frames.some((f) => JSON.stringify(f).includes('+12065550179')); i++)
      await new Promise((done) => setImmediate(done));
    for (const c of [sam, bo, olga]) c.ws.close();
    expect(olga.frames.some((f) => f.subgroup === 'north')).toBe(true);
    expect(sam.frames.some((f) => f.subgroup === 'north')).toBe(false);
    expect(bo.frames.every((f) => f.account === 'beta')).toBe(true);
    const unauthorized = new WebSocket(`${t.url.replace('http', 'ws')}/v1/events`);
    const status = await new Promise<number>((done) =>
      unauthorized.on('unexpected-response', (_req, res) => done(res.statusCode ?? 0)),
    );
    expect(status).toBe(401);
  });
});
