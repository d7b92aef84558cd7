// test/twilio-registration.test.ts
import twilio from 'twilio';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startSimulator, twilioHttpClient, type Simulator } from 'tendlc';

let sim: Simulator;
let client: twilio.Twilio;

beforeAll(async () => {
  sim = await startSimulator({ config: 'acme', seed: 7 });
  // Your integration's own client: only the httpClient differs from production.
  const { accountSid, authToken } = sim.providers.acme!.twilio;
  client = twilio(accountSid, authToken, { httpClient: twilioHttpClient(sim.url) });
});
afterAll(() => sim.stop());

it('registers a business, a brand and a campaign, and the service number gets assigned', async () => {
  const trusthub = client.trusthub.v1;
  const profile = await trusthub.customerProfiles.create({
    friendlyName: 'Sample Bakery',
    email: 'compliance@bakery.example.com',
    policySid: 'RNdfbf3fae0e1107f8aded0e7cead80bf5', // Secondary Customer Profile
  });
  const business = await trusthub.endUsers.create({
    friendlyName: 'Sample Bakery business information',
    type: 'customer_profile_business_information',
    attributes: {
      business_name: 'Sample Bakery LLC',
      business_type: 'Limited Liability Corporation',
      business_registration_number: '12-3456789',
      business_industry: 'RETAIL',
      website_url: 'https://bakery.example.com',
    },
  });
  const representative = await trusthub.endUsers.create({
    friendlyName: 'Ada Baker',
    type: 'authorized_representative_1',
    attributes: { first_name: 'Ada', last_name: 'Baker', email: 'ada@bakery.example.com' },
  });
  const address = await client.addresses.create({
    customerName: 'Sample Bakery LLC',
    street: '1 Main St',
    city: 'Seattle',
    region: 'WA',
    postalCode: '98101',
    isoCountry: 'US',
  });
  const proofOfAddress = await trusthub.supportingDocuments.create({
    friendlyName: 'Sample Bakery address',
    type: 'customer_profile_address',
    attributes: { address_sids: address.sid },
  });
  for (const objectSid of [business.sid, representative.sid, proofOfAddress.sid])
    await trusthub.customerProfiles(profile.sid).customerProfilesEntityAssignments.create({ objectSid });
  await trusthub.customerProfiles(profile.sid).update({ status: 'pending-review' });

  const a2p = await trusthub.trustProducts.create({
    friendlyName: 'Sample Bakery A2P',
    email: 'compliance@bakery.example.com',
    policySid: 'RNb0d4771c2c98518d916a3d4cd70a8f8b', // A2P Messaging Profile
  });
  const company = await trusthub.endUsers.create({
    friendlyName: 'Sample Bakery messaging profile',
    type: 'us_a2p_messaging_profile_information',
    attributes: { company_type: 'private' },
  });
  for (const objectSid of [company.sid, profile.sid])
    await trusthub.trustProducts(a2p.sid).trustProductsEntityAssignments.create({ objectSid });
  await trusthub.trustProducts(a2p.sid).update({ status: 'pending-review' });

  sim.clock.advance('1d'); // TrustHub's review
  expect((await trusthub.customerProfiles(profile.sid).fetch()).status).toBe('twilio-approved');

  const brand = await client.messaging.v1.brandRegistrations.create({
    customerProfileBundleSid: profile.sid,
    a2PProfileBundleSid: a2p.sid,
  });
  expect(brand.status).toBe('PENDING');
  sim.clock.advance('3d'); // the brand's identity check
  expect((await client.messaging.v1.brandRegistrations(brand.sid).fetch()).status).toBe('APPROVED');

  const service = await client.messaging.v1.services.create({ friendlyName: 'Bakery notifications' });
  const [available] = await client.availablePhoneNumbers('US').local.list({ areaCode: 425, limit: 1 });
  const number = await client.incomingPhoneNumbers.create({ phoneNumber: available!.phoneNumber });
  await client.messaging.v1.services(service.sid).phoneNumbers.create({ phoneNumberSid: number.sid });

  const campaign = await client.messaging.v1.services(service.sid).usAppToPerson.create({
    brandRegistrationSid: brand.sid,
    usAppToPersonUsecase: 'ACCOUNT_NOTIFICATION',
    description: 'Order updates and pickup reminders for customers of Sample Bakery LLC who opted in.',
    messageFlow: 'Customers opt in by ticking a box at online checkout on bakery.example.com, terms shown.',
    messageSamples: [
      'Sample Bakery LLC: your order 1234 is ready for pickup today. Reply STOP to opt out.',
      'Sample Bakery LLC: your cake order is confirmed for Saturday. Reply STOP to opt out.',
    ],
    hasEmbeddedLinks: false,
    hasEmbeddedPhone: false,
    optOutMessage: 'You are unsubscribed from Sample Bakery LLC texts. No more messages will be sent.',
    helpMessage: 'Sample Bakery LLC: for help call 206-555-0100 or visit bakery.example.com.',
  });
  expect(campaign.campaignStatus).toBe('PENDING');
  sim.clock.advance('15d'); // the campaign review
  const verified = await client.messaging.v1.services(service.sid).usAppToPerson(campaign.sid).fetch();
  expect(verified.campaignStatus).toBe('VERIFIED');
  expect((await client.messaging.v1.services(service.sid).fetch()).usAppToPersonRegistered).toBe(true);
});
