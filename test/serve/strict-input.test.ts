import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/simulator.js';

// Strict input, the same checks on every path: what a config refuses, a request refuses; times
// are RFC 3339 with an offset; a body that is not JSON is a 415; a problem names its field by
// JSON Pointer.

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t.stop();
});

const BRAND = {
  name: 'Zed Homes LLC',
  entityType: 'PRIVATE_PROFIT',
  ein: '12-3456789',
  country: 'US',
  email: 'a@zed.example',
  vertical: 'REAL_ESTATE',
};

describe('dates and times are RFC 3339 with an offset', () => {
  it.each(['0', '1', 'March 7', '2026-11-02', '2026-11-02T17:00:00'])(
    'reset start %j is refused',
    async (start) => {
      const before = (await t.as('admin').get('/v1/sim/clock')).body.now;
      const res = await t.as('admin').post('/v1/sim/reset', { start });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ error: { details: { field: '/start' } } });
      expect((await t.as('admin').get('/v1/sim/clock')).body.now).toBe(before);
    },
  );

  it('a start with an offset is taken, wherever the machine is', async () => {
    const res = await t.as('admin').post('/v1/sim/reset', { start: '2026-11-02T09:00:00-08:00' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ now: '2026-11-02T17:00:00.000Z' });
  });

  it('sendAt and the outbox times are the same', async () => {
    const send = await t.as('olga').post('/v1/messages', {
      from: '+12065550100',
      to: '+12065550160',
      body: 'Acme Realty: see you soon. Reply STOP to opt out',
      sendAt: 'tomorrow',
    });
    expect(send.status).toBe(400);
    expect(send.body).toMatchObject({ error: { details: { field: '/sendAt' } } });
    const outbox = await t.as('admin').get('/v1/sim/outbox?since=March%207');
    expect(outbox.status).toBe(400);
    expect(outbox.body).toMatchObject({ error: { details: { parameter: 'since' } } });
  });
});

describe('one set of field checks, in a config and in a request', () => {
  it.each([
    ['email', 'õ\u001c*'],
    ['country', 'NX'],
    ['ein', 'not-an-ein'],
  ])('a brand with %s %j is refused, as a config with it is', async (field, value) => {
    const res = await t.as('olga').post('/v1/brands', { ...BRAND, [field]: value });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: { details: { field: `/${field}` } } });
    const config = await t.as('admin').post('/v1/sim/accounts', {
      version: 1,
      account: { id: `acct-${field}`, name: 'X', kind: 'standard', country: 'US' },
      brands: [{ id: 'b', status: 'pending', ...BRAND, [field]: value }],
    });
    expect(config.status).toBe(400);
    expect(config.body).toMatchObject({ error: { details: { field: `/brands/0/${field}` } } });
  });

  it.each(['000', '911', '211', '12', 'abc'])(
    'available numbers in area code %s are refused: it is not one',
    async (code) => {
      const res = await t.as('olga').get(`/v1/available-numbers?areaCode=${code}`);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ error: { details: { parameter: 'areaCode' } } });
    },
  );
});

describe('a body is JSON, and a problem names its field', () => {
  it('JSON sent as text/plain to a launch is a 415, not a bare launch', async () => {
    const res = await fetch(`${t.url}/v1/outreach/spring-open-house/launch`, {
      method: 'POST',
      headers: { authorization: `Bearer ${t.keyOf('olga')}`, 'content-type': 'text/plain' },
      body: JSON.stringify({ type: 'bulk' }),
    });
    expect(res.status).toBe(415);
    expect(await res.json()).toMatchObject({ error: { code: 'unsupported_media_type' } });
  });

  it('a charset JSON is not read in is a 415 with the documented code', async () => {
    const res = await fetch(`${t.url}/v1/brands`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${t.keyOf('olga')}`,
        'content-type': 'application/json; charset=latin1',
      },
      body: JSON.stringify(BRAND),
    });
    expect(res.status).toBe(415);
    expect(await res.json()).toMatchObject({ error: { code: 'unsupported_media_type' } });
  });

  it.each([
    [
      'an unknown key',
      { from: '+12065550100', to: '+12065550161', body: 'Hi. Reply STOP to opt out', extra: 1 },
      '/extra',
    ],
    ['a missing key', { from: '+12065550100', to: '+12065550161' }, '/body'],
    ['a bad value', { from: '+12065550100', to: '+12065550161', body: 'Hi', sendAt: 7 }, '/sendAt'],
  ])('%s: details.field is its JSON Pointer', async (_what, body, field) => {
    const res = await t.as('olga').post('/v1/messages', body);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: { details: { field } } });
  });
});

describe('lists page', () => {
  let receiver: Server;
  beforeAll(async () => {
    receiver = createServer((_req, res) => res.writeHead(500).end());
    await new Promise<void>((done) => receiver.listen(0, '127.0.0.1', done));
  });
  afterAll(async () => {
    await new Promise<void>((done) => receiver.close(() => done()));
  });

  it('webhook deliveries take limit and cursor', async () => {
    const port = (receiver.address() as AddressInfo).port;
    const hook = await t
      .as('olga')
      .post('/v1/webhooks', { url: `http://127.0.0.1:${String(port)}/hook`, events: ['brand.*'] });
    expect(hook.status).toBe(201);
    for (let i = 0; i < 3; i++) expect((await t.as('olga').post('/v1/brands', BRAND)).status).toBe(201);
    const id = String(hook.body.id);
    const first = await t.as('olga').get(`/v1/webhooks/${id}/deliveries?limit=2`);
    expect((first.body.data as unknown[]).length).toBe(2);
    expect(first.body.next).toBe('2');
    const rest = await t.as('olga').get(`/v1/webhooks/${id}/deliveries?limit=2&cursor=2`);
    expect((rest.body.data as unknown[]).length).toBeGreaterThan(0);
  });
});
