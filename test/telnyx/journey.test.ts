import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type Telnyx from 'telnyx';
import { startSimulator, type Simulator } from '../../simulator/start-simulator.js';
import {
  brandParams,
  campaignParams,
  errorsOf,
  startReceiver,
  telnyxClient,
  type Receiver,
} from './helpers.js';

// The integrator's journey through the real `telnyx` SDK, against a real server on a virtual clock:
// brand, campaign, number order, messaging profile, assignment, send, delivery, a reply, STOP.
let sim: Simulator;
let client: Telnyx;
let receiver: Receiver;

beforeAll(async () => {
  sim = await startSimulator({ config: 'acme', latency: 'fast', seed: 11 });
  client = telnyxClient(sim);
  receiver = await startReceiver();
});
afterAll(async () => {
  await sim.stop();
  await receiver.close();
});

/** Advances one second at a time until `done` holds (at most `steps` seconds). */
async function stepUntil(done: () => Promise<boolean>, steps = 60): Promise<void> {
  for (let i = 0; i < steps; i++) {
    if (await done()) return;
    sim.clock.advance('1s');
  }
  throw new Error('the state did not come within the steps');
}

/** Every webhook received so far, verified by the SDK's own verifier, as events. */
async function verifiedEvents(): Promise<Array<{ event_type?: string; payload?: Record<string, unknown> }>> {
  await sim.settle();
  const out = [];
  for (const hook of receiver.received) {
    const event = (await client.webhooks.unwrap(hook.body, { headers: hook.headers })) as unknown as {
      data: {
        event_type?: string;
        payload?: Record<string, unknown>;
        record_type: string;
        occurred_at: string;
      };
      meta: { attempt: number; delivered_to: string };
    };
    expect(event.data.record_type).toBe('event');
    expect(event.meta.delivered_to).toBe(receiver.url);
    expect(event.meta.attempt).toBe(1);
    out.push(event.data);
  }
  return out;
}

describe('the Telnyx face through the telnyx SDK', () => {
  let brandId = '';
  let campaignId = '';
  let profileId = '';
  let phone = '';
  const contact = '+12065550123';

  it('refuses a wrong API key in its envelope', async () => {
    const wrong = telnyxClient(sim, 'acme', 'KEYnot-a-key');
    const error = await wrong.messagingProfiles.list().catch((e: unknown) => e);
    expect((error as { status: number }).status).toBe(401);
    expect(errorsOf(error)[0]?.code).toBe('10009');
  });

  it('creates a messaging profile with its webhook URL', async () => {
    const created = await client.messagingProfiles.create({
      name: 'Harbor alerts',
      whitelisted_destinations: ['US'],
      webhook_url: receiver.url,
    });
    expect(created.data?.record_type).toBe('messaging_profile');
    expect(created.data?.webhook_url).toBe(receiver.url);
    profileId = created.data!.id!;
    const fetched = await client.messagingProfiles.retrieve(profileId);
    expect(fetched.data?.name).toBe('Harbor alerts');
    const listed = await client.messagingProfiles.list();
    expect(listed.data.map((p) => p.id)).toContain(profileId);
  });

  it('registers a brand: pending, then verified on the virtual clock', async () => {
    const brand = await client.messaging10dlc.brand.create(brandParams);
    expect(brand.status).toBe('REGISTRATION_PENDING');
    expect(brand.tcrBrandId).toMatch(/^B[0-9A-F]{6}$/u);
    expect(brand.displayName).toBe('Harbor Realty');
    brandId = brand.brandId!;
    sim.clock.advance('5s');
    const fetched = await client.messaging10dlc.brand.retrieve(brandId);
    expect([fetched.status, fetched.identityStatus]).toEqual(['OK', 'VERIFIED']);
    expect(fetched.website).toBe('https://harbor.example');
    const page = await client.messaging10dlc.brand.list();
    expect(page.records.map((b) => b.brandId)).toContain(brandId);
  });

  it('refuses a brand without an email, naming the rule', async () => {
    const { email: _omitted, ...rest } = brandParams;
    const error = await client.messaging10dlc.brand.create(rest as never).catch((e: unknown) => e);
    expect((error as { status: number }).status).toBe(422);
    expect(errorsOf(error)[0]).toMatchObject({ code: '10004', meta: { rule: 'brand-required-fields' } });
  });

  it('submits a campaign: TCR_PENDING, TCR_ACCEPTED, then MNO_PROVISIONED', async () => {
    const campaign = await client.messaging10dlc.campaignBuilder.submit(campaignParams(brandId));
    expect(campaign.campaignStatus).toBe('TCR_PENDING');
    expect(campaign.tcrCampaignId).toMatch(/^C[0-9A-F]{6}$/u);
    expect(campaign.usecase).toBe('ACCOUNT_NOTIFICATION');
    campaignId = campaign.campaignId;
    await stepUntil(
      async () =>
        (await client.messaging10dlc.campaign.retrieve(campaignId)).campaignStatus !== 'TCR_PENDING',
    );
    expect((await client.messaging10dlc.campaign.retrieve(campaignId)).campaignStatus).toBe('TCR_ACCEPTED');
    sim.clock.advance('3s');
    const provisioned = await client.messaging10dlc.campaign.retrieve(campaignId);
    expect(provisioned.campaignStatus).toBe('MNO_PROVISIONED');
    const listed = await client.messaging10dlc.campaign.list({ brandId });
    expect(listed.records.map((c) => c.campaignId)).toEqual([campaignId]);
  });

  it('fails a campaign whose samples go through a public URL shortener', async () => {
    const campaign = await client.messaging10dlc.campaignBuilder.submit(
      campaignParams(brandId, [
        'Harbor Realty: see the listing at https://bit.ly/3xYz12 today. Reply STOP to opt out.',
        'Harbor Realty: your showing is confirmed for 3pm. Reply STOP to opt out.',
      ]),
    );
    sim.clock.advance('20s');
    const failed = await client.messaging10dlc.campaign.retrieve(campaign.campaignId);
    expect(failed.campaignStatus).toBe('TCR_FAILED');
    expect(failed.failureReasons).toContain('public-url-shortener');
    expect(failed.failureReasons).toContain('30963');
  });

  it('orders a number: pending, then success through the provisioning queue', async () => {
    const available = await client.availablePhoneNumbers.list({
      filter: { country_code: 'US', national_destination_code: '425', features: ['sms'], limit: 3 },
    });
    expect(available.data).toHaveLength(3);
    phone = available.data![0]!.phone_number!;
    expect(phone).toMatch(/^\+1425\d{7}$/u);
    const order = await client.numberOrders.create({
      phone_numbers: [{ phone_number: phone }],
      messaging_profile_id: profileId,
    });
    expect(order.data?.status).toBe('pending');
    expect(order.data?.phone_numbers?.[0]?.phone_number).toBe(phone);
    sim.clock.advance('10s');
    const done = await client.numberOrders.retrieve(order.data!.id!);
    expect(done.data?.status).toBe('success');
    const number = await client.phoneNumbers.retrieve(phone);
    expect(number.data).toMatchObject({
      phone_number: phone,
      status: 'active',
      messaging_profile_id: profileId,
    });
    const messaging = await client.phoneNumbers.messaging.retrieve(number.data!.id);
    expect(messaging.data?.messaging_profile_id).toBe(profileId);
  });

  it('fails a text from a number with no campaign with 40010 (30034)', async () => {
    const sent = await client.messages.send({ from: phone, to: contact, text: 'Harbor Realty: hello' });
    expect(sent.data?.to?.[0]?.status).toBe('queued');
    sim.clock.advance('1s');
    const fetched = await client.messages.retrieve(sent.data!.id!);
    const data = fetched.data as { to?: Array<{ status?: string }>; errors?: Array<Record<string, unknown>> };
    expect(data.to?.[0]?.status).toBe('sending_failed');
    expect(data.errors?.[0]).toMatchObject({
      code: '40010',
      meta: { rule: 'campaign-number-needs-registration', error_code: 30034 },
    });
  });

  it('assigns the number: PENDING_ASSIGNMENT while it propagates (sends fail with 30024), then ASSIGNED', async () => {
    const assigned = await client.messaging10dlc.phoneNumberCampaigns.create({
      phoneNumber: phone,
      campaignId,
    });
    expect(assigned).toMatchObject({
      phoneNumber: phone,
      campaignId,
      assignmentStatus: 'PENDING_ASSIGNMENT',
    });
    const early = await client.messages.send({ from: phone, to: contact, text: 'Harbor Realty: too early' });
    const failed = await client.messages.retrieve(early.data!.id!);
    expect((failed.data as { errors?: unknown[] }).errors?.[0]).toMatchObject({
      meta: { rule: 'assignment-propagation', error_code: 30024 },
    });
    sim.clock.advance('3s');
    const fetched = await client.messaging10dlc.phoneNumberCampaigns.retrieve(phone);
    expect(fetched.assignmentStatus).toBe('ASSIGNED');
    const listed = await client.messaging10dlc.phoneNumberCampaigns.list({
      filter: { telnyx_campaign_id: campaignId },
    });
    expect(listed.records.map((a) => a.phoneNumber)).toEqual([phone]);
  });

  it('sends through the messaging profile, delivers, and tells the webhook (message.sent, message.finalized)', async () => {
    receiver.received.length = 0;
    const sent = await client.messages.send({
      messaging_profile_id: profileId,
      to: contact,
      text: 'Harbor Realty: your showing is at 3pm. Reply STOP to opt out.',
    });
    expect(sent.data).toMatchObject({
      direction: 'outbound',
      from: { phone_number: phone },
      to: [{ phone_number: contact, status: 'queued' }],
      messaging_profile_id: profileId,
      tcr_campaign_id: expect.stringMatching(/^C/u) as unknown,
    });
    sim.clock.advance('2s');
    const fetched = await client.messages.retrieve(sent.data!.id!);
    expect((fetched.data as { to?: Array<{ status?: string }> }).to?.[0]?.status).toBe('delivered');
    const events = await verifiedEvents();
    expect(events.map((e) => e.event_type)).toEqual(['message.sent', 'message.finalized']);
    const finalized = events[1]!.payload as { id: string; to: Array<{ status: string }> };
    expect(finalized.id).toBe(sent.data!.id);
    expect(finalized.to[0]!.status).toBe('delivered');
    expect((events[0]!.payload as { to: Array<{ status: string }> }).to[0]!.status).toBe('sent');
  });

  it('sends a reply to the profile webhook as message.received', async () => {
    receiver.received.length = 0;
    await sim.handset(contact).send(phone, 'Can I see it at 4 instead?');
    const events = await verifiedEvents();
    expect(events.map((e) => e.event_type)).toEqual(['message.received']);
    expect(events[0]!.payload).toMatchObject({
      direction: 'inbound',
      text: 'Can I see it at 4 instead?',
      from: { phone_number: contact },
      to: [{ phone_number: phone }],
    });
  });

  it('refuses a text to a contact who sent STOP: 409, 40300, with the rule and 21610', async () => {
    await sim.handset(contact).send(phone, 'STOP');
    const error = await client.messages
      .send({ from: phone, to: contact, text: 'Harbor Realty: one more thing' })
      .catch((e: unknown) => e);
    expect((error as { status: number }).status).toBe(409);
    expect(errorsOf(error)[0]).toMatchObject({
      code: '40300',
      title: 'Blocked due to STOP message',
      meta: { rule: 'opt-out-honored', error_code: 21610 },
    });
  });

  it('sends with a per-message webhook_url to that URL instead', async () => {
    const other = await startReceiver();
    try {
      const sent = await client.messages.send({
        from: phone,
        to: '+12065550124',
        text: 'Harbor Realty: your keys are ready. Reply STOP to opt out.',
        webhook_url: other.url,
      });
      expect(sent.data?.webhook_url).toBe(other.url);
      sim.clock.advance('2s');
      await sim.settle();
      const types: unknown[] = [];
      for (const h of other.received) {
        const event = (await client.webhooks.unwrap(h.body, { headers: h.headers })) as unknown as {
          data: { event_type: string };
        };
        types.push(event.data.event_type);
      }
      expect(types).toEqual(['message.sent', 'message.finalized']);
    } finally {
      await other.close();
    }
  });

  it('deactivates the campaign (DELETE): TCR_EXPIRED, and its numbers fail with 40010', async () => {
    const answer = await client.messaging10dlc.campaign.deactivate(campaignId);
    expect(answer.time).toBeTypeOf('number');
    const fetched = await client.messaging10dlc.campaign.retrieve(campaignId);
    expect(fetched.campaignStatus).toBe('TCR_EXPIRED');
    const assignment = await client.messaging10dlc.phoneNumberCampaigns.retrieve(phone);
    expect(assignment.assignmentStatus).toBe('FAILED_ASSIGNMENT');
  });

  it('answers an unknown id with 404 in its envelope', async () => {
    const error = await client.messaging10dlc.brand
      .retrieve('4b200000-0000-4000-8000-000000000000')
      .catch((e: unknown) => e);
    expect((error as { status: number }).status).toBe(404);
    expect(errorsOf(error)[0]?.code).toBe('10005');
  });
});
