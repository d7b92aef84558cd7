import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import twilio from 'twilio';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../index.js';
import { CAMPAIGN, failure, registerBusiness, twilioClient } from './helpers.js';

// The integrator's whole journey through twilio-node, as Twilio's guides walk it: TrustHub, the brand,
// a Messaging Service and its campaign, a number, a text and its signed delivered callback, a
// reply posted to the service's inbound URL and answered with TwiML, then STOP and 21610.

interface Received {
  path: string;
  url: string;
  signature: string;
  params: Record<string, string>;
}

let sim: Simulator;
let receiver: Server;
let base = '';
const received: Received[] = [];

beforeAll(async () => {
  sim = await startSimulator({ config: 'acme', latency: 'realistic', seed: 11 });
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      received.push({
        path: req.url ?? '',
        url: `${base}${req.url ?? ''}`,
        signature: String(req.headers['x-twilio-signature'] ?? ''),
        params: Object.fromEntries(new URLSearchParams(body)),
      });
      if (req.url === '/sms') {
        res.writeHead(200, { 'content-type': 'text/xml' });
        res.end(
          '<?xml version="1.0" encoding="UTF-8"?><Response><Message>Thanks! We will call you.</Message></Response>',
        );
      } else res.writeHead(204).end();
    });
  });
  await new Promise<void>((done) => receiver.listen(0, '127.0.0.1', done));
  base = `http://127.0.0.1:${String((receiver.address() as AddressInfo).port)}`;
});
afterAll(async () => {
  await sim.stop();
  await new Promise((done) => receiver.close(done));
});

async function advance(duration: string): Promise<void> {
  sim.clock.advance(duration);
  await sim.settle();
}

it('registers, sends, gets signed callbacks, answers a reply with TwiML, and honours STOP', async () => {
  const client = twilioClient(sim);
  const { authToken } = sim.providers.acme!.twilio;
  const valid = (r: Received): boolean => twilio.validateRequest(authToken, r.signature, r.url, r.params);

  // TrustHub and the brand.
  const bundles = await registerBusiness(client);
  await advance('1d');
  expect((await client.trusthub.v1.customerProfiles(bundles.profile).fetch()).status).toBe('twilio-approved');
  const brand = await client.messaging.v1.brandRegistrations.create({
    customerProfileBundleSid: bundles.profile,
    a2PProfileBundleSid: bundles.trustProduct,
  });
  await advance('3d');
  expect((await client.messaging.v1.brandRegistrations(brand.sid).fetch()).status).toBe('APPROVED');

  // The Messaging Service, its number and its campaign.
  const service = await client.messaging.v1.services.create({
    friendlyName: 'Bakery',
    inboundRequestUrl: `${base}/sms`,
    statusCallback: `${base}/status`,
  });
  const [available] = await client.availablePhoneNumbers('US').local.list({ areaCode: 425, limit: 1 });
  const number = await client.incomingPhoneNumbers.create({ phoneNumber: available!.phoneNumber });
  await client.messaging.v1.services(service.sid).phoneNumbers.create({ phoneNumberSid: number.sid });
  const campaign = await client.messaging.v1.services(service.sid).usAppToPerson.create({
    brandRegistrationSid: brand.sid,
    ...CAMPAIGN,
  });
  await advance('16d');
  expect(
    (await client.messaging.v1.services(service.sid).usAppToPerson(campaign.sid).fetch()).campaignStatus,
  ).toBe('VERIFIED');
  await advance('10m'); // the assignment propagates to the carriers

  // A text through the service, delivered, with signed status callbacks.
  const customer = '+12065550177';
  const sent = await client.messages.create({
    messagingServiceSid: service.sid,
    to: customer,
    body: 'Sample Bakery LLC: your order is ready. Reply STOP to opt out.',
  });
  expect(sent.sid).toMatch(/^SM[0-9a-f]{32}$/u);
  await advance('1m');
  expect((await client.messages(sent.sid).fetch()).status).toBe('delivered');
  const statuses = received.filter((r) => r.path === '/status' && r.params.MessageSid === sent.sid);
  expect(statuses.map((r) => r.params.MessageStatus)).toContain('delivered');
  expect(statuses.every(valid)).toBe(true);
  expect(statuses.at(-1)!.params.From).toBe(number.phoneNumber);

  // The customer replies: the service's inbound URL gets it, signed, and its TwiML answer goes back.
  await sim.handset(customer).reply('Can I pick it up at 5?');
  await advance('1m');
  const inbound = received.find((r) => r.path === '/sms');
  expect(inbound?.params).toMatchObject({
    From: customer,
    To: number.phoneNumber,
    Body: 'Can I pick it up at 5?',
  });
  expect(valid(inbound!)).toBe(true);
  await advance('1m');
  expect((await sim.handset(customer).messages()).map((m) => m.body)).toContain('Thanks! We will call you.');

  // STOP: the next text is refused at create, as Twilio does, with the rule that decided.
  await sim.handset(customer).reply('STOP');
  await advance('1m');
  const refused = await failure(
    client.messages.create({ messagingServiceSid: service.sid, to: customer, body: 'One more thing.' }),
  );
  expect([refused.status, refused.code]).toEqual([400, 21610]);
  expect(refused.details).toEqual({ tendlc_rule: 'opt-out-honored' });
});
