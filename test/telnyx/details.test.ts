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

// The rest of the Telnyx routes and outcomes through the SDK: updates and deletes, vetting, an
// unverified brand, carrier failures in errors[] and in message.finalized, invalid input.
let sim: Simulator;
let client: Telnyx;
let receiver: Receiver;
let profileId = '';
let brandId = '';
let campaignId = '';
let phone = '';

beforeAll(async () => {
  sim = await startSimulator({ config: 'acme', latency: 'fast', seed: 21 });
  client = telnyxClient(sim);
  receiver = await startReceiver();
  profileId = (await client.messagingProfiles.create({ name: 'Ops', whitelisted_destinations: ['US'] })).data!
    .id!;
  brandId = (await client.messaging10dlc.brand.create(brandParams)).brandId!;
  sim.clock.advance('5s');
  campaignId = (await client.messaging10dlc.campaignBuilder.submit(campaignParams(brandId))).campaignId;
  sim.clock.advance('20s');
  phone = (await client.availablePhoneNumbers.list({ filter: { national_destination_code: '503' } }))
    .data![0]!.phone_number!;
  await client.numberOrders.create({
    phone_numbers: [{ phone_number: phone }],
    messaging_profile_id: profileId,
  });
  sim.clock.advance('10s');
  await client.messaging10dlc.phoneNumberCampaigns.create({ phoneNumber: phone, campaignId });
  sim.clock.advance('3s');
});
afterAll(async () => {
  await sim.stop();
  await receiver.close();
});

async function finalized(): Promise<Array<{ event_type: string; payload: Record<string, unknown> }>> {
  await sim.settle();
  const out = [];
  for (const hook of receiver.received) {
    const event = (await client.webhooks.unwrap(hook.body, { headers: hook.headers })) as unknown as {
      data: { event_type: string; payload: Record<string, unknown> };
    };
    out.push(event.data);
  }
  return out;
}

describe('Telnyx face details', () => {
  it('updates a messaging profile and the brand, and refuses a change of a registration field', async () => {
    const updated = await client.messagingProfiles.update(profileId, {
      webhook_url: receiver.url,
      name: 'Ops 2',
    });
    expect(updated.data).toMatchObject({ name: 'Ops 2', webhook_url: receiver.url });
    const brand = await client.messaging10dlc.brand.update(brandId, {
      ...brandParams,
      website: 'https://new.example',
    });
    expect(brand.website).toBe('https://new.example');
    const error = await client.messaging10dlc.brand
      .update(brandId, { ...brandParams, ein: '98-7654321' })
      .catch((e: unknown) => e);
    expect((error as { status: number }).status).toBe(422);
    expect(errorsOf(error)[0]?.source?.pointer).toBe('/ein');
  });

  it('shows an unverified brand, and refuses a campaign for it with brand-must-be-verified (30991)', async () => {
    const brand = await client.messaging10dlc.brand.create({ ...brandParams, ein: '00-0000000' });
    sim.clock.advance('5s');
    const fetched = await client.messaging10dlc.brand.retrieve(brand.brandId!);
    expect([fetched.status, fetched.identityStatus]).toEqual(['OK', 'UNVERIFIED']);
    const error = await client.messaging10dlc.campaignBuilder
      .submit(campaignParams(brand.brandId!))
      .catch((e: unknown) => e);
    expect((error as { status: number }).status).toBe(422);
    expect(errorsOf(error)[0]?.meta).toEqual({ rule: 'brand-must-be-verified', error_code: 30991 });
  });

  it('orders external vetting: a vetting score after its latency, VETTED_VERIFIED', async () => {
    const ordered = await client.messaging10dlc.brand.externalVetting.order(brandId, {
      evpId: 'AEGIS',
      vettingClass: 'STANDARD',
    });
    expect(ordered).toMatchObject({ evpId: 'AEGIS', vettingClass: 'STANDARD' });
    expect(ordered.vettingScore).toBeUndefined();
    sim.clock.advance('5s');
    const [vetting] = await client.messaging10dlc.brand.externalVetting.list(brandId);
    expect(vetting?.vettingScore).toBeTypeOf('number');
    expect((await client.messaging10dlc.brand.retrieve(brandId)).identityStatus).toBe('VETTED_VERIFIED');
  });

  it('carries a carrier failure in errors[] and in message.finalized (landline: 40001, 30006)', async () => {
    receiver.received.length = 0;
    const sent = await client.messages.send({
      from: phone,
      to: '+12065550102',
      text: 'Harbor Realty: hello there',
    });
    sim.clock.advance('2s');
    const events = await finalized();
    expect(events.map((e) => e.event_type)).toEqual(['message.finalized']);
    const payload = events[0]!.payload as { id: string; to: Array<{ status: string }>; errors: unknown[] };
    expect(payload.id).toBe(sent.data!.id);
    expect(payload.to[0]!.status).toBe('sending_failed');
    expect(payload.errors[0]).toMatchObject({ code: '40001', meta: { error_code: 30006 } });
  });

  it('reports an undelivered text as delivery_failed with 40006 (30003)', async () => {
    receiver.received.length = 0;
    const sent = await client.messages.send({
      from: phone,
      to: '+12065550106',
      text: 'Harbor Realty: are you there?',
    });
    sim.clock.advance('2s');
    const fetched = (await client.messages.retrieve(sent.data!.id!)).data as {
      to: Array<{ status: string }>;
      errors: Array<{ code: string }>;
    };
    expect(fetched.to[0]!.status).toBe('delivery_failed');
    expect(fetched.errors[0]!.code).toBe('40006');
    expect((await finalized()).map((e) => e.event_type)).toEqual(['message.sent', 'message.finalized']);
  });

  it('refuses an invalid recipient (10002) and a missing text (10004), naming the field', async () => {
    const bad = await client.messages
      .send({ from: phone, to: '12345', text: 'hello there' })
      .catch((e: unknown) => e);
    expect((bad as { status: number }).status).toBe(400);
    expect(errorsOf(bad)[0]).toMatchObject({
      code: '10002',
      source: { pointer: '/to' },
      meta: { rule: 'recipient-us-10-digit' },
    });
    const missing = await client.messages.send({ from: phone, to: '+12065550123' }).catch((e: unknown) => e);
    expect(errorsOf(missing)[0]).toMatchObject({ code: '10004', source: { pointer: '/text' } });
  });

  it('shows a scarce area code with nothing left, and refuses an order there (area-code-unavailable)', async () => {
    // Seattle's 206 is scarce, and the example account already holds its numbers.
    const available = await client.availablePhoneNumbers.list({
      filter: { national_destination_code: '206' },
    });
    expect(available.data).toEqual([]);
    const error = await client.numberOrders
      .create({ phone_numbers: [{ phone_number: '+12065559876' }] })
      .catch((e: unknown) => e);
    expect((error as { status: number }).status).toBe(422);
    expect(errorsOf(error)[0]).toMatchObject({
      source: { pointer: '/phone_numbers/0/phone_number' },
      meta: { rule: 'area-code-unavailable' },
    });
  });

  it("schedules a text with send_at, lists the profile's numbers, and cancels the text (DELETE)", async () => {
    const numbers = await client.messagingProfiles.listPhoneNumbers(profileId);
    expect(numbers.data.map((n) => n.phone_number)).toEqual([phone]);
    const later = new Date(Date.parse(sim.clock.now().toISOString()) + 86_400_000).toISOString();
    const sent = await client.messages.send({
      from: phone,
      to: '+12065550123',
      text: 'Harbor Realty: reminder for tomorrow. Reply STOP to opt out.',
      send_at: later,
    });
    expect(sent.data?.to?.[0]?.status).toBe('queued');
    const canceled = await client.messages.cancelScheduled(sent.data!.id!);
    expect(canceled.to?.[0]?.status).toBe('cancelled');
    const again = await client.messages.cancelScheduled(sent.data!.id!).catch((e: unknown) => e);
    expect((again as { status: number }).status).toBe(409);
  });

  it('takes a number out of its profile, unassigns it, tags it and releases it', async () => {
    const id = (await client.phoneNumbers.retrieve(phone)).data!.id;
    const out = await client.phoneNumbers.messaging.update(id, { messaging_profile_id: '' });
    expect(out.data?.messaging_profile_id).toBeNull();
    const removed = await client.messaging10dlc.phoneNumberCampaigns.delete(phone);
    expect(removed.phoneNumber).toBe(phone);
    const gone = await client.messaging10dlc.phoneNumberCampaigns.retrieve(phone).catch((e: unknown) => e);
    expect((gone as { status: number }).status).toBe(404);
    const tagged = await client.phoneNumbers.update(id, { tags: ['ops'], customer_reference: 'ref-1' });
    expect(tagged.data).toMatchObject({ tags: ['ops'], customer_reference: 'ref-1' });
    const released = await client.phoneNumbers.delete(id);
    expect(released.data?.status).toBe('deleted');
    expect((await client.phoneNumbers.list()).data.map((n) => n.phone_number)).not.toContain(phone);
  });

  it('deletes a messaging profile', async () => {
    const deleted = await client.messagingProfiles.delete(profileId);
    expect(deleted.data?.id).toBe(profileId);
    const error = await client.messagingProfiles.retrieve(profileId).catch((e: unknown) => e);
    expect((error as { status: number }).status).toBe(404);
  });

  it('shows what the Telnyx face made through the native API too', async () => {
    const res = await fetch(`${sim.url}/v1/brands`, {
      headers: { authorization: `Bearer ${sim.key('olga')}` },
    });
    const brands = (await res.json()) as { data: Array<{ name: string }> };
    expect(brands.data.map((b) => b.name)).toContain('Harbor Realty');
  });
});
