import twilio from 'twilio';
import type { Simulator } from '../../index.js';
import { twilioHttpClient } from '../../index.js';

/** The integrator's twilio-node client for an account of the simulator: only its httpClient differs. */
export function twilioClient(sim: Simulator, account = 'acme', token?: string): twilio.Twilio {
  const { accountSid, authToken } = sim.providers[account]!.twilio;
  return twilio(accountSid, token ?? authToken, { httpClient: twilioHttpClient(sim.url) });
}

/** The error a request fails with (twilio's RestException), or a thrown error if it succeeds. */
export async function failure(p: Promise<unknown>): Promise<Record<string, unknown>> {
  try {
    await p;
  } catch (error) {
    return error as Record<string, unknown>;
  }
  throw new Error('expected the request to fail');
}

export const BUSINESS = {
  business_name: 'Sample Bakery LLC',
  business_type: 'Limited Liability Corporation',
  business_registration_identifier: 'EIN',
  business_registration_number: '12-3456789',
  business_industry: 'RETAIL',
  business_regions_of_operation: 'USA_AND_CANADA',
  website_url: 'https://bakery.example.com',
};

export const REPRESENTATIVE = {
  first_name: 'Ada',
  last_name: 'Baker',
  email: 'ada@bakery.example.com',
  phone_number: '+12065550100',
  business_title: 'Owner',
  job_position: 'CEO',
};

export const CUSTOMER_PROFILE_POLICY = 'RNdfbf3fae0e1107f8aded0e7cead80bf5';
export const A2P_POLICY = 'RNb0d4771c2c98518d916a3d4cd70a8f8b';

/** Twilio's A2P 10DLC guide, step by step: the two bundles, submitted, and the brand. */
export async function registerBusiness(
  client: twilio.Twilio,
  business: Record<string, unknown> = BUSINESS,
): Promise<{ profile: string; trustProduct: string }> {
  const trusthub = client.trusthub.v1;
  const profile = await trusthub.customerProfiles.create({
    friendlyName: 'Sample Bakery',
    email: 'compliance@bakery.example.com',
    policySid: CUSTOMER_PROFILE_POLICY,
  });
  const info = await trusthub.endUsers.create({
    friendlyName: 'Sample Bakery business info',
    type: 'customer_profile_business_information',
    attributes: business,
  });
  const rep = await trusthub.endUsers.create({
    friendlyName: 'Ada Baker',
    type: 'authorized_representative_1',
    attributes: REPRESENTATIVE,
  });
  const address = await client.addresses.create({
    customerName: 'Sample Bakery LLC',
    street: '1 Main St',
    city: 'Seattle',
    region: 'WA',
    postalCode: '98101',
    isoCountry: 'US',
  });
  const document = await trusthub.supportingDocuments.create({
    friendlyName: 'Sample Bakery address',
    type: 'customer_profile_address',
    attributes: { address_sids: address.sid },
  });
  for (const objectSid of [info.sid, rep.sid, document.sid])
    await trusthub.customerProfiles(profile.sid).customerProfilesEntityAssignments.create({ objectSid });
  await trusthub.customerProfiles(profile.sid).update({ status: 'pending-review' });

  const product = await trusthub.trustProducts.create({
    friendlyName: 'Sample Bakery A2P',
    email: 'compliance@bakery.example.com',
    policySid: A2P_POLICY,
  });
  const a2p = await trusthub.endUsers.create({
    friendlyName: 'Sample Bakery messaging profile',
    type: 'us_a2p_messaging_profile_information',
    attributes: { company_type: 'private' },
  });
  for (const objectSid of [a2p.sid, profile.sid])
    await trusthub.trustProducts(product.sid).trustProductsEntityAssignments.create({ objectSid });
  await trusthub.trustProducts(product.sid).update({ status: 'pending-review' });
  return { profile: profile.sid, trustProduct: product.sid };
}

export const CAMPAIGN = {
  description:
    'Order updates and pickup reminders for customers of Sample Bakery LLC who opted in at checkout.',
  messageFlow:
    'Customers opt in by ticking a box at online checkout on bakery.example.com; terms are shown beside the box.',
  messageSamples: [
    'Sample Bakery LLC: your order 1234 is ready for pickup today. Reply STOP to opt out.',
    'Sample Bakery LLC: your cake order is confirmed for Saturday. Reply STOP to opt out.',
  ],
  usAppToPersonUsecase: 'ACCOUNT_NOTIFICATION',
  hasEmbeddedLinks: false,
  hasEmbeddedPhone: false,
  optOutKeywords: ['STOP'],
  optOutMessage: 'You are unsubscribed from Sample Bakery LLC texts. No more messages will be sent.',
  helpKeywords: ['HELP'],
  helpMessage: 'Sample Bakery LLC: for help call 206-555-0100 or visit bakery.example.com.',
};
