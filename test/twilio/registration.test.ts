import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../index.js';
import { brandSid } from '../../simulator/faces/twilio/sids.js';
import {
  CAMPAIGN,
  CUSTOMER_PROFILE_POLICY,
  BUSINESS,
  failure,
  registerBusiness,
  twilioClient,
} from './helpers.js';

// Twilio's A2P 10DLC registration, through twilio-node, decided by the engine on the virtual clock.
let sim: Simulator;
beforeEach(async () => {
  sim = await startSimulator({ config: 'acme', latency: 'realistic', seed: 7 });
});
afterEach(async () => {
  await sim.stop();
});

describe('TrustHub', () => {
  it('evaluates a bundle against the policy and reviews a submitted one on the virtual clock', async () => {
    const client = twilioClient(sim);
    const trusthub = client.trusthub.v1;
    const profile = await trusthub.customerProfiles.create({
      friendlyName: 'Empty',
      email: 'x@example.com',
      policySid: CUSTOMER_PROFILE_POLICY,
    });
    expect(profile.sid).toMatch(/^BU[0-9a-f]{32}$/u);
    expect(profile.status).toBe('draft');
    expect(profile.dateCreated).toBeInstanceOf(Date);
    const evaluation = await trusthub
      .customerProfiles(profile.sid)
      .customerProfilesEvaluations.create({ policySid: CUSTOMER_PROFILE_POLICY });
    expect(evaluation.sid).toMatch(/^EL[0-9a-f]{32}$/u);
    expect(evaluation.status).toBe('noncompliant');
    expect(evaluation.results.map((r) => (r as { friendly_name: string }).friendly_name)).toContain(
      'legal business name',
    );
    await trusthub.customerProfiles(profile.sid).update({ status: 'pending-review' });
    expect((await trusthub.customerProfiles(profile.sid).fetch()).status).toBe('pending-review');
    sim.clock.advance('1d');
    const rejected = await trusthub.customerProfiles(profile.sid).fetch();
    expect(rejected.status).toBe('twilio-rejected');
    expect(JSON.stringify(rejected.errors)).toContain('authorized representative');
    expect(JSON.stringify(rejected.errors)).toContain('business address');

    const { profile: good } = await registerBusiness(client);
    const compliant = await trusthub
      .customerProfiles(good)
      .customerProfilesEvaluations.create({ policySid: CUSTOMER_PROFILE_POLICY });
    expect(compliant.status).toBe('compliant');
    sim.clock.advance('1d');
    expect((await trusthub.customerProfiles(good).fetch()).status).toBe('twilio-approved');
    const assignments = await trusthub.customerProfiles(good).customerProfilesEntityAssignments.list();
    expect(assignments).toHaveLength(3);
    expect(assignments[0]!.objectSid).toMatch(/^IT/u);
  });
});

describe('a brand, a Messaging Service, its campaign and numbers', () => {
  it('registers through the SDK and assigns the service numbers once the campaign is VERIFIED', async () => {
    const client = twilioClient(sim);
    const bundles = await registerBusiness(client);
    sim.clock.advance('1d');
    const brand = await client.messaging.v1.brandRegistrations.create({
      customerProfileBundleSid: bundles.profile,
      a2PProfileBundleSid: bundles.trustProduct,
    });
    expect(brand.sid).toMatch(/^BN[0-9a-f]{32}$/u);
    expect([brand.status, brand.identityStatus, brand.brandScore]).toEqual([
      'PENDING',
      'SELF_DECLARED',
      null,
    ]);
    expect(brand.tcrId).toMatch(/^B[0-9A-F]{6}$/u);
    sim.clock.advance('3d');
    const approved = await client.messaging.v1.brandRegistrations(brand.sid).fetch();
    expect(approved.status).toBe('APPROVED');
    expect(approved.identityStatus).toBe('VERIFIED');
    expect(approved.brandScore).toBeGreaterThanOrEqual(0);

    // The same brand through the native API.
    const native = await fetch(`${sim.url}/v1/brands`, {
      headers: { authorization: `Bearer ${sim.key('olga')}` },
    });
    const brands = (await native.json()) as {
      items?: Array<{ name: string }>;
      data?: Array<{ name: string }>;
    };
    expect(JSON.stringify(brands)).toContain(BUSINESS.business_name);

    const service = await client.messaging.v1.services.create({
      friendlyName: 'Bakery notifications',
      inboundRequestUrl: 'https://bakery.example.com/sms',
    });
    expect(service.sid).toMatch(/^MG[0-9a-f]{32}$/u);
    expect(service.inboundRequestUrl).toBe('https://bakery.example.com/sms');
    expect(service.usAppToPersonRegistered).toBe(false);

    const usecases = await client.messaging.v1.services(service.sid).usAppToPersonUsecases.fetch({
      brandRegistrationSid: brand.sid,
    });
    expect(usecases.usAppToPersonUsecases.map((u) => (u as { code: string }).code)).toContain(
      'ACCOUNT_NOTIFICATION',
    );

    const available = await client.availablePhoneNumbers('US').local.list({ areaCode: 425, limit: 3 });
    expect(available).toHaveLength(3);
    expect(available[0]!.phoneNumber).toMatch(/^\+1425\d{7}$/u);
    const bought = await client.incomingPhoneNumbers.create({
      phoneNumber: available[0]!.phoneNumber,
      smsUrl: 'https://bakery.example.com/inbound',
    });
    expect(bought.sid).toMatch(/^PN[0-9a-f]{32}$/u);
    expect(bought.smsUrl).toBe('https://bakery.example.com/inbound');
    expect(bought.dateCreated).toBeInstanceOf(Date);
    await client.messaging.v1.services(service.sid).phoneNumbers.create({ phoneNumberSid: bought.sid });

    const campaign = await client.messaging.v1.services(service.sid).usAppToPerson.create({
      brandRegistrationSid: brand.sid,
      ...CAMPAIGN,
    });
    expect(campaign.sid).toMatch(/^QE[0-9a-f]{32}$/u);
    expect(campaign.campaignStatus).toBe('PENDING');
    sim.clock.advance('1h');
    expect(
      (await client.messaging.v1.services(service.sid).usAppToPerson(campaign.sid).fetch()).campaignStatus,
    ).toBe('IN_PROGRESS');
    sim.clock.advance('16d');
    const verified = await client.messaging.v1.services(service.sid).usAppToPerson(campaign.sid).fetch();
    expect(verified.campaignStatus).toBe('VERIFIED');
    expect(verified.errors).toEqual([]);
    expect((await client.messaging.v1.services(service.sid).fetch()).usAppToPersonRegistered).toBe(true);

    // The number is assigned to the campaign and has propagated.
    const number = await fetch(`${sim.url}/v1/numbers/${encodeURIComponent(bought.phoneNumber)}`, {
      headers: { authorization: `Bearer ${sim.key('olga')}` },
    });
    expect(await number.json()).toMatchObject({
      origin: 'twilio',
      pool: service.sid,
      assignment: 'effective',
    });
    const pooled = await client.messaging.v1.services(service.sid).phoneNumbers.list();
    expect(pooled.map((p) => p.phoneNumber)).toEqual([bought.phoneNumber]);
  });

  it('fails a campaign whose samples go through a public URL shortener, with the engine reason', async () => {
    const client = twilioClient(sim);
    const bundles = await registerBusiness(client);
    sim.clock.advance('1d');
    const brand = await client.messaging.v1.brandRegistrations.create({
      customerProfileBundleSid: bundles.profile,
      a2PProfileBundleSid: bundles.trustProduct,
    });
    sim.clock.advance('3d');
    const service = await client.messaging.v1.services.create({ friendlyName: 'Promos' });
    const campaign = await client.messaging.v1.services(service.sid).usAppToPerson.create({
      brandRegistrationSid: brand.sid,
      ...CAMPAIGN,
      hasEmbeddedLinks: true,
      messageSamples: [
        'Sample Bakery LLC: 20% off today only at https://bit.ly/bakery. Reply STOP to opt out.',
        CAMPAIGN.messageSamples[0]!,
      ],
    });
    sim.clock.advance('16d');
    const failed = await client.messaging.v1.services(service.sid).usAppToPerson(campaign.sid).fetch();
    expect(failed.campaignStatus).toBe('FAILED');
    expect(failed.errors).toEqual([
      expect.objectContaining({ error_code: 30963, tendlc_rule: 'public-url-shortener' }),
    ]);
  });

  it('refuses a campaign for a brand not yet verified with 30991 and the rule id', async () => {
    const client = twilioClient(sim);
    const bundles = await registerBusiness(client);
    const brand = await client.messaging.v1.brandRegistrations.create({
      customerProfileBundleSid: bundles.profile,
      a2PProfileBundleSid: bundles.trustProduct,
    });
    const service = await client.messaging.v1.services.create({ friendlyName: 'Too early' });
    const error = await failure(
      client.messaging.v1
        .services(service.sid)
        .usAppToPerson.create({ brandRegistrationSid: brand.sid, ...CAMPAIGN }),
    );
    expect([error.status, error.code]).toEqual([400, 30991]);
    expect(error.details).toEqual({ tendlc_rule: 'brand-must-be-verified' });
  });

  it('refuses a brand whose business lacks its EIN (brand-required-fields)', async () => {
    const client = twilioClient(sim);
    const { business_registration_number: _ein, ...withoutEin } = BUSINESS;
    const bundles = await registerBusiness(client, withoutEin);
    const error = await failure(
      client.messaging.v1.brandRegistrations.create({
        customerProfileBundleSid: bundles.profile,
        a2PProfileBundleSid: bundles.trustProduct,
      }),
    );
    expect(error.status).toBe(400);
    expect(String(error.message)).toContain('ein');
    expect(error.details).toEqual({ tendlc_rule: 'brand-required-fields' });
  });
});

describe('after registration', () => {
  async function approvedBrand(client: ReturnType<typeof twilioClient>): Promise<string> {
    const bundles = await registerBusiness(client);
    sim.clock.advance('1d');
    const brand = await client.messaging.v1.brandRegistrations.create({
      customerProfileBundleSid: bundles.profile,
      a2PProfileBundleSid: bundles.trustProduct,
    });
    sim.clock.advance('3d');
    return brand.sid;
  }

  it('vets a brand (Aegis): PENDING, then SUCCESS and VETTED_VERIFIED', async () => {
    const client = twilioClient(sim);
    const brand = await approvedBrand(client);
    const vetting = await client.messaging.v1.brandRegistrations(brand).brandVettings.create({
      vettingProvider: 'aegis',
    });
    expect(vetting.brandVettingSid).toMatch(/^VT[0-9a-f]{32}$/u);
    expect(vetting.vettingStatus).toBe('PENDING');
    sim.clock.advance('3d');
    const done = await client.messaging.v1
      .brandRegistrations(brand)
      .brandVettings(vetting.brandVettingSid)
      .fetch();
    expect(done.vettingStatus).toBe('SUCCESS');
    expect((await client.messaging.v1.brandRegistrations(brand).fetch()).identityStatus).toBe(
      'VETTED_VERIFIED',
    );
    const refused = await failure(
      client.messaging.v1
        .brandRegistrations(brand)
        .brandVettings.create({ vettingProvider: 'campaign-verify' }),
    );
    expect(String(refused.message)).toContain('VettingProvider');
  });

  it('deleting a service deactivates its campaign, which the native API sees as expired', async () => {
    const client = twilioClient(sim);
    const brand = await approvedBrand(client);
    const service = await client.messaging.v1.services.create({ friendlyName: 'Short-lived' });
    const campaign = await client.messaging.v1.services(service.sid).usAppToPerson.create({
      brandRegistrationSid: brand,
      ...CAMPAIGN,
    });
    const again = await failure(
      client.messaging.v1
        .services(service.sid)
        .usAppToPerson.create({ brandRegistrationSid: brand, ...CAMPAIGN }),
    );
    expect([again.status, again.code]).toEqual([409, 20409]);
    sim.clock.advance('16d');
    expect(await client.messaging.v1.services(service.sid).remove()).toBe(true);
    const gone = await failure(client.messaging.v1.services(service.sid).fetch());
    expect(gone.status).toBe(404);
    const campaigns = await fetch(`${sim.url}/v1/campaigns`, {
      headers: { authorization: `Bearer ${sim.key('olga')}` },
    });
    const listed = JSON.stringify(await campaigns.json());
    expect(listed).toContain('"status":"expired"');
    expect(campaign.sid).toMatch(/^QE/u);
  });

  it('never gives a deleted resource’s SID to a new one', async () => {
    const client = twilioClient(sim);
    const first = await client.messaging.v1.services.create({ friendlyName: 'one' });
    await client.messaging.v1.services(first.sid).remove();
    const second = await client.messaging.v1.services.create({ friendlyName: 'two' });
    expect(second.sid).not.toBe(first.sid);
    expect((await failure(client.messaging.v1.services(first.sid).fetch())).status).toBe(404);
  });

  it('lists the use cases a service may declare', async () => {
    const client = twilioClient(sim);
    const usecases = await client.messaging.v1.usecases.fetch();
    expect(usecases.usecases.map((u: { usecase: string }) => u.usecase)).toContain('MARKETING');
  });
});

describe('what the native API made', () => {
  it('is visible through the face: the example brand, its campaigns’ numbers', async () => {
    const client = twilioClient(sim);
    const brands = await client.messaging.v1.brandRegistrations.list();
    const acme = brands.find((b) => b.sid === brandSid('acme-brand'));
    expect(acme).toMatchObject({ status: 'APPROVED', customerProfileBundleSid: null });
    const numbers = await client.incomingPhoneNumbers.list({ phoneNumber: '+12065550100' });
    expect(numbers.map((n) => [n.phoneNumber, n.origin])).toEqual([['+12065550100', 'hosted']]);
  });
});

describe('phone numbers', () => {
  it('refuses a number already taken with 21422 and an invalid one with 21421', async () => {
    const client = twilioClient(sim);
    const a = await client.incomingPhoneNumbers.create({ areaCode: '425' });
    const taken = await failure(client.incomingPhoneNumbers.create({ phoneNumber: a.phoneNumber }));
    expect([taken.status, taken.code]).toEqual([400, 21422]);
    const invalid = await failure(client.incomingPhoneNumbers.create({ phoneNumber: '+1555' }));
    expect([invalid.status, invalid.code]).toEqual([400, 21421]);
  });

  it('buys by area code, lists with paging, updates and releases', async () => {
    const client = twilioClient(sim);
    const a = await client.incomingPhoneNumbers.create({ areaCode: '425', friendlyName: 'first' });
    const b = await client.incomingPhoneNumbers.create({ areaCode: '425', friendlyName: 'second' });
    expect(a.phoneNumber).toMatch(/^\+1425/u);
    expect(a.friendlyName).toBe('first');
    const page = await client.incomingPhoneNumbers.page({ pageSize: 2 });
    expect(page.instances).toHaveLength(2);
    const all = await client.incomingPhoneNumbers.list({ pageSize: 2 });
    expect(all.length).toBeGreaterThan(2);
    const found = await client.incomingPhoneNumbers.list({ phoneNumber: b.phoneNumber });
    expect(found.map((n) => n.sid)).toEqual([b.sid]);
    const updated = await client
      .incomingPhoneNumbers(a.sid)
      .update({ smsUrl: 'https://example.com/in', smsMethod: 'GET' });
    expect([updated.smsUrl, updated.smsMethod]).toEqual(['https://example.com/in', 'GET']);
    expect(await client.incomingPhoneNumbers(a.sid).remove()).toBe(true);
    const gone = await failure(client.incomingPhoneNumbers(a.sid).fetch());
    expect([gone.status, gone.code]).toEqual([404, 20404]);
  });

  it('refuses an area code with no inventory with the rule id', async () => {
    const client = twilioClient(sim);
    const error = await failure(client.incomingPhoneNumbers.create({ areaCode: '555' }));
    expect([error.status, error.code]).toEqual([400, 21452]);
  });

  it('names the parameter of a bad request, never a 500', async () => {
    const client = twilioClient(sim);
    const error = await failure(client.incomingPhoneNumbers.create({ areaCode: '425', smsMethod: 'PUT' }));
    expect(error.status).toBe(400);
    expect(String(error.message)).toContain('SmsMethod');
  });
});
