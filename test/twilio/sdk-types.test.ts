import { afterAll, beforeAll, expect, it } from 'vitest';
import type { AddressInstance } from 'twilio/lib/rest/api/v2010/account/address.js';
import type { LocalInstance } from 'twilio/lib/rest/api/v2010/account/availablePhoneNumberCountry/local.js';
import type { IncomingPhoneNumberInstance } from 'twilio/lib/rest/api/v2010/account/incomingPhoneNumber.js';
import type { BrandRegistrationInstance } from 'twilio/lib/rest/messaging/v1/brandRegistration.js';
import type { BrandVettingInstance } from 'twilio/lib/rest/messaging/v1/brandRegistration/brandVetting.js';
import type { ServiceInstance } from 'twilio/lib/rest/messaging/v1/service.js';
import type { PhoneNumberInstance } from 'twilio/lib/rest/messaging/v1/service/phoneNumber.js';
import type { UsAppToPersonInstance } from 'twilio/lib/rest/messaging/v1/service/usAppToPerson.js';
import type { CustomerProfilesInstance } from 'twilio/lib/rest/trusthub/v1/customerProfiles.js';
import type { CustomerProfilesEntityAssignmentsInstance } from 'twilio/lib/rest/trusthub/v1/customerProfiles/customerProfilesEntityAssignments.js';
import type { CustomerProfilesEvaluationsInstance } from 'twilio/lib/rest/trusthub/v1/customerProfiles/customerProfilesEvaluations.js';
import type { EndUserInstance } from 'twilio/lib/rest/trusthub/v1/endUser.js';
import type { SupportingDocumentInstance } from 'twilio/lib/rest/trusthub/v1/supportingDocument.js';
import type { TrustProductsInstance } from 'twilio/lib/rest/trusthub/v1/trustProducts.js';
import { startSimulator, simulatorUri, type Simulator } from '../../index.js';
import { CAMPAIGN, CUSTOMER_PROFILE_POLICY, registerBusiness, twilioClient } from './helpers.js';

// The SDK's own response types, under tsc: each list below must name exactly the fields of the
// payload twilio-node's instance is built from (a missing or an extra one fails the type check),
// and the face's raw JSON must carry every one of them.

/** The payload type an SDK instance is made from (its constructor's second parameter). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Payload<C extends abstract new (...args: any) => unknown> = ConstructorParameters<C>[1];
type Fields<T> = { [K in keyof Required<T>]: true };
const fields = <T>(f: Fields<T>): string[] => Object.keys(f);

const SERVICE = fields<Payload<typeof ServiceInstance>>({
  sid: true,
  account_sid: true,
  friendly_name: true,
  date_created: true,
  date_updated: true,
  inbound_request_url: true,
  inbound_method: true,
  fallback_url: true,
  fallback_method: true,
  status_callback: true,
  sticky_sender: true,
  mms_converter: true,
  smart_encoding: true,
  scan_message_content: true,
  fallback_to_long_code: true,
  area_code_geomatch: true,
  synchronous_validation: true,
  validity_period: true,
  url: true,
  links: true,
  usecase: true,
  us_app_to_person_registered: true,
  use_inbound_webhook_on_number: true,
});
const SERVICE_NUMBER = fields<Payload<typeof PhoneNumberInstance>>({
  sid: true,
  account_sid: true,
  service_sid: true,
  date_created: true,
  date_updated: true,
  phone_number: true,
  country_code: true,
  capabilities: true,
  url: true,
});
const CAMPAIGN_FIELDS = fields<Payload<typeof UsAppToPersonInstance>>({
  sid: true,
  account_sid: true,
  brand_registration_sid: true,
  messaging_service_sid: true,
  description: true,
  message_samples: true,
  us_app_to_person_usecase: true,
  has_embedded_links: true,
  has_embedded_phone: true,
  subscriber_opt_in: true,
  age_gated: true,
  direct_lending: true,
  campaign_status: true,
  campaign_id: true,
  is_externally_registered: true,
  rate_limits: true,
  message_flow: true,
  opt_in_message: true,
  opt_out_message: true,
  help_message: true,
  opt_in_keywords: true,
  opt_out_keywords: true,
  help_keywords: true,
  date_created: true,
  date_updated: true,
  url: true,
  mock: true,
  errors: true,
  privacy_policy_url: true,
  terms_and_conditions_url: true,
});
const BRAND = fields<Payload<typeof BrandRegistrationInstance>>({
  sid: true,
  account_sid: true,
  customer_profile_bundle_sid: true,
  a2p_profile_bundle_sid: true,
  date_created: true,
  date_updated: true,
  brand_type: true,
  status: true,
  tcr_id: true,
  failure_reason: true,
  errors: true,
  url: true,
  brand_score: true,
  brand_feedback: true,
  identity_status: true,
  russell_3000: true,
  government_entity: true,
  tax_exempt_status: true,
  skip_automatic_sec_vet: true,
  mock: true,
  links: true,
});
const VETTING = fields<Payload<typeof BrandVettingInstance>>({
  account_sid: true,
  brand_sid: true,
  brand_vetting_sid: true,
  date_updated: true,
  date_created: true,
  vetting_id: true,
  vetting_class: true,
  vetting_status: true,
  vetting_provider: true,
  url: true,
});
const BUNDLE = {
  sid: true,
  account_sid: true,
  policy_sid: true,
  friendly_name: true,
  status: true,
  valid_until: true,
  email: true,
  status_callback: true,
  date_created: true,
  date_updated: true,
  url: true,
  links: true,
  errors: true,
} as const;
const PROFILE = fields<Payload<typeof CustomerProfilesInstance>>(BUNDLE);
const PRODUCT = fields<Payload<typeof TrustProductsInstance>>(BUNDLE);
const END_USER = fields<Payload<typeof EndUserInstance>>({
  sid: true,
  account_sid: true,
  friendly_name: true,
  type: true,
  attributes: true,
  date_created: true,
  date_updated: true,
  url: true,
});
const DOCUMENT = fields<Payload<typeof SupportingDocumentInstance>>({
  sid: true,
  account_sid: true,
  friendly_name: true,
  mime_type: true,
  status: true,
  type: true,
  attributes: true,
  date_created: true,
  date_updated: true,
  url: true,
});
const ASSIGNMENT = fields<Payload<typeof CustomerProfilesEntityAssignmentsInstance>>({
  sid: true,
  customer_profile_sid: true,
  account_sid: true,
  object_sid: true,
  date_created: true,
  url: true,
});
const EVALUATION = fields<Payload<typeof CustomerProfilesEvaluationsInstance>>({
  sid: true,
  account_sid: true,
  policy_sid: true,
  customer_profile_sid: true,
  status: true,
  results: true,
  date_created: true,
  url: true,
});
const NUMBER = fields<Payload<typeof IncomingPhoneNumberInstance>>({
  account_sid: true,
  address_sid: true,
  address_requirements: true,
  api_version: true,
  beta: true,
  capabilities: true,
  date_created: true,
  date_updated: true,
  friendly_name: true,
  identity_sid: true,
  phone_number: true,
  origin: true,
  sid: true,
  sms_application_sid: true,
  sms_fallback_method: true,
  sms_fallback_url: true,
  sms_method: true,
  sms_url: true,
  status_callback: true,
  status_callback_method: true,
  trunk_sid: true,
  uri: true,
  voice_receive_mode: true,
  voice_application_sid: true,
  voice_caller_id_lookup: true,
  voice_fallback_method: true,
  voice_fallback_url: true,
  voice_method: true,
  voice_url: true,
  emergency_status: true,
  emergency_address_sid: true,
  emergency_address_status: true,
  bundle_sid: true,
  status: true,
  type: true,
});
const ADDRESS = fields<Payload<typeof AddressInstance>>({
  account_sid: true,
  city: true,
  customer_name: true,
  date_created: true,
  date_updated: true,
  friendly_name: true,
  iso_country: true,
  postal_code: true,
  region: true,
  sid: true,
  street: true,
  uri: true,
  emergency_enabled: true,
  validated: true,
  verified: true,
  street_secondary: true,
});
const AVAILABLE = fields<Payload<typeof LocalInstance>>({
  friendly_name: true,
  phone_number: true,
  lata: true,
  locality: true,
  rate_center: true,
  latitude: true,
  longitude: true,
  region: true,
  postal_code: true,
  iso_country: true,
  address_requirements: true,
  beta: true,
  capabilities: true,
});

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ config: 'acme', seed: 5 });
});
afterAll(() => sim.stop());

it('answers every field of the SDK’s payload types', async () => {
  const client = twilioClient(sim);
  const { accountSid, authToken } = sim.providers.acme!.twilio;
  const raw = async (url: string): Promise<Record<string, unknown>> => {
    const absolute = url.startsWith('/') ? `https://api.twilio.com${url}` : url;
    const res = await fetch(simulatorUri(absolute, sim.url), {
      headers: { authorization: `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}` },
    });
    expect(res.status, url).toBe(200);
    return (await res.json()) as Record<string, unknown>;
  };
  const check = (body: Record<string, unknown>, expected: string[], what: string): void => {
    expect(
      expected.filter((f) => !(f in body)),
      what,
    ).toEqual([]);
  };

  const bundles = await registerBusiness(client);
  sim.clock.advance('1d');
  const brand = await client.messaging.v1.brandRegistrations.create({
    customerProfileBundleSid: bundles.profile,
    a2PProfileBundleSid: bundles.trustProduct,
  });
  sim.clock.advance('3d');
  const vetting = await client.messaging.v1.brandRegistrations(brand.sid).brandVettings.create({
    vettingProvider: 'aegis',
  });
  const service = await client.messaging.v1.services.create({ friendlyName: 'Typed' });
  const number = await client.incomingPhoneNumbers.create({ areaCode: '425' });
  const pooled = await client.messaging.v1
    .services(service.sid)
    .phoneNumbers.create({ phoneNumberSid: number.sid });
  const campaign = await client.messaging.v1.services(service.sid).usAppToPerson.create({
    brandRegistrationSid: brand.sid,
    ...CAMPAIGN,
  });
  const profile = await client.trusthub.v1.customerProfiles(bundles.profile).fetch();
  const [assignment] = await client.trusthub.v1
    .customerProfiles(profile.sid)
    .customerProfilesEntityAssignments.list();
  const evaluation = await client.trusthub.v1
    .customerProfiles(profile.sid)
    .customerProfilesEvaluations.create({ policySid: CUSTOMER_PROFILE_POLICY });
  const [endUser] = await client.trusthub.v1.endUsers.list();
  const [document] = await client.trusthub.v1.supportingDocuments.list();
  const [address] = await client.addresses.list();

  check(await raw(service.url), SERVICE, 'Service');
  check(await raw(pooled.url), SERVICE_NUMBER, 'Service PhoneNumber');
  check(await raw(campaign.url), CAMPAIGN_FIELDS, 'UsAppToPerson');
  check(await raw(brand.url), BRAND, 'BrandRegistration');
  check(await raw(vetting.url), VETTING, 'BrandVetting');
  check(await raw(profile.url), PROFILE, 'CustomerProfile');
  check(
    await raw(`https://trusthub.twilio.com/v1/TrustProducts/${bundles.trustProduct}`),
    PRODUCT,
    'TrustProduct',
  );
  check(await raw(endUser!.url), END_USER, 'EndUser');
  check(await raw(document!.url), DOCUMENT, 'SupportingDocument');
  check(await raw(assignment!.url), ASSIGNMENT, 'EntityAssignment');
  check(await raw(evaluation.url), EVALUATION, 'Evaluation');
  check(await raw(number.uri), NUMBER, 'IncomingPhoneNumber');
  check(await raw(address!.uri), ADDRESS, 'Address');
  const page = await raw(
    `/2010-04-01/Accounts/${accountSid}/AvailablePhoneNumbers/US/Local.json?AreaCode=425`,
  );
  check(
    (page.available_phone_numbers as Array<Record<string, unknown>>)[0]!,
    AVAILABLE,
    'AvailablePhoneNumber',
  );
});
