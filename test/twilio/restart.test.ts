import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { startSimulator } from '../../index.js';
import { twilioClient } from './helpers.js';

// What the face keeps (its records, its pools, the account's credentials) is state like any other:
// a restart on the same data file keeps it, SIDs and secrets included.
const dir = mkdtempSync(join(tmpdir(), 'tendlc-twilio-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('keeps services, numbers and credentials across a restart', async () => {
  const data = join(dir, 'state');
  const first = await startSimulator({ config: 'acme', data });
  const client = twilioClient(first);
  const service = await client.messaging.v1.services.create({
    friendlyName: 'Kept',
    inboundRequestUrl: 'https://example.com/in',
  });
  const number = await client.incomingPhoneNumbers.create({
    areaCode: '425',
    smsUrl: 'https://example.com/sms',
  });
  await client.messaging.v1.services(service.sid).phoneNumbers.create({ phoneNumberSid: number.sid });
  const credentials = first.providers.acme!.twilio;
  await first.stop();

  const second = await startSimulator({ config: 'acme', data });
  try {
    expect(second.providers.acme!.twilio).toEqual(credentials);
    const again = twilioClient(second);
    expect((await again.messaging.v1.services(service.sid).fetch()).inboundRequestUrl).toBe(
      'https://example.com/in',
    );
    expect((await again.incomingPhoneNumbers(number.sid).fetch()).smsUrl).toBe('https://example.com/sms');
    const pooled = await again.messaging.v1.services(service.sid).phoneNumbers.list();
    expect(pooled.map((p) => p.sid)).toEqual([number.sid]);
    const next = await again.messaging.v1.services.create({ friendlyName: 'New' });
    expect(next.sid).not.toBe(service.sid);
  } finally {
    await second.stop();
  }
});
