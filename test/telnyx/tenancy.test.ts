import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type Telnyx from 'telnyx';
import { startSimulator, type Simulator } from '../../simulator/start-simulator.js';
import { brandParams, campaignParams, errorsOf, telnyxClient } from './helpers.js';

// R5 over the Telnyx routes: another account's API key sees none of this account's resources (404,
// as if missing), a standard or limited user's key is refused (403), and an admin limited to a
// subgroup reaches only that subgroup's numbers and messages.
let sim: Simulator;
let acme: Telnyx;
let beta: Telnyx;
const ids = {
  brand: '',
  tcrBrand: '',
  campaign: '',
  profile: '',
  phone: '',
  phoneId: '',
  order: '',
  message: '',
};

async function keysOf(account: string): Promise<{ apiKey: string; publicKey: string }> {
  const res = await fetch(`${sim.url}/v1/sim/accounts/${account}/keys`, {
    headers: { authorization: `Bearer ${sim.adminToken}` },
  });
  return ((await res.json()) as { telnyx: { apiKey: string; publicKey: string } }).telnyx;
}

beforeAll(async () => {
  sim = await startSimulator({ config: 'acme', latency: 'fast', seed: 5 });
  const created = await fetch(`${sim.url}/v1/sim/accounts`, {
    method: 'POST',
    headers: { authorization: `Bearer ${sim.adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      version: 1,
      account: { id: 'beta', name: 'Beta Co', kind: 'standard', country: 'US' },
      users: [{ id: 'bo', role: 'owner' }],
    }),
  });
  expect(created.status).toBe(201);
  acme = telnyxClient(sim);
  beta = telnyxClient(sim, 'acme', (await keysOf('beta')).apiKey);

  const profile = await acme.messagingProfiles.create({ name: 'Acme', whitelisted_destinations: ['US'] });
  ids.profile = profile.data!.id!;
  const brand = await acme.messaging10dlc.brand.create(brandParams);
  ids.brand = brand.brandId!;
  ids.tcrBrand = brand.tcrBrandId!;
  sim.clock.advance('5s');
  const campaign = await acme.messaging10dlc.campaignBuilder.submit(campaignParams(ids.brand));
  ids.campaign = campaign.campaignId;
  sim.clock.advance('20s');
  const available = await acme.availablePhoneNumbers.list({ filter: { national_destination_code: '425' } });
  ids.phone = available.data![0]!.phone_number!;
  const order = await acme.numberOrders.create({
    phone_numbers: [{ phone_number: ids.phone }],
    messaging_profile_id: ids.profile,
  });
  ids.order = order.data!.id!;
  sim.clock.advance('10s');
  ids.phoneId = (await acme.phoneNumbers.retrieve(ids.phone)).data!.id;
  await acme.messaging10dlc.phoneNumberCampaigns.create({ phoneNumber: ids.phone, campaignId: ids.campaign });
  sim.clock.advance('3s');
  const sent = await acme.messages.send({
    from: ids.phone,
    to: '+12065550123',
    text: 'Harbor Realty: hi. Reply STOP to opt out.',
  });
  ids.message = sent.data!.id!;
});
afterAll(async () => {
  await sim.stop();
});

async function statusOf(call: Promise<unknown>): Promise<number> {
  try {
    await call;
    return 200;
  } catch (error) {
    return (error as { status: number }).status;
  }
}

describe('R5: the Telnyx face and tenancy', () => {
  it("never shows one account's resources to another account's API key", async () => {
    const reads: Array<[string, () => Promise<unknown>]> = [
      ['brand', () => beta.messaging10dlc.brand.retrieve(ids.brand)],
      ['tcr brand', () => beta.messaging10dlc.brand.retrieve(ids.tcrBrand)],
      [
        'brand update',
        () => beta.messaging10dlc.brand.update(ids.brand, { ...brandParams, website: 'https://x.example' }),
      ],
      [
        'vetting',
        () =>
          beta.messaging10dlc.brand.externalVetting.order(ids.brand, {
            evpId: 'AEGIS',
            vettingClass: 'STANDARD',
          }),
      ],
      ['campaign', () => beta.messaging10dlc.campaign.retrieve(ids.campaign)],
      ['campaign delete', () => beta.messaging10dlc.campaign.deactivate(ids.campaign)],
      ['campaign builder', () => beta.messaging10dlc.campaignBuilder.submit(campaignParams(ids.brand))],
      ['assignment', () => beta.messaging10dlc.phoneNumberCampaigns.retrieve(ids.phone)],
      [
        'assign',
        () =>
          beta.messaging10dlc.phoneNumberCampaigns.create({
            phoneNumber: ids.phone,
            campaignId: ids.campaign,
          }),
      ],
      ['unassign', () => beta.messaging10dlc.phoneNumberCampaigns.delete(ids.phone)],
      ['profile', () => beta.messagingProfiles.retrieve(ids.profile)],
      [
        'profile update',
        () => beta.messagingProfiles.update(ids.profile, { webhook_url: 'http://127.0.0.1:9/x' }),
      ],
      ['profile delete', () => beta.messagingProfiles.delete(ids.profile)],
      ['number', () => beta.phoneNumbers.retrieve(ids.phoneId)],
      ['number by e164', () => beta.phoneNumbers.retrieve(ids.phone)],
      ['number update', () => beta.phoneNumbers.update(ids.phoneId, { tags: ['x'] })],
      ['number messaging', () => beta.phoneNumbers.messaging.retrieve(ids.phoneId)],
      [
        'number messaging update',
        () => beta.phoneNumbers.messaging.update(ids.phoneId, { messaging_profile_id: '' }),
      ],
      ['number delete', () => beta.phoneNumbers.delete(ids.phoneId)],
      ['order', () => beta.numberOrders.retrieve(ids.order)],
      ['message', () => beta.messages.retrieve(ids.message)],
      ['send from', () => beta.messages.send({ from: ids.phone, to: '+12065550124', text: 'hello there' })],
      [
        'send via profile',
        () =>
          beta.messages.send({ messaging_profile_id: ids.profile, to: '+12065550124', text: 'hello there' }),
      ],
    ];
    const statuses: Record<string, number> = {};
    for (const [name, call] of reads) statuses[name] = await statusOf(call());
    expect(statuses).toEqual(Object.fromEntries(reads.map(([name]) => [name, 404])));
    expect((await beta.messaging10dlc.brand.list()).records).toEqual([]);
    expect(
      (await beta.messaging10dlc.campaign.list({ brandId: ids.brand }).catch((e: unknown) => e)) as object,
    ).toMatchObject({ status: 404 });
    expect((await beta.messagingProfiles.list()).data).toEqual([]);
    expect((await beta.phoneNumbers.list()).data).toEqual([]);
    expect((await beta.numberOrders.list()).data).toEqual([]);
    expect((await beta.messaging10dlc.phoneNumberCampaigns.list()).records).toEqual([]);
    // Nothing of acme's changed under beta's attempts.
    expect((await acme.messaging10dlc.phoneNumberCampaigns.retrieve(ids.phone)).assignmentStatus).toBe(
      'ASSIGNED',
    );
    expect((await acme.messagingProfiles.retrieve(ids.profile)).data?.webhook_url).toBeNull();
  });

  it("refuses a standard or limited user's key (403, 10010) and takes an owner's or admin's", async () => {
    for (const user of ['sam', 'lee']) {
      const client = telnyxClient(sim, 'acme', sim.key(user));
      const error = await client.messagingProfiles.list().catch((e: unknown) => e);
      expect((error as { status: number }).status).toBe(403);
      expect(errorsOf(error)[0]?.code).toBe('10010');
    }
    const owner = telnyxClient(sim, 'acme', sim.key('olga'));
    expect((await owner.messaging10dlc.brand.retrieve(ids.brand)).brandId).toBe(ids.brand);
  });

  it("keeps an admin limited to a subgroup to that subgroup's numbers", async () => {
    const ana = telnyxClient(sim, 'acme', sim.key('ana')); // admin of north
    const numbers = (await ana.phoneNumbers.list({ 'page[size]': 100 } as never)).data.map(
      (n) => n.phone_number,
    );
    expect(numbers).toContain('+12065550100');
    expect(numbers).not.toContain('+15035550110');
    expect(await statusOf(ana.phoneNumbers.retrieve('+15035550110'))).toBe(404);
    expect(
      await statusOf(ana.messages.send({ from: '+15035550110', to: '+12065550125', text: 'from south' })),
    ).toBe(404);
    const olga = telnyxClient(sim, 'acme', sim.key('olga'));
    expect((await olga.phoneNumbers.retrieve('+15035550110')).data?.phone_number).toBe('+15035550110');
  });
});
