import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type twilio from 'twilio';
import { parse } from 'yaml';
import type { AccountConfig } from '../../engine/account-config.js';
import { startSimulator, type Simulator } from '../../simulator/start-simulator.js';
import { pullAccount } from '../../validator/pull/pull-account.js';
import { ensureBuilt } from '../helpers/build.js';
import { runCliAsync } from '../helpers/cli-async.js';
import { BUSINESS, CAMPAIGN, registerBusiness, twilioClient } from '../twilio/helpers.js';

// End to end: an account registered through the real `twilio` SDK on the simulator's Twilio face
// (TrustHub, brand, two Messaging Services with a campaign each, a number in one of them), pulled
// by the real `tendlc pull twilio` process, linted: the findings are about what is registered.
let sim: Simulator;
let client: twilio.Twilio;

const ENV = { TWILIO_ACCOUNT_SID: '', TWILIO_AUTH_TOKEN: '', CI: '1' };
const NO_OPT_OUT = [
  'Sample Bakery LLC: your order 1234 is ready for pickup today.',
  'Sample Bakery LLC: your cake order is confirmed for Saturday, see you then.',
];

beforeAll(async () => {
  ensureBuilt();
  sim = await startSimulator({
    config: { version: 1, account: { id: 'bakery', name: 'Sample Bakery', kind: 'standard', country: 'US' } },
    latency: 'realistic',
    seed: 7,
  });
  client = twilioClient(sim, 'bakery');
});
afterAll(async () => {
  await sim.stop();
});

describe('tendlc pull twilio against the simulator, with an account registered through the twilio SDK', () => {
  let quiet = '';
  let idle = '';
  let phone = '';
  let brandSid = '';

  it('registers a brand, two verified campaigns in two Messaging Services, and a number in one', async () => {
    const bundles = await registerBusiness(client);
    sim.clock.advance('1d');
    const brand = await client.messaging.v1.brandRegistrations.create({
      customerProfileBundleSid: bundles.profile,
      a2PProfileBundleSid: bundles.trustProduct,
    });
    brandSid = brand.sid;
    sim.clock.advance('3d');
    expect((await client.messaging.v1.brandRegistrations(brand.sid).fetch()).status).toBe('APPROVED');
    const services = [];
    for (const name of ['Bakery pickups', 'Bakery news'])
      services.push(await client.messaging.v1.services.create({ friendlyName: name }));
    const available = await client.availablePhoneNumbers('US').local.list({ areaCode: 425, limit: 1 });
    const bought = await client.incomingPhoneNumbers.create({ phoneNumber: available[0]!.phoneNumber });
    phone = bought.phoneNumber;
    await client.messaging.v1.services(services[0]!.sid).phoneNumbers.create({ phoneNumberSid: bought.sid });
    quiet = (
      await client.messaging.v1
        .services(services[0]!.sid)
        .usAppToPerson.create({ brandRegistrationSid: brand.sid, ...CAMPAIGN, messageSamples: NO_OPT_OUT })
    ).sid;
    idle = (
      await client.messaging.v1
        .services(services[1]!.sid)
        .usAppToPerson.create({ brandRegistrationSid: brand.sid, ...CAMPAIGN })
    ).sid;
    sim.clock.advance('16d');
    for (const [service, sid] of [
      [services[0]!.sid, quiet],
      [services[1]!.sid, idle],
    ] as const)
      expect((await client.messaging.v1.services(service).usAppToPerson(sid).fetch()).campaignStatus).toBe(
        'VERIFIED',
      );
  });

  it('pulls it into a config that lint speaks about: samples without opt-out, an approved campaign without numbers', async () => {
    const { accountSid, authToken } = sim.providers.bakery!.twilio;
    const run = await runCliAsync(
      ['pull', 'twilio', '--base-url', `${sim.url}/twilio`, '--lint', '--now', '2026-11-22'],
      {
        ...ENV,
        TWILIO_ACCOUNT_SID: accountSid,
        TWILIO_AUTH_TOKEN: authToken,
      },
    );
    expect(run.stdout).toMatch(
      new RegExp(`^# Pulled from Twilio account ${accountSid} at http://127\\.0\\.0\\.1:\\d+/twilio\\n`, 'u'),
    );
    const config = parse(run.stdout) as AccountConfig;
    expect(config.account.id).toBe(accountSid);
    expect(config.brands).toHaveLength(1);
    expect(config.brands?.[0]).toMatchObject({
      id: brandSid,
      name: BUSINESS.business_name,
      entityType: 'PRIVATE_PROFIT',
      ein: BUSINESS.business_registration_number,
      vertical: BUSINESS.business_industry,
      email: 'compliance@bakery.example.com',
      status: 'verified',
    });
    expect(config.campaigns?.map((c) => [c.id, c.status, c.useCase, c.brand])).toEqual(
      expect.arrayContaining([
        [quiet, 'approved', 'ACCOUNT_NOTIFICATION', brandSid],
        [idle, 'approved', 'ACCOUNT_NOTIFICATION', brandSid],
      ]),
    );
    expect(config.campaigns?.find((c) => c.id === quiet)?.sampleMessages).toEqual(NO_OPT_OUT);
    expect(config.numbers).toEqual([
      {
        e164: phone,
        kind: 'campaign',
        lifetime: 'dedicated',
        status: 'active',
        origin: 'twilio',
        campaign: quiet,
      },
    ]);
    const findings = [...run.stderr.matchAll(/\s(error|warning|info)\s+.*?\s{2}([a-z0-9-]+)\s*$/gmu)].map(
      (m) => m[2],
    );
    expect(findings.sort(), run.stderr).toEqual(['campaign-samples-opt-out', 'campaign-without-numbers']);
    expect(run.status).toBe(1);
    // The same account read one item a page, through the face's own paging links.
    const paged = await pullAccount(
      { provider: 'twilio', ...sim.providers.bakery!.twilio },
      { baseUrl: `${sim.url}/twilio`, pageSize: 1 },
    );
    expect(paged.config).toEqual(config);
  });

  it('exits 2 when the base URL misses the face, saying which URL answered and what to check', async () => {
    const { accountSid, authToken } = sim.providers.bakery!.twilio;
    const run = await runCliAsync(['pull', 'twilio', '--base-url', sim.url], {
      ...ENV,
      TWILIO_ACCOUNT_SID: accountSid,
      TWILIO_AUTH_TOKEN: authToken,
    });
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    // The native API answers a route it does not have without a bearer key: 401, not Twilio's envelope.
    expect(run.stderr).toBe(
      `tendlc pull: Twilio answered GET ${sim.url}/api/2010-04-01/Accounts/${accountSid}.json with HTTP 401; check --base-url and the credentials (TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN)\n`,
    );
    expect(run.stderr).not.toContain(authToken);
  });
});
