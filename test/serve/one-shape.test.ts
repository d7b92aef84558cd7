import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schema as account } from '../../engine/schemas/compiled/account.js';
import { startTestServer, type TestServer } from '../helpers/simulator.js';

// One shape per resource: the account config and the API share each resource's fields
// (schemas/account.schema.json `$defs/…Fields`), so that whatever a config may say about a brand,
// a campaign, a number or outreach, the API accepts and gives back. Every field of every such item
// goes through the API and back; a field added to the schema fails here until it does.

const defs = (account as { $defs: Record<string, { properties: Record<string, unknown> }> }).$defs;
const fieldsOf = (name: string): string[] => Object.keys(defs[`${name}Fields`]!.properties);

/** A body with every field a config item may have, as a client would copy it from a config. */
const BODIES = {
  brand: {
    id: 'full-brand',
    name: 'Full Shape Inc',
    entityType: 'PUBLIC_PROFIT',
    ein: '12-3456789',
    country: 'US',
    email: 'ir@full.example',
    vertical: 'REAL_ESTATE',
    trustScore: 80,
    stockSymbol: 'FULL',
    stockExchange: 'NASDAQ',
    nonprofitType: '501c3',
  },
  campaign: {
    id: 'full-campaign',
    brand: 'acme-brand',
    useCase: 'MIXED',
    subUseCases: ['MARKETING', 'CUSTOMER_CARE'],
    description: 'Listings, open houses and answers to buyers who opted in on our sign-in form',
    messageFlow: 'Buyers opt in on the open-house sign-in form and confirm by replying YES to our text',
    sampleMessages: [
      'Acme Realty: open house Sat 1-3pm at 12 Elm St. Reply STOP to opt out',
      'Acme Realty: your agent will call you back today. Reply STOP to opt out',
    ],
    optOutKeywords: ['STOP', 'QUIT'],
    optOutMessage: 'Acme Realty: you are unsubscribed. No more messages will be sent.',
    helpKeywords: ['HELP', 'INFO'],
    helpMessage: 'Acme Realty: help at 206-555-0100. Msg&data rates may apply. Reply STOP to opt out.',
    embeddedLinks: false,
    embeddedPhone: false,
    ageGated: false,
    directLending: false,
    campaignVerifyToken: 'cv-token-0001',
  },
  // Two numbers between them carry every field: a dedicated campaign number, and a rep's line.
  campaignNumber: {
    e164: '+15035550321',
    kind: 'campaign',
    lifetime: 'dedicated',
    name: 'Portland listings',
    subgroup: 'south',
    campaign: 'acme-mkt',
    portProtected: true,
  },
  oneToOneNumber: {
    e164: '+15035550322',
    kind: 'one-to-one',
    lifetime: 'dedicated',
    name: "Sam's line",
    subgroup: 'south',
    portProtected: false,
    rep: 'sam',
    inbox: { mode: 'agent', agents: ['sam'] },
  },
  outreach: {
    id: 'full-outreach',
    type: 'bulk',
    subgroup: 'north',
    campaign: 'acme-mkt',
    numberMode: 'dedicated',
    numbers: ['+12065550100'],
    market: '206',
    dailyVolume: 400,
    owner: 'ana',
    recipients: [{ to: '+12065550142', name: 'Pat Buyer' }],
    body: 'Acme Realty: open house Sat 1-3pm. Reply STOP to opt out',
  },
};

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t.stop();
});

describe('one shape per resource: every config field through the API and back', () => {
  it('a brand', async () => {
    const created = await t.as('olga').post('/v1/brands', BODIES.brand);
    expect(created.status).toBe(201);
    const read = await t.as('olga').get('/v1/brands/full-brand');
    expect(Object.keys(BODIES.brand).sort()).toEqual(fieldsOf('brand').sort());
    expect(read.body).toMatchObject(BODIES.brand);
  });

  it('a campaign', async () => {
    const created = await t.as('olga').post('/v1/campaigns', BODIES.campaign);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const read = await t.as('olga').get('/v1/campaigns/full-campaign');
    expect(Object.keys(BODIES.campaign).sort()).toEqual(fieldsOf('campaign').sort());
    expect(read.body).toMatchObject(BODIES.campaign);
  });

  it('a number', async () => {
    const covered = new Set([...Object.keys(BODIES.campaignNumber), ...Object.keys(BODIES.oneToOneNumber)]);
    expect([...covered].sort()).toEqual(fieldsOf('number').sort());
    for (const body of [BODIES.campaignNumber, BODIES.oneToOneNumber]) {
      const created = await t.as('olga').post('/v1/numbers', body);
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      const read = await t.as('olga').get(`/v1/numbers/${encodeURIComponent(body.e164)}`);
      expect(read.body).toMatchObject(body);
    }
  });

  it('outreach', async () => {
    const created = await t.as('olga').post('/v1/outreach', BODIES.outreach);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const read = await t.as('olga').get('/v1/outreach/full-outreach');
    expect(Object.keys(BODIES.outreach).sort()).toEqual(fieldsOf('outreach').sort());
    expect(read.body).toMatchObject(BODIES.outreach);
  });

  it('the fields the server owns are refused by name, with the reason', async () => {
    const res = await t
      .as('olga')
      .post('/v1/campaigns', { ...BODIES.campaign, id: 'owned', status: 'approved' });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      error: {
        details: { field: '/status', hint: "remove 'status' from the request" },
        message: expect.stringMatching(/status is not the request's to set: the review sets it/u) as unknown,
      },
    });
  });
});
