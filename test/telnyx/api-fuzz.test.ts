import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reliabilitySize } from '../helpers/reliability-size.js';
import { startSimulator, type Simulator } from '../../simulator/start-simulator.js';
import { brandParams, campaignParams, telnyxClient } from './helpers.js';

// R2 over the Telnyx routes: generated requests (bad JSON, wrong types, huge bodies, unknown and
// real ids, bad keys) get no 5xx, every refusal is in Telnyx's envelope, the server stays up and
// the engine's invariants hold afterwards.

const RUNS = reliabilitySize(10_000, 800);

let sim: Simulator;
const real: string[] = [];

beforeAll(async () => {
  sim = await startSimulator({ config: 'acme', latency: 'fast', seed: 3 });
  const client = telnyxClient(sim);
  const profile = await client.messagingProfiles.create({ name: 'P', whitelisted_destinations: ['US'] });
  const brand = await client.messaging10dlc.brand.create(brandParams);
  sim.clock.advance('5s');
  const campaign = await client.messaging10dlc.campaignBuilder.submit(campaignParams(brand.brandId!));
  sim.clock.advance('20s');
  const phone = (await client.availablePhoneNumbers.list({ filter: { national_destination_code: '425' } }))
    .data![0]!.phone_number!;
  const order = await client.numberOrders.create({ phone_numbers: [{ phone_number: phone }] });
  sim.clock.advance('10s');
  const message = await client.messages.send({
    from: '+12065550100',
    to: '+12065550123',
    text: 'Hello there',
  });
  real.push(
    profile.data!.id!,
    brand.brandId!,
    brand.tcrBrandId!,
    campaign.campaignId,
    campaign.tcrCampaignId!,
    phone,
    encodeURIComponent(phone),
    order.data!.id!,
    message.data!.id!,
  );
});
afterAll(async () => {
  await sim.stop();
});

const ROUTES: Array<[string, string]> = [
  ['GET', '/available_phone_numbers'],
  ['GET', '/number_orders'],
  ['POST', '/number_orders'],
  ['GET', '/number_orders/:id'],
  ['GET', '/phone_numbers'],
  ['GET', '/phone_numbers/:id'],
  ['PATCH', '/phone_numbers/:id'],
  ['DELETE', '/phone_numbers/:id'],
  ['GET', '/phone_numbers/:id/messaging'],
  ['PATCH', '/phone_numbers/:id/messaging'],
  ['GET', '/messaging_profiles'],
  ['POST', '/messaging_profiles'],
  ['GET', '/messaging_profiles/:id'],
  ['PATCH', '/messaging_profiles/:id'],
  ['DELETE', '/messaging_profiles/:id'],
  ['GET', '/10dlc/brand'],
  ['POST', '/10dlc/brand'],
  ['GET', '/10dlc/brand/:id'],
  ['PUT', '/10dlc/brand/:id'],
  ['GET', '/10dlc/brand/:id/externalVetting'],
  ['POST', '/10dlc/brand/:id/externalVetting'],
  ['POST', '/10dlc/campaignBuilder'],
  ['GET', '/10dlc/campaign'],
  ['GET', '/10dlc/campaign/:id'],
  ['DELETE', '/10dlc/campaign/:id'],
  ['GET', '/10dlc/phone_number_campaigns'],
  ['POST', '/10dlc/phone_number_campaigns'],
  ['GET', '/10dlc/phone_number_campaigns/:id'],
  ['PUT', '/10dlc/phone_number_campaigns/:id'],
  ['DELETE', '/10dlc/phone_number_campaigns/:id'],
  ['POST', '/messages'],
  ['GET', '/messages/:id'],
  ['DELETE', '/messages/:id'],
  ['GET', '/messaging_profiles/:id/phone_numbers'],
  ['GET', '/nope'],
  ['PUT', '/messages'],
];

const weirdId = fc.oneof(
  fc.constantFrom(
    '__proto__',
    'constructor',
    '%00',
    '..%2F..%2Fetc',
    'x'.repeat(3000),
    '+12065550100',
    'acme-brand',
  ),
  fc.string({ maxLength: 20 }).map(encodeURIComponent),
  fc.constant('REAL'),
);

const fieldValue = fc.oneof(
  fc.constantFrom(
    'PRIVATE_PROFIT',
    'SOLE_PROPRIETOR',
    'REAL_ESTATE',
    'US',
    'ACCOUNT_NOTIFICATION',
    'MARKETING',
    '+12065550100',
    '+12065550123',
    '+14255550101',
    '2065550123',
    'STOP,END',
    'http://127.0.0.1:9/hook',
    'ftp://x',
    'Acme Realty: open house Sat. Reply STOP to opt out',
    'https://bit.ly/x',
    '2026-12-01T00:00:00Z',
  ),
  fc.string({ maxLength: 30 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(
    fc.oneof(fc.string({ maxLength: 10 }), fc.record({ phone_number: fc.string({ maxLength: 14 }) })),
    {
      maxLength: 3,
    },
  ),
  fc.constant('z'.repeat(100_000)),
  fc.constant('REAL'),
);
const FIELDS = [
  'name',
  'displayName',
  'companyName',
  'entityType',
  'country',
  'email',
  'vertical',
  'ein',
  'brandId',
  'usecase',
  'description',
  'messageFlow',
  'sample1',
  'sample2',
  'optoutKeywords',
  'embeddedLink',
  'campaignId',
  'phoneNumber',
  'phone_numbers',
  'messaging_profile_id',
  'from',
  'to',
  'text',
  'send_at',
  'webhook_url',
  'whitelisted_destinations',
  'tags',
  'evpId',
  'vettingClass',
  '__proto__',
  'constructor',
];
const objectBody = fc.dictionary(fc.constantFrom(...FIELDS), fieldValue, { maxKeys: 7 });
const rawBody = fc.oneof(
  objectBody.map((o) => ({ object: o })),
  objectBody.map((o) => ({ object: o })),
  fc
    .constantFrom('{bad json', '[]', 'null', '"text"', '1e400', '{"a":'.repeat(5000), '{}')
    .map((text) => ({ text })),
  fc.constant({ text: JSON.stringify({ text: 'x'.repeat(2_000_000) }) }),
);

const request = fc.record({
  route: fc.constantFrom(...ROUTES),
  id: weirdId,
  pick: fc.nat(),
  who: fc.constantFrom('key', 'key', 'key', 'olga', 'sam', 'bad', 'none'),
  body: fc.option(rawBody, { nil: undefined }),
  query: fc.constantFrom(
    '',
    '?page[number]=2&page[size]=1',
    '?page[size]=-1',
    '?page=abc&recordsPerPage=0',
    '?filter[national_destination_code]=206&filter[limit]=5',
    '?filter[national_destination_code]=abc',
    '?filter[country_code]=CA',
    '?brandId=x',
    '?filter[telnyx_campaign_id]=x',
  ),
});

describe('R2: API fuzz of the Telnyx face', () => {
  it(
    `answers ${String(RUNS)} generated requests without a 5xx, in Telnyx's envelope, and the invariants hold`,
    async () => {
      const apiKey = sim.providers.acme!.telnyx.apiKey;
      const tally = { ok: 0, refused: 0 };
      await fc.assert(
        fc.asyncProperty(request, async ({ route: [method, template], id, pick, who, body, query }) => {
          const realId = real[pick % real.length]!;
          const path = `/telnyx/v2${template.replace(':id', id === 'REAL' ? realId : id)}${query}`;
          const token =
            who === 'key' ? apiKey : who === 'bad' ? 'KEYbad' : who === 'none' ? undefined : sim.key(who);
          const headers: Record<string, string> = { 'content-type': 'application/json' };
          if (token) headers.authorization = `Bearer ${token}`;
          const text =
            body === undefined
              ? undefined
              : 'object' in body
                ? JSON.stringify(body.object).replaceAll('"REAL"', JSON.stringify(realId))
                : body.text;
          const res = await fetch(`${sim.url}${path}`, {
            method,
            headers,
            ...(text === undefined || method === 'GET' ? {} : { body: text }),
          });
          const answer = await res.text();
          if (res.status < 300) tally.ok += 1;
          else tally.refused += 1;
          expect(res.status, `${method} ${path.slice(0, 80)}: ${answer.slice(0, 200)}`).toBeLessThan(500);
          if (res.status >= 400)
            expect(JSON.parse(answer)).toMatchObject({
              errors: [
                { code: expect.stringMatching(/^\d{5}$/u) as unknown, title: expect.any(String) as unknown },
              ],
            });
          expect(answer).not.toMatch(/\n\s+at .*\(.*:\d+:\d+\)/u);
        }),
        { numRuns: RUNS, seed: Number(process.env.TENDLC_SEED ?? 20261127), endOnFailure: true },
      );
      expect((await fetch(`${sim.url}/healthz`)).status).toBe(200);
      sim.clock.advance('1h');
      const invariants = await fetch(`${sim.url}/v1/sim/invariants`, {
        headers: { authorization: `Bearer ${sim.adminToken}` },
      });
      expect(invariants.status).toBe(200);
      expect(await invariants.json()).toMatchObject({ violations: [] });
      // What the fuzz registered has the registry's types: a brand's name is a text.
      const brands = (await (
        await fetch(`${sim.url}/v1/brands?limit=1000`, {
          headers: { authorization: `Bearer ${sim.key('olga')}` },
        })
      ).json()) as { data: Array<{ name: unknown }> };
      expect(brands.data.filter((b) => typeof b.name !== 'string')).toEqual([]);
      // The requests reached the routes: many were answered, many refused.
      expect(tally.ok).toBeGreaterThan(RUNS / 20);
      expect(tally.refused).toBeGreaterThan(RUNS / 20);
      expect(({} as Record<string, unknown>).status).toBeUndefined();
    },
    reliabilitySize(900_000, 120_000),
  );
});
