import fc from 'fast-check';
import { reliabilitySize } from '../helpers/reliability-size.js';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../index.js';
import { twilioServedRoutes } from '../../simulator/faces/twilio/index.js';
import { registerBusiness, twilioClient } from './helpers.js';

// Arbitrary form bodies and queries on every route of the registration and numbers part of the
// face: never a 5xx, always JSON in Twilio's shape, and the world's invariants hold.
let sim: Simulator;
let auth: string;
let base: (host: string) => string;
/** Real SIDs of the account, so that requests reach past the lookups. */
const real: string[] = [];
beforeAll(async () => {
  sim = await startSimulator({ config: 'acme', seed: 3 });
  const client = twilioClient(sim);
  const bundles = await registerBusiness(client);
  sim.clock.advance('1d');
  const brand = await client.messaging.v1.brandRegistrations.create({
    customerProfileBundleSid: bundles.profile,
    a2PProfileBundleSid: bundles.trustProduct,
  });
  const service = await client.messaging.v1.services.create({ friendlyName: 'fuzz' });
  const number = await client.incomingPhoneNumbers.create({ areaCode: '425' });
  const endUsers = await client.trusthub.v1.endUsers.list();
  real.push(bundles.profile, bundles.trustProduct, brand.sid, service.sid, number.sid, endUsers[0]!.sid);
  const { accountSid, authToken } = sim.providers.acme!.twilio;
  auth = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`;
  base = (host) => `${sim.url}/twilio/${host}`;
});
afterAll(() => sim.stop());

const PARAMS = [
  'FriendlyName',
  'Email',
  'PolicySid',
  'Status',
  'Type',
  'Attributes',
  'ObjectSid',
  'CustomerProfileBundleSid',
  'A2PProfileBundleSid',
  'BrandType',
  'PhoneNumberSid',
  'BrandRegistrationSid',
  'MessageSamples',
  'UsAppToPersonUsecase',
  'HasEmbeddedLinks',
  'AreaCode',
  'PhoneNumber',
  'SmsUrl',
  'SmsMethod',
  'PageSize',
  'Page',
  'Contains',
  'VettingProvider',
  'IsoCountry',
  'ValidityPeriod',
];
const value = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom(
    '',
    'true',
    'false',
    '-1',
    '0',
    '99999999999',
    '425',
    '+14255550100',
    '{"a":1}',
    '[]',
    'null',
  ),
);
const form = fc.array(fc.tuple(fc.constantFrom(...PARAMS), value), { maxLength: 8 });
const sid = (): fc.Arbitrary<string> =>
  fc.oneof(
    fc.string({ maxLength: 36 }),
    fc.constantFrom('MG', 'BU' + '0'.repeat(32), 'Usecases', '..'),
    fc.constantFrom(...real),
    fc.constantFrom(...real),
  );

it('answers arbitrary requests on every route without a 5xx, in Twilio’s envelope', async () => {
  const routes = twilioServedRoutes().filter((r) => !/Messages/u.test(r.path));
  const { accountSid } = sim.providers.acme!.twilio;
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...routes), form, sid(), async (route, pairs, id) => {
      const path = route.path
        .replace('{AccountSid}', accountSid)
        .replace(/\{\w+\}/gu, encodeURIComponent(id || 'x'));
      const body = new URLSearchParams(pairs);
      const get = route.method !== 'post';
      const res = await fetch(`${base(route.host)}${path}${get ? `?${body.toString()}` : ''}`, {
        method: route.method.toUpperCase(),
        headers: { authorization: auth, 'content-type': 'application/x-www-form-urlencoded' },
        ...(get ? {} : { body: body.toString() }),
      });
      expect(res.status, `${route.method} ${path} ${body.toString()}`).toBeLessThan(500);
      if (res.status >= 400) {
        const error = (await res.json()) as { code: number; status: number; message: string };
        expect(error.status).toBe(res.status);
        expect(typeof error.code).toBe('number');
        expect(error.message).not.toMatch(/ at .*\.(ts|js):\d+/u);
        // An exception no handler expected is answered 400 too, but says so: none may happen.
        expect(error.message, `${route.method} ${path} ${body.toString()}`).not.toMatch(
          /could not be processed/u,
        );
      } else await res.arrayBuffer();
    }),
    { numRuns: reliabilitySize(10_000, 400), seed: 14 },
  );
  const invariants = await fetch(`${sim.url}/v1/sim/invariants`, {
    headers: { authorization: `Bearer ${sim.adminToken}` },
  });
  expect(await invariants.json()).toEqual({ violations: [] });
}, 120_000);
