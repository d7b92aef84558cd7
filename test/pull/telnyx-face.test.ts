import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type Telnyx from 'telnyx';
import { parse } from 'yaml';
import type { AccountConfig } from '../../engine/account-config.js';
import { startSimulator, type Simulator } from '../../simulator/start-simulator.js';
import { pullAccount } from '../../validator/pull/pull-account.js';
import { ensureBuilt } from '../helpers/build.js';
import { runCliAsync } from '../helpers/cli-async.js';
import { brandParams, campaignParams, telnyxClient } from '../telnyx/helpers.js';

// End to end: an account registered through the real `telnyx` SDK on the simulator's Telnyx face,
// pulled by the real `tendlc pull telnyx` process, linted: the findings are about what is registered.
let sim: Simulator;
let client: Telnyx;

const ENV = { TELNYX_API_KEY: '', TELNYX_BASE_URL: '', CI: '1' };
const NO_OPT_OUT = [
  'Harbor Realty: your showing at 12 Pine St is confirmed for 3pm.',
  'Harbor Realty: a new listing matches your search, call us to see it.',
];

beforeAll(async () => {
  ensureBuilt();
  sim = await startSimulator({
    config: { version: 1, account: { id: 'harbor', name: 'Harbor Realty', kind: 'standard', country: 'US' } },
    latency: 'fast',
    seed: 5,
  });
  client = telnyxClient(sim, 'harbor');
});
afterAll(async () => {
  await sim.stop();
});

describe('tendlc pull telnyx against the simulator, with an account registered through the telnyx SDK', () => {
  let quiet = '';
  let idle = '';
  let phone = '';

  it('registers a brand, two approved campaigns and a number assigned to one of them', async () => {
    const brand = await client.messaging10dlc.brand.create(brandParams);
    sim.clock.advance('5s');
    quiet = (await client.messaging10dlc.campaignBuilder.submit(campaignParams(brand.brandId!, NO_OPT_OUT)))
      .campaignId;
    idle = (await client.messaging10dlc.campaignBuilder.submit(campaignParams(brand.brandId!))).campaignId;
    for (let i = 0; i < 60; i++) {
      const statuses = await Promise.all(
        [quiet, idle].map((id) => client.messaging10dlc.campaign.retrieve(id)),
      );
      if (statuses.every((c) => c.campaignStatus !== 'TCR_PENDING')) break;
      sim.clock.advance('1s');
    }
    expect((await client.messaging10dlc.campaign.retrieve(quiet)).campaignStatus).toMatch(
      /^(TCR_ACCEPTED|MNO_PROVISIONED)$/u,
    );
    expect((await client.messaging10dlc.campaign.retrieve(idle)).campaignStatus).toMatch(
      /^(TCR_ACCEPTED|MNO_PROVISIONED)$/u,
    );
    const available = await client.availablePhoneNumbers.list({
      filter: { country_code: 'US', national_destination_code: '425', features: ['sms'], limit: 1 },
    });
    phone = available.data![0]!.phone_number!;
    await client.numberOrders.create({ phone_numbers: [{ phone_number: phone }] });
    sim.clock.advance('10s');
    await client.messaging10dlc.phoneNumberCampaigns.create({ phoneNumber: phone, campaignId: quiet });
    sim.clock.advance('3s');
    expect((await client.messaging10dlc.phoneNumberCampaigns.retrieve(phone)).assignmentStatus).toBe(
      'ASSIGNED',
    );
  });

  it('pulls it into a config that lint speaks about: samples without opt-out, an approved campaign without numbers', async () => {
    const { telnyx } = sim.providers.harbor!;
    const run = await runCliAsync(
      ['pull', 'telnyx', '--base-url', `${sim.url}/telnyx/v2`, '--lint', '--now', '2026-11-02'],
      { ...ENV, TELNYX_API_KEY: telnyx.apiKey },
    );
    expect(run.stdout).toMatch(/^# Pulled from Telnyx at http:\/\/127\.0\.0\.1:\d+\/telnyx\/v2\n/u);
    const config = parse(run.stdout) as AccountConfig;
    expect(config.brands).toHaveLength(1);
    expect(config.brands?.[0]).toMatchObject({
      name: 'Harbor Realty LLC',
      entityType: 'PRIVATE_PROFIT',
      ein: '12-3456789',
      email: 'compliance@harbor.example',
      vertical: 'REAL_ESTATE',
      status: 'verified',
    });
    expect(config.campaigns?.map((c) => [c.id, c.status, c.useCase])).toEqual(
      expect.arrayContaining([
        [quiet, 'approved', 'ACCOUNT_NOTIFICATION'],
        [idle, 'approved', 'ACCOUNT_NOTIFICATION'],
      ]),
    );
    expect(config.campaigns?.find((c) => c.id === quiet)?.sampleMessages).toEqual(NO_OPT_OUT);
    expect(config.numbers).toEqual([
      {
        e164: phone,
        kind: 'campaign',
        lifetime: 'dedicated',
        status: 'active',
        origin: 'telnyx',
        campaign: quiet,
      },
    ]);
    const findings = [...run.stderr.matchAll(/\s(error|warning|info)\s+.*?\s{2}([a-z0-9-]+)\s*$/gmu)].map(
      (m) => m[2],
    );
    expect(findings.sort()).toEqual(['campaign-samples-opt-out', 'campaign-without-numbers']);
    expect(run.status).toBe(1);
    // The same account read one item a page, through the face's own paging links.
    const paged = await pullAccount(
      { provider: 'telnyx', apiKey: sim.providers.harbor!.telnyx.apiKey },
      { baseUrl: `${sim.url}/telnyx/v2`, pageSize: 1 },
    );
    expect(paged.config).toEqual(config);
  });
});
