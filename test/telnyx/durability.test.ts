import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startSimulator } from '../../simulator/start-simulator.js';
import { brandParams, telnyxClient } from './helpers.js';

describe('the Telnyx face over restarts and failing receivers', () => {
  it('keeps its resources, ids and keys across a restart from the state file', async () => {
    const data = join(mkdtempSync(join(tmpdir(), 'tendlc-telnyx-')), 'state.json');
    const first = await startSimulator({ config: 'acme', latency: 'fast', data });
    const client = telnyxClient(first);
    const profile = await client.messagingProfiles.create({
      name: 'Kept',
      whitelisted_destinations: ['US'],
      webhook_url: 'http://127.0.0.1:9/kept',
    });
    const brand = await client.messaging10dlc.brand.create(brandParams);
    const keys = first.providers.acme!.telnyx;
    await first.stop();

    const second = await startSimulator({ config: 'acme', latency: 'fast', data });
    try {
      expect(second.providers.acme!.telnyx).toEqual(keys);
      const again = telnyxClient(second);
      expect((await again.messagingProfiles.retrieve(profile.data!.id!)).data).toMatchObject({
        name: 'Kept',
        webhook_url: 'http://127.0.0.1:9/kept',
      });
      const fetched = await again.messaging10dlc.brand.retrieve(brand.brandId!);
      expect([fetched.tcrBrandId, fetched.website]).toEqual([brand.tcrBrandId, 'https://harbor.example']);
      // A second profile gets the next number, not the first one's again.
      const next = await again.messagingProfiles.create({ name: 'Next', whitelisted_destinations: ['US'] });
      expect(next.data!.id).not.toBe(profile.data!.id);
    } finally {
      await second.stop();
    }
  });

  it('retries a failed delivery at the failover URL: meta says the attempt and where, and it still verifies', async () => {
    const sim = await startSimulator({ config: 'acme', latency: 'fast', seed: 4 });
    const got: Array<{ body: string; headers: Record<string, string>; status: number; path: string }> = [];
    const receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        const status = got.length === 0 ? 500 : 200;
        got.push({ body, headers: req.headers as Record<string, string>, status, path: req.url ?? '' });
        res.statusCode = status;
        res.end();
      });
    });
    await new Promise<void>((done) => receiver.listen(0, '127.0.0.1', done));
    try {
      const url = `http://127.0.0.1:${String((receiver.address() as AddressInfo).port)}/hooks`;
      const client = telnyxClient(sim);
      const profile = await client.messagingProfiles.create({
        name: 'Flaky',
        whitelisted_destinations: ['US'],
        webhook_url: url,
        webhook_failover_url: url.replace('/hooks', '/failover'),
      });
      const phone = (
        await client.availablePhoneNumbers.list({ filter: { national_destination_code: '425' } })
      ).data![0]!.phone_number!;
      await client.numberOrders.create({
        phone_numbers: [{ phone_number: phone }],
        messaging_profile_id: profile.data!.id!,
      });
      sim.clock.advance('10s');
      // No campaign: the text fails at once (30034), one message.finalized is owed.
      await client.messages.send({ from: phone, to: '+12065550123', text: 'Harbor Realty: hello there' });
      sim.clock.advance('1s');
      await sim.settle();
      sim.clock.advance('5s'); // the retry's backoff
      await sim.settle();
      expect(got.map((g) => [g.path, g.status])).toEqual([
        ['/hooks', 500],
        ['/failover', 200],
      ]);
      const attempts = [];
      for (const g of got) {
        const event = (await client.webhooks.unwrap(g.body, { headers: g.headers })) as unknown as {
          data: { event_type: string; id: string };
          meta: { attempt: number; delivered_to: string };
        };
        attempts.push([event.data.event_type, event.meta.attempt, new URL(event.meta.delivered_to).pathname]);
      }
      expect(attempts).toEqual([
        ['message.finalized', 1, '/hooks'],
        ['message.finalized', 2, '/failover'],
      ]);
      const [a, b] = got.map((g) => (JSON.parse(g.body) as { data: { id: string } }).data.id);
      expect(a).toBe(b); // the same event: a receiver de-duplicates by its id
    } finally {
      receiver.close();
      await sim.stop();
    }
  });
});
