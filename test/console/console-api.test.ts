import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalog } from '../../engine/catalog.js';
import { runCli } from '../helpers/cli.js';
import { api, startTestServer, type TestServer } from '../helpers/simulator.js';

// What the console reads and the API lacked (docs/console.md): the rule catalog and the account's
// limits and usage, for every client alike.

interface Usage {
  account: string;
  subgroups: string[];
  day: string;
  dedicatedNumbers: { held: number; limit: number };
  campaigns: Array<{ campaign: string; associations: number; limit: number; dailyCap: number }>;
  brands: Array<{
    brand: string;
    tier: string;
    mps: number;
    dailyCap: number;
    segmentsToday: number;
    queued: number;
  }>;
}

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ latency: 'fast' });
});
afterAll(async () => {
  await t.stop();
});

describe('GET /v1/rules', () => {
  it('answers the catalog without a key, the same data as `tendlc rules --format json`', async () => {
    const cli = runCli(['rules', '--format', 'json']);
    expect(cli.status).toBe(0);
    const printed = JSON.parse(cli.stdout) as unknown[];
    const res = await api(t.url, undefined).get<{ data: unknown[]; next: string | null }>(
      '/v1/rules?limit=1000',
    );
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ data: printed, next: null });
    expect(res.body.data).toHaveLength(catalog.length);
  });

  it('pages the catalog in its order', async () => {
    const first = await api(t.url, undefined).get<{ data: Array<{ id: string }>; next: string | null }>(
      '/v1/rules?limit=5',
    );
    expect(first.body.data.map((r) => r.id)).toEqual(catalog.slice(0, 5).map((r) => r.id));
    expect(first.body.next).toBe('5');
    const second = await api(t.url, undefined).get<{ data: Array<{ id: string }> }>(
      `/v1/rules?limit=5&cursor=${String(first.body.next)}`,
    );
    expect(second.body.data[0]?.id).toBe(catalog[5]?.id);
  });

  it("answers one rule's page, and a 404 that suggests the closest id for a typo", async () => {
    const rule = await api(t.url, undefined).get('/v1/rules/dedicated-number-limit');
    expect(rule.status).toBe(200);
    expect(rule.body).toMatchObject({ id: 'dedicated-number-limit', where: 'L+S' });
    expect(rule.body.fix).toBe(catalog.find((r) => r.id === 'dedicated-number-limit')?.fix);
    const typo = await api(t.url, undefined).get('/v1/rules/dedicated-number-limt');
    expect(typo.status).toBe(404);
    expect(typo.body).toMatchObject({
      error: { code: 'not_found', message: expect.stringContaining("did you mean 'dedicated-number-limit'") },
    });
  });
});

describe('GET /v1/usage', () => {
  it("gives the owner the account's dedicated numbers, associations and brand tiers against their limits", async () => {
    const res = await t.as('olga').get<Usage>('/v1/usage');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      account: 'acme',
      subgroups: [],
      dedicatedNumbers: { held: 3, limit: 5 },
    });
    expect(res.body.campaigns).toEqual([
      expect.objectContaining({ campaign: 'acme-mkt', associations: 2, limit: 49 }),
      expect.objectContaining({ campaign: 'acme-care', associations: 1, limit: 49 }),
    ]);
    const brand = await t.as('olga').get('/v1/brands/acme-brand');
    expect(res.body.brands).toEqual([
      {
        brand: 'acme-brand',
        tier: brand.body.tier,
        trustScore: 72,
        mps: brand.body.mps,
        dailyCap: brand.body.dailyCap,
        segmentsToday: 0,
        queued: 0,
      },
    ]);
  });

  it("counts only a limited key's subgroups in numbers (R5)", async () => {
    const north = await t.as('lee').get<Usage>('/v1/usage');
    expect(north.body).toMatchObject({ subgroups: ['north'], dedicatedNumbers: { held: 1, limit: 5 } });
    expect(north.body.campaigns.find((c) => c.campaign === 'acme-mkt')?.associations).toBe(1);
    expect(north.body.campaigns.find((c) => c.campaign === 'acme-care')?.associations).toBe(0);
    const south = await t.as('sam').get<Usage>('/v1/usage');
    expect(south.body).toMatchObject({ subgroups: ['south'], dedicatedNumbers: { held: 2, limit: 5 } });
  });

  it("shows another account's key only its own account, and refuses the admin token (a user's route)", async () => {
    const admin = t.as('admin');
    const beta = await admin.post('/v1/sim/accounts', {
      version: 1,
      account: { id: 'beta-usage', name: 'Beta Co', kind: 'standard', country: 'US' },
      users: [{ id: 'bo', role: 'owner' }],
    });
    expect(beta.status).toBe(201);
    const other = await api(t.url, t.keyOf('bo', 'beta-usage')).get<Usage>('/v1/usage');
    expect(other.body).toMatchObject({
      account: 'beta-usage',
      dedicatedNumbers: { held: 0 },
      campaigns: [],
      brands: [],
    });
    expect((await admin.get('/v1/usage')).status).toBe(403);
    expect((await api(t.url, undefined).get('/v1/usage')).status).toBe(401);
  });

  it("counts today's segments and the messages queued at the tier's rate", async () => {
    const olga = t.as('olga');
    const body = 'Acme Realty: open house Sat 1-3pm. Reply STOP to opt out';
    for (let i = 0; i < 6; i += 1) {
      const sent = await olga.post('/v1/messages', {
        from: '+12065550100',
        to: `+1206555014${String(i)}`,
        body,
      });
      expect(sent.status).toBe(202);
    }
    // The first has its slot at once; the others wait theirs at the tier's rate.
    const queued = await olga.get<Usage>('/v1/usage');
    expect(queued.body.brands[0]).toMatchObject({ queued: 5, segmentsToday: 1 });
    // The south key sees the brand's figures (the brand is the account's), none of north's queue.
    const south = await t.as('sam').get<Usage>('/v1/usage');
    expect(south.body.brands[0]).toMatchObject({ queued: 0, segmentsToday: 1 });
    t.server.clock.advance('1h');
    const after = await olga.get<Usage>('/v1/usage');
    expect(after.body.brands[0]).toMatchObject({ queued: 0, segmentsToday: 6 });
  });
});
