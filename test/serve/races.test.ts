import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type Api, type TestServer } from '../helpers/simulator.js';

// R4: concurrent requests on one resource. Each request is one atomic transition of the world,
// so the outcome is as if they came one by one, in some order, with nothing lost or doubled.

let t: TestServer;
let olga: Api;
let admin: Api;

beforeAll(async () => {
  t = await startTestServer({ latency: 'fast' });
  olga = t.as('olga');
  admin = t.as('admin');
});
afterAll(async () => {
  await t.stop();
});

describe('R4: races', () => {
  it('100 concurrent assignments of one number leave it in exactly one campaign, with a linear history', async () => {
    const number = '+15035550111';
    const campaigns = ['acme-mkt', 'acme-care'];
    const answers = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        olga.patch(`/v1/numbers/${number}`, { campaign: campaigns[i % 2] }),
      ),
    );
    expect(answers.every((a) => a.status === 200)).toBe(true);
    await admin.post('/v1/sim/clock', { advance: '1h' });

    const final = await olga.get(`/v1/numbers/${number}`);
    expect(campaigns).toContain(final.body.campaign);
    expect(final.body.assignment).toBe('effective');

    const events = t.server.service.sim
      .eventsSince(0)
      .filter((e) => e.type.startsWith('assignment.') && e.data.number === number);
    const ids = events.map((e) => e.id);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    const moves = events.filter((e) => e.type === 'assignment.propagating');
    // A move to the campaign the number already has changes nothing and records nothing.
    for (let i = 1; i < moves.length; i++)
      expect(moves[i]!.data.campaign).not.toBe(moves[i - 1]!.data.campaign);
    expect(moves.at(-1)?.data.campaign).toBe(final.body.campaign);
    const effective = events.filter((e) => e.type === 'assignment.effective');
    expect(effective.at(-1)?.data.campaign).toBe(final.body.campaign);
    expect(t.server.service.sim.invariants()).toEqual([]);
  });

  it('with one dedicated slot left, exactly one of 100 concurrent orders succeeds', async () => {
    const held = (
      await olga.get<{ data: Array<Record<string, unknown>> }>('/v1/numbers?limit=1000')
    ).body.data.filter(
      (n) =>
        n.kind === 'campaign' &&
        n.lifetime === 'dedicated' &&
        n.status !== 'released' &&
        n.status !== 'failed',
    ).length;
    const limit = t.server.service.sim.profile.numbers.dedicatedLimit;
    for (let i = held; i < limit - 1; i++) {
      const filler = await olga.post('/v1/numbers', {
        areaCode: '971',
        kind: 'campaign',
        lifetime: 'dedicated',
        campaign: 'acme-mkt',
      });
      expect(filler.status).toBe(201);
    }
    const answers = await Promise.all(
      Array.from({ length: 100 }, () =>
        olga.post('/v1/numbers', {
          areaCode: '541',
          kind: 'campaign',
          lifetime: 'dedicated',
          campaign: 'acme-care',
        }),
      ),
    );
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    const refused = answers.filter((a) => a.status !== 201);
    expect(refused).toHaveLength(99);
    for (const r of refused)
      expect(r.body).toMatchObject({ error: { status: 422, rule: 'dedicated-number-limit' } });
    expect(t.server.service.sim.invariants()).toEqual([]);
  });
});
