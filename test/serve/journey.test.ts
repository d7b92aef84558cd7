import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startTestServer, type Api, type TestServer } from '../helpers/simulator.js';

// The developer's journey, over real HTTP on 127.0.0.1: brand, campaign approval,
// provisioning, assignment, delivery, opt-out, webhooks and the event stream, on a manual clock.

interface Resource {
  [key: string]: unknown;
}
interface List {
  data: Resource[];
  next: string | null;
}

let t: TestServer;
let olga: Api;
let admin: Api;

const advance = (by: string) => admin.post('/v1/sim/clock', { advance: by });

const CARE = {
  brand: 'acme-brand',
  useCase: 'ACCOUNT_NOTIFICATION',
  description: 'Showing confirmations and offer updates for Acme Realty clients who asked for them',
  messageFlow: 'Clients opt in on acme.example/alerts and confirm by replying YES',
  sampleMessages: [
    'Acme Realty: your showing at 12 Elm St is confirmed for Tue 3pm. Reply STOP to opt out',
    'Acme Realty: the seller countered your offer, call your agent. Reply STOP to opt out',
  ],
  helpMessage: 'Acme Realty LLC: help at help@acme.example or 206-555-0100. Reply STOP to opt out.',
  optOutMessage: 'Acme Realty LLC: you are unsubscribed. No more messages will be sent.',
};

beforeAll(async () => {
  t = await startTestServer();
  olga = t.as('olga');
  admin = t.as('admin');
});
afterAll(async () => {
  await t.stop();
});

describe('registration', () => {
  it('registers a brand: pending, then verified with a trust score after the registry latency', async () => {
    const created = await olga.post('/v1/brands', {
      id: 'acme-homes',
      name: 'Acme Homes LLC',
      entityType: 'PRIVATE_PROFIT',
      ein: '98-7654321',
      country: 'US',
      email: 'compliance@acmehomes.example',
      vertical: 'REAL_ESTATE',
      trustScore: 90,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: 'acme-homes', status: 'pending' });
    expect(created.body).not.toHaveProperty('action');
    await advance('3d');
    const brand = await olga.get('/v1/brands/acme-homes');
    expect(brand.body).toMatchObject({ status: 'verified', trustScore: 90, tier: 'high' });
  });

  it('submits a campaign: pending, then approved within the review latency (5–15 days)', async () => {
    const created = await olga.post('/v1/campaigns', { id: 'acme-alerts', ...CARE });
    expect(created.status).toBe(201);
    expect(created.body.status).toBe('pending');
    await advance('4d');
    expect((await olga.get('/v1/campaigns/acme-alerts')).body.status).toBe('pending');
    await advance('11d');
    const campaign = await olga.get('/v1/campaigns/acme-alerts');
    expect(campaign.body.status).toBe('approved');
  });

  it('rejects a campaign whose samples use a public URL shortener, with 30963 in the reasons', async () => {
    const samples = [
      'Acme Realty: see the listing at bit.ly/3xYz. Reply STOP to opt out',
      CARE.sampleMessages[1],
    ];
    await olga.post('/v1/campaigns', { ...CARE, id: 'acme-short', sampleMessages: samples });
    await advance('15d');
    const campaign = await olga.get('/v1/campaigns/acme-short');
    expect(campaign.body.status).toBe('rejected');
    expect(campaign.body.reasons).toContainEqual(
      expect.objectContaining({ rule: 'public-url-shortener', errorCode: 30963 }),
    );
  });

  it('refuses a brand without its required fields, naming the rule', async () => {
    const res = await olga.post('/v1/brands', { name: 'Nameless Inc', entityType: 'PUBLIC_PROFIT' });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ error: { status: 422, rule: 'brand-required-fields' } });
  });
});

describe('numbers', () => {
  let e164 = '';

  it('sells from a seeded inventory, and refuses a dedicated number in an excluded area code', async () => {
    const available = await olga.get<List>('/v1/available-numbers?areaCode=971&limit=3');
    expect(available.status).toBe(200);
    expect(available.body.data.length).toBeGreaterThan(0);
    const excluded = await olga.post('/v1/numbers', {
      areaCode: '603',
      kind: 'campaign',
      lifetime: 'dedicated',
      campaign: 'acme-alerts',
    });
    expect(excluded.status).toBe(422);
    expect(excluded.body).toMatchObject({ error: { rule: 'area-code-excluded' } });
  });

  it('lists no dedicated numbers in an excluded area code, and checks kind and lifetime', async () => {
    const list = async (query: string) =>
      (await olga.get<List>(`/v1/available-numbers?areaCode=603&${query}`)).body.data.length;
    expect(await list('kind=campaign')).toBe(0);
    expect(await list('kind=campaign&lifetime=dedicated')).toBe(0);
    expect(await list('kind=campaign&lifetime=single-use')).toBeGreaterThan(0);
    expect(await list('kind=one-to-one')).toBeGreaterThan(0);
    const bad = await olga.get('/v1/available-numbers?areaCode=206&kind=tollfree');
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: { details: { parameter: 'kind' } } });
  });

  it('orders a number: provisioning, then active and assigned, the assignment propagating, then effective', async () => {
    const ordered = await olga.post('/v1/numbers', {
      areaCode: '971',
      kind: 'campaign',
      lifetime: 'dedicated',
      campaign: 'acme-alerts',
      subgroup: 'north',
      name: 'Alerts 971',
    });
    expect(ordered.status).toBe(201);
    expect(ordered.body).toMatchObject({ status: 'provisioning', kind: 'campaign' });
    e164 = ordered.body.e164 as string;
    // The provisioning queue takes 30 minutes to 6 hours in the realistic profile.
    await advance('6h');
    const provisioned = await olga.get(`/v1/numbers/${e164}`);
    expect(provisioned.body).toMatchObject({ status: 'active', campaign: 'acme-alerts' });
    await advance('5m');
    expect((await olga.get(`/v1/numbers/${e164}`)).body.assignment).toBe('effective');
  });

  it('renames at once, and moves between campaigns through propagation', async () => {
    const renamed = await olga.patch(`/v1/numbers/${e164}`, { name: 'Alerts north' });
    expect(renamed.status).toBe(200);
    expect(renamed.body.name).toBe('Alerts north');
    const moved = await olga.patch(`/v1/numbers/${e164}`, { campaign: 'acme-care' });
    expect(moved.body).toMatchObject({ campaign: 'acme-care', assignment: 'propagating' });
    await advance('5m');
    expect((await olga.get(`/v1/numbers/${e164}`)).body.assignment).toBe('effective');
    const back = await olga.patch(`/v1/numbers/${e164}`, { campaign: 'acme-alerts' });
    expect(back.status).toBe(200);
    await advance('5m');
  });

  it('refuses an assignment to a campaign that is not approved', async () => {
    const res = await olga.patch(`/v1/numbers/${e164}`, { campaign: 'acme-short' });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ error: { rule: 'assignment-needs-approved-campaign' } });
  });

  it('shows the port-out PIN to owners only, and refuses a port-out without it', async () => {
    const asOwner = await olga.get(`/v1/numbers/${e164}`);
    expect(asOwner.body.portPin).toMatch(/^\d{4}$/u);
    const wrong = await olga.post(`/v1/numbers/${e164}/port-out`, { pin: 'nope' });
    expect(wrong.status).toBeGreaterThanOrEqual(400);
    expect(wrong.body).toMatchObject({ error: { rule: 'port-protection' } });
  });

  it('refuses to release a number that active outreach uses', async () => {
    const res = await olga.delete('/v1/numbers/+12065550100');
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ error: { rule: 'number-in-use' } });
  });

  describe('messages', () => {
    let hook: {
      server: Server;
      url: string;
      received: Array<{ headers: IncomingMessage['headers']; body: string }>;
    };
    let secret = '';

    beforeAll(async () => {
      const received: Array<{ headers: IncomingMessage['headers']; body: string }> = [];
      const server = createServer((req, res) => {
        let body = '';
        req.on('data', (c: Buffer) => (body += c.toString()));
        req.on('end', () => {
          received.push({ headers: req.headers, body });
          res.writeHead(204).end();
        });
      });
      await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
      hook = {
        server,
        url: `http://127.0.0.1:${String((server.address() as AddressInfo).port)}/hook`,
        received,
      };
      const sub = await olga.post('/v1/webhooks', { url: hook.url, events: ['message.*', 'optout.*'] });
      expect(sub.status).toBe(201);
      secret = sub.body.secret as string;
      expect(secret).toMatch(/^whsec_/u);
    });
    afterAll(async () => {
      await new Promise<void>((done) => hook.server.close(() => done()));
    });

    it('queues a message (202), then sends and delivers it, streaming the events on the WebSocket', async () => {
      const key = t.keyOf('olga');
      const ws = new WebSocket(`${t.url.replace('http', 'ws')}/v1/events?types=message.*`, {
        headers: { authorization: `Bearer ${key}` },
      });
      const frames: Array<{ id: number; type: string; data: Record<string, unknown> }> = [];
      ws.on('message', (data: Buffer) => frames.push(JSON.parse(data.toString()) as (typeof frames)[number]));
      await new Promise((done) => ws.once('open', done));

      const sent = await olga.post('/v1/messages', {
        from: e164,
        to: '+12065550123',
        body: 'Acme Realty: your showing is confirmed for Tue 3pm. Reply STOP to opt out',
      });
      expect(sent.status).toBe(202);
      expect(sent.body.status).toBe('queued');
      await advance('1m');
      const message = await olga.get(`/v1/messages/${String(sent.body.id)}`);
      expect(message.body.status).toBe('delivered');

      await waitFor(() => frames.some((f) => f.type === 'message.delivered'));
      ws.close();
      const types = frames.filter((f) => f.data.message === sent.body.id).map((f) => f.type);
      expect(types).toEqual(['message.queued', 'message.sending', 'message.sent', 'message.delivered']);
      const ids = frames.map((f) => f.id);
      expect(ids).toEqual([...ids].sort((a, b) => a - b));

      const handset = await admin.get<List>('/v1/sim/handsets/+12065550123/messages');
      expect(handset.body.data).toContainEqual(
        expect.objectContaining({ from: e164, direction: 'received' }),
      );
      // Times in the API are ISO 8601, the handset's too.
      for (const entry of handset.body.data as Array<{ at: unknown }>)
        expect(entry.at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/u);
    });

    it('records STOP from the handset, answers with the opt-out message and blocks later sends', async () => {
      const stop = await admin.post('/v1/sim/handsets/+12065550123/messages', { to: e164, body: 'STOP' });
      expect(stop.status).toBe(201);
      const later = await olga.post('/v1/messages', {
        from: e164,
        to: '+12065550123',
        body: 'Acme Realty: one more',
      });
      expect(later.status).toBe(202);
      await advance('1m');
      const message = await olga.get(`/v1/messages/${String(later.body.id)}`);
      expect(message.body).toMatchObject({ status: 'failed', errorCode: 21610 });
      const handset = await admin.get<List>('/v1/sim/handsets/+12065550123/messages');
      expect(handset.body.data.at(-1)).toMatchObject({ direction: 'received', body: CARE.optOutMessage });
    });

    it('delivers the events to the webhook, signed with the subscription secret', async () => {
      await waitFor(() => hook.received.some((r) => JSON.parse(r.body).type === 'optout.recorded'));
      for (const { headers, body } of hook.received) {
        const signature = String(headers['x-tendlc-signature']);
        const [, ts, mac] = /^t=(\d+),v1=([0-9a-f]{64})$/u.exec(signature) ?? [];
        expect(mac).toBe(
          createHmac('sha256', secret)
            .update(`${String(ts)}.${body}`)
            .digest('hex'),
        );
        expect(headers['x-tendlc-event-id']).toBe(String(JSON.parse(body).id));
      }
      const deliveries = await olga.get<List>('/v1/webhooks/wh-1/deliveries');
      expect(deliveries.body.data.length).toBe(hook.received.length);
      expect(deliveries.body.data.every((d) => d.state === 'delivered')).toBe(true);
      // Each recorded attempt shows the signature header its request carried.
      const recorded = (deliveries.body.data as Array<{ attempts: Array<{ signature?: string }> }>).flatMap(
        (d) => d.attempts.map((a) => a.signature),
      );
      expect(recorded.sort()).toEqual(
        hook.received.map((r) => String(r.headers['x-tendlc-signature'])).sort(),
      );
    });
  });
});

describe('webhook subscriptions', () => {
  it('refuses a URL without a host, in words that name the field', async () => {
    for (const url of ['http://', 'ftp://example.com/hook', 'javascript:alert(1)']) {
      const res = await olga.post('/v1/webhooks', { url, events: ['message.*'] });
      expect(res.status, url).toBe(400);
      expect(res.body).toMatchObject({
        error: {
          message: `url is "${url}"; it must be an http or https URL such as https://example.com/hooks`,
          details: { field: '/url' },
        },
      });
    }
  });
});

describe('faults', () => {
  it('an http-error fault makes its route answer its status until it is cleared', async () => {
    const fault = await admin.post('/v1/sim/faults', {
      type: 'http-error',
      route: 'GET /v1/brands*',
      status: 503,
    });
    expect(fault.status).toBe(201);
    const hit = await olga.get('/v1/brands');
    expect(hit.status).toBe(503);
    expect(hit.body).toMatchObject({ error: { status: 503, code: 'injected_fault' } });
    expect((await olga.get('/v1/campaigns')).status).toBe(200);
    expect((await admin.delete(`/v1/sim/faults/${String(fault.body.id)}`)).status).toBe(200);
    expect((await olga.get('/v1/brands')).status).toBe(200);
    const bad = await admin.post('/v1/sim/faults', { type: 'http-error', route: 'somewhere' });
    expect(bad.status).toBe(400);
  });

  it('an extra-latency fault slows deliveries by its duration; one that is not a duration is refused', async () => {
    const bad = await admin.post('/v1/sim/faults', { type: 'extra-latency', duration: 'lots' });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: { details: { field: '/duration' } } });
    const fault = await admin.post('/v1/sim/faults', { type: 'extra-latency', duration: '2h' });
    expect(fault.status).toBe(201);
    expect(fault.body).not.toHaveProperty('action');
    const sent = await olga.post('/v1/messages', {
      from: '+12065550100',
      to: '+12065550177',
      body: 'Acme Realty: open house Sat. Reply STOP to opt out',
    });
    expect(sent.status).toBe(202);
    await advance('1h');
    expect((await olga.get(`/v1/messages/${String(sent.body.id)}`)).body).toMatchObject({ status: 'sent' });
    await advance('1h1m');
    expect((await olga.get(`/v1/messages/${String(sent.body.id)}`)).body).toMatchObject({
      status: 'delivered',
    });
    await admin.delete(`/v1/sim/faults/${String(fault.body.id)}`);
  });

  it('a fault is an event in the stream of every account it touches, injected and cleared', async () => {
    const fault = await admin.post('/v1/sim/faults', { type: 'carrier-outage' });
    await admin.delete(`/v1/sim/faults/${String(fault.body.id)}`);
    const events = await admin.get<{ data: Array<{ type: string; account: string; data: unknown }> }>(
      '/v1/sim/events?types=fault.*',
    );
    const mine = events.body.data.filter((e) => (e.data as { fault: string }).fault === fault.body.id);
    expect(mine.map((e) => [e.type, e.account])).toEqual([
      ['fault.injected', 'acme'],
      ['fault.cleared', 'acme'],
    ]);
    expect(mine[0]?.data).toEqual({ fault: fault.body.id, type: 'carrier-outage' });
  });

  it('a carrier outage fails sends with 30003 until it is cleared', async () => {
    const fault = await admin.post('/v1/sim/faults', { type: 'carrier-outage' });
    const sent = await t.as('ana').post('/v1/messages', {
      from: '+12065550101',
      to: '+12065550166',
      body: 'Hi, this is Ana from Acme Realty.',
    });
    await advance('1m');
    expect((await olga.get(`/v1/messages/${String(sent.body.id)}`)).body).toMatchObject({
      status: 'failed',
      errorCode: 30003,
    });
    await admin.delete(`/v1/sim/faults/${String(fault.body.id)}`);
    const again = await t.as('ana').post('/v1/messages', {
      from: '+12065550101',
      to: '+12065550166',
      body: 'Hi again from Acme Realty.',
    });
    await advance('1m');
    expect((await olga.get(`/v1/messages/${String(again.body.id)}`)).body.status).toBe('delivered');
  });
});

describe('the control plane', () => {
  it('reads and sets the clock', async () => {
    const before = await admin.get('/v1/sim/clock');
    expect(before.body).toMatchObject({ mode: 'manual', scale: 0 });
    const after = await advance('1d12h');
    expect(Date.parse(after.body.now as string) - Date.parse(before.body.now as string)).toBe(36 * 3600_000);
    const bad = await admin.post('/v1/sim/clock', { advance: 'soon' });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: { details: { field: '/advance' } } });
  });

  it('keeps every time a valid date: the clock stops at the end of year 9999', async () => {
    const now = Date.parse((await admin.get('/v1/sim/clock')).body.now as string);
    const tooFar = await admin.post('/v1/sim/clock', { advance: '99999999d', mode: 'scale', scale: 5 });
    // A well-formed duration that the clock, where it is, cannot take: a conflict with the state.
    expect(tooFar.status).toBe(409);
    expect(tooFar.body).toMatchObject({ error: { details: { field: '/advance' } } });
    // Refused as a whole: the mode did not change either.
    expect((await admin.get('/v1/sim/clock')).body).toMatchObject({ mode: 'manual' });
    expect(Date.parse((await admin.get('/v1/sim/clock')).body.now as string)).toBe(now);
    const sendAt = await olga.post('/v1/messages', {
      from: '+12065550100',
      to: '+12065550188',
      body: 'Acme Realty: later. Reply STOP to opt out',
      sendAt: 1e300,
    });
    expect(sendAt.status).toBe(400);
    expect(sendAt.body).toMatchObject({ error: { details: { field: '/sendAt' } } });
  });

  it('snapshots, restores and resets the whole state', async () => {
    const snap = await admin.post('/v1/sim/snapshot');
    expect(snap.status).toBe(201);
    await olga.post('/v1/brands', {
      id: 'temp-brand',
      name: 'Temp LLC',
      entityType: 'PRIVATE_PROFIT',
      ein: '11-1111111',
      country: 'US',
      email: 'a@temp.example',
      vertical: 'RETAIL',
    });
    expect((await olga.get('/v1/brands/temp-brand')).status).toBe(200);
    expect((await admin.post('/v1/sim/restore', { id: snap.body.id })).status).toBe(200);
    expect((await olga.get('/v1/brands/temp-brand')).status).toBe(404);
    expect((await admin.post('/v1/sim/restore', { id: 'snap-999' })).status).toBe(404);
  });

  it('creates an account from a config document and hands out its keys', async () => {
    const res = await admin.post('/v1/sim/accounts', {
      version: 1,
      account: { id: 'beta', name: 'Beta Co', kind: 'standard', country: 'US' },
      users: [{ id: 'bo', role: 'owner' }],
    });
    expect(res.status).toBe(201);
    const keys = await admin.get<List>('/v1/sim/accounts/beta/keys');
    expect(keys.body.data).toEqual([expect.objectContaining({ user: 'bo', role: 'owner' })]);
    const bad = await admin.post('/v1/sim/accounts', { version: 1, account: { id: 'gamma' } });
    expect(bad.status).toBe(400);
  });

  it('serves health, metrics and the OpenAPI document', async () => {
    const health = await fetch(`${t.url}/healthz`);
    expect(health.status).toBe(200);
    const doc = (await (await fetch(`${t.url}/openapi.json`)).json()) as { openapi: string; paths: object };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toContain('/v1/messages');
    const metrics = await admin.raw('/metrics', { headers: { authorization: 'Bearer test-admin' } });
    expect(String(metrics.body)).toMatch(/^tendlc_requests_total \d+$/mu);
  });
});

/** Waits for local socket I/O: turns of the event loop, bounded in count, never a sleep. */
async function waitFor(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 20_000 && !condition(); i++) {
    await t.server.webhooks.idle();
    await new Promise((done) => setImmediate(done));
  }
  expect(condition()).toBe(true);
}

describe('the API rate limit', () => {
  it('answers 429 with Retry-After past --rate-limit requests a second per key', async () => {
    const limited = await startTestServer({ rateLimit: 2 });
    try {
      const sam = limited.as('sam');
      const answers = [];
      for (let i = 0; i < 4; i++) answers.push(await sam.get('/v1/numbers'));
      expect(answers.slice(0, 2).map((a) => a.status)).toEqual([200, 200]);
      const refused = answers.find((a) => a.status === 429);
      expect(refused?.headers.get('retry-after')).toMatch(/^\d+$/u);
      expect(refused?.body).toMatchObject({ error: { status: 429, code: 'rate_limited' } });
    } finally {
      await limited.stop();
    }
  });
});
