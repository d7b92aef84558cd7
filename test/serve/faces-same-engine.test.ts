import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../index.js';
import { connectEvents, until, type EventClient } from '../helpers/event-client.js';
import { telnyxClient } from '../telnyx/helpers.js';
import { twilioClient } from '../twilio/helpers.js';

// One engine behind every face: a text sent through Twilio's or Telnyx's routes is a tendlc
// message, listed by the native API and streamed on the WebSocket like any other.
const FROM = '+12065550100';
const BODY = 'Acme Realty: open house Sat 1-3pm. Reply STOP to opt out';

let sim: Simulator;
let events: EventClient;

beforeAll(async () => {
  sim = await startSimulator({ config: 'acme' });
  events = await connectEvents(sim.url, sim.key('olga'), 'types=message.*');
});
afterAll(async () => {
  await events.close();
  await sim.stop();
});

async function nativeMessage(to: string): Promise<Record<string, unknown> | undefined> {
  const res = await fetch(`${sim.url}/v1/messages?to=${encodeURIComponent(to)}`, {
    headers: { authorization: `Bearer ${sim.key('olga')}` },
  });
  const page = (await res.json()) as { data: Array<Record<string, unknown>> };
  return page.data[0];
}

describe('a text sent through a provider face', () => {
  it('through Twilio: in GET /v1/messages with its face, and on the event stream', async () => {
    const to = '+12065550161';
    const sent = await twilioClient(sim).messages.create({ from: FROM, to, body: BODY });
    const native = await nativeMessage(to);
    expect(native).toMatchObject({ from: FROM, to, body: BODY, face: 'twilio', user: '@twilio' });
    await until(
      () =>
        events.frames.some(
          (f) => f.type === 'message.queued' && (f.data as { message?: unknown }).message === native!.id,
        ),
      'message.queued on the stream',
    );
    expect(sent.status).toBe('queued');
  });

  it('through Telnyx: the same', async () => {
    const to = '+12065550162';
    const sent = await telnyxClient(sim).messages.send({ from: FROM, to, text: BODY });
    const native = await nativeMessage(to);
    expect(native).toMatchObject({ from: FROM, to, body: BODY, face: 'telnyx', user: '@telnyx' });
    await until(
      () =>
        events.frames.some(
          (f) => f.type === 'message.queued' && (f.data as { message?: unknown }).message === native!.id,
        ),
      'message.queued on the stream',
    );
    expect(sent.data?.to?.[0]?.phone_number).toBe(to);
  });
});
