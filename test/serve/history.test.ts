import { afterEach, describe, expect, it } from 'vitest';
import { startBareServer, startTestServer, type Api, type TestServer } from '../helpers/simulator.js';
import { api } from '../helpers/simulator.js';
import type { RunningServer } from '../../simulator/server.js';

// An id never names two things in one history. A restore continues the history: the world goes
// back, its counters (event ids, message ids, every generated id) do not. A reset begins a new
// history, whose ids are those of a fresh start with the same seed.

const running: Array<{ stop(): Promise<void> }> = [];
afterEach(async () => {
  for (const s of running.splice(0)) await s.stop();
});

async function server(): Promise<TestServer> {
  const t = await startTestServer({ latency: 'fast' });
  running.push(t);
  return t;
}

const send = (as: Api, to: string) =>
  as.post<{ id: string }>('/v1/messages', {
    from: '+12065550100',
    to,
    body: 'Acme Realty: open house Sat. Reply STOP to opt out',
  });

const brand = (as: Api, name: string) =>
  as.post<{ id: string }>('/v1/brands', {
    name,
    entityType: 'SOLE_PROPRIETOR',
    country: 'US',
    email: 'owner@brand.example',
    vertical: 'RETAIL',
  });

describe('a restore continues the history', () => {
  it('never hands out an id again: messages, brands, faults, webhooks and events', async () => {
    const t = await server();
    const olga = t.as('olga');
    const admin = t.as('admin');
    const first = (await send(olga, '+12065557001')).body.id;
    const snap = await admin.post<{ id: string }>('/v1/sim/snapshot');
    const before = {
      messages: [
        first,
        (await send(olga, '+12065557002')).body.id,
        (await send(olga, '+12065557003')).body.id,
      ],
      brand: (await brand(olga, 'Later LLC')).body.id,
      fault: (await admin.post<{ id: string }>('/v1/sim/faults', { type: 'extra-latency', duration: '1s' }))
        .body.id,
      webhook: (
        await olga.post<{ id: string }>('/v1/webhooks', { url: 'http://127.0.0.1:9/h', events: ['*'] })
      ).body.id,
      lastEvent: t.server.service.sim.lastEventId(),
    };
    expect((await admin.post('/v1/sim/restore', { id: snap.body.id })).status).toBe(200);
    // The world is the snapshot's again: the later message is gone.
    expect((await olga.get(`/v1/messages/${before.messages[2]!}`)).status).toBe(404);
    const after = {
      message: (await send(olga, '+12065557004')).body.id,
      brand: (await brand(olga, 'Even Later LLC')).body.id,
      fault: (await admin.post<{ id: string }>('/v1/sim/faults', { type: 'extra-latency', duration: '1s' }))
        .body.id,
      webhook: (
        await olga.post<{ id: string }>('/v1/webhooks', { url: 'http://127.0.0.1:9/h', events: ['*'] })
      ).body.id,
    };
    expect(before.messages).not.toContain(after.message);
    expect(after.brand).not.toBe(before.brand);
    expect(after.fault).not.toBe(before.fault);
    expect(after.webhook).not.toBe(before.webhook);
    // Event ids go on from where they had got, and the window still holds the events before.
    const events = t.server.service.sim.eventsSince(0);
    expect(events.at(-1)!.id).toBeGreaterThan(before.lastEvent);
    expect(
      events
        .filter((e) => e.id > before.lastEvent)
        .every((e, i, all) => i === 0 || e.id === all[i - 1]!.id + 1),
    ).toBe(true);
    const ids = events.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('keeps the ids of an account the restore removed, for when that account is loaded again', async () => {
    const t = await server();
    const admin = t.as('admin');
    const snap = await admin.post<{ id: string }>('/v1/sim/snapshot');
    const beta = {
      version: 1,
      account: { id: 'beta', name: 'Beta Co', kind: 'standard', country: 'US' },
      users: [{ id: 'bo', role: 'owner' }],
    };
    const load = async (): Promise<Api> => {
      const res = await admin.post<{ keys: Array<{ key: string }> }>('/v1/sim/accounts', beta);
      expect(res.status).toBe(201);
      return api(t.url, res.body.keys[0]!.key);
    };
    const firstBrand = (await brand(await load(), 'Beta One LLC')).body.id;
    await admin.post('/v1/sim/restore', { id: snap.body.id });
    const again = (await brand(await load(), 'Beta Two LLC')).body.id;
    expect(again).not.toBe(firstBrand);
  });

  it('gives back the facts the rules keep as counts: an undelivered-once number fails again', async () => {
    const t = await server();
    const olga = t.as('olga');
    const admin = t.as('admin');
    const snap = await admin.post<{ id: string }>('/v1/sim/snapshot');
    const statusOf = async (): Promise<string> => {
      const sent = await send(olga, '+12065550106');
      await admin.post('/v1/sim/clock', { advance: '1h' });
      return (await olga.get<{ status: string }>(`/v1/messages/${sent.body.id}`)).body.status;
    };
    expect(await statusOf()).toBe('undelivered');
    expect(await statusOf()).toBe('delivered');
    await admin.post('/v1/sim/restore', { id: snap.body.id });
    expect(await statusOf()).toBe('undelivered');
  });
});

describe('a reset begins a new history', () => {
  /** What a --target run does on a bare server: reset, load its account, act. Answers the ids. */
  async function run(s: RunningServer): Promise<Record<string, unknown>> {
    const admin = api(s.url, s.adminToken);
    await admin.post('/v1/sim/reset', { seed: 7, latency: 'fast', start: '2026-11-02T16:00:00Z' });
    const loaded = await admin.post<{ keys: Array<{ user: string; key: string }> }>('/v1/sim/accounts', {
      version: 1,
      account: { id: 'gamma', name: 'Gamma Co', kind: 'standard', country: 'US' },
      users: [{ id: 'gil', role: 'owner' }],
    });
    const gil = api(s.url, loaded.body.keys[0]!.key);
    const ids = {
      brand: (await brand(gil, 'Gamma LLC')).body.id,
      webhook: (
        await gil.post<{ id: string }>('/v1/webhooks', { url: 'http://127.0.0.1:9/h', events: ['*'] })
      ).body.id,
      fault: (await admin.post<{ id: string }>('/v1/sim/faults', { type: 'extra-latency', duration: '1s' }))
        .body.id,
    };
    await admin.post('/v1/sim/clock', { advance: '1h' });
    const events = s.service.sim.eventsSince(0).map((e) => [e.id, e.type]);
    return { ...ids, events, history: s.service.history };
  }

  it('gives the ids of a fresh start with the same seed, under another history id', async () => {
    const fresh = await startBareServer('admin-a', { seed: 7 });
    running.push(fresh);
    const used = await startBareServer('admin-b', { seed: 3 });
    running.push(used);
    // The used server lives a history first: accounts, brands, webhooks, faults, events.
    const first = await run(used);
    await api(used.url, 'admin-b').post('/v1/sim/faults', { type: 'extra-latency', duration: '2s' });
    const second = await run(used);
    const clean = await run(fresh);
    const { history: h1, ...ids1 } = first;
    const { history: h2, ...ids2 } = second;
    const { history: h3, ...ids3 } = clean;
    expect(ids2).toEqual(ids3);
    expect(ids1).toEqual(ids3);
    expect(new Set([h1, h2, h3]).size).toBe(3);
    expect((ids3.events as unknown[]).length).toBeGreaterThan(2);
  });
});
