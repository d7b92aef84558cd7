import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import twilio from 'twilio';
import { startSimulator, twilioHttpClient, type Simulator } from '../../index.js';
import { simulatorUri } from '../../simulator/faces/twilio/client.js';

// The integrator's own twilio-node client, with only its httpClient changed, reaches the face.
let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ config: 'acme' });
});
afterAll(async () => {
  await sim.stop();
});

function client(token?: string): twilio.Twilio {
  const { accountSid, authToken } = sim.providers.acme!.twilio;
  return twilio(accountSid, token ?? authToken, { httpClient: twilioHttpClient(sim.url) });
}

async function failure(p: Promise<unknown>): Promise<Record<string, unknown>> {
  try {
    await p;
  } catch (error) {
    return error as Record<string, unknown>;
  }
  throw new Error('expected the request to fail');
}

describe('the Twilio client pointed at the simulator', () => {
  it('rewrites the three hosts, with or without a region, and leaves other URLs alone', () => {
    const base = 'http://127.0.0.1:4100/';
    expect(simulatorUri('https://api.twilio.com/2010-04-01/Accounts/AC1/Messages.json', base)).toBe(
      'http://127.0.0.1:4100/twilio/api/2010-04-01/Accounts/AC1/Messages.json',
    );
    expect(simulatorUri('https://messaging.twilio.com/v1/Services?PageSize=5', base)).toBe(
      'http://127.0.0.1:4100/twilio/messaging/v1/Services?PageSize=5',
    );
    expect(simulatorUri('https://trusthub.sydney.au1.twilio.com/v1/EndUsers', base)).toBe(
      'http://127.0.0.1:4100/twilio/trusthub/v1/EndUsers',
    );
    expect(simulatorUri('https://example.com/twilio.com', base)).toBe('https://example.com/twilio.com');
  });

  it('refuses a wrong auth token with 401 and code 20003, as RestException', async () => {
    const error = await failure(client('0'.repeat(32)).messages.list({ limit: 1 }));
    expect(error.constructor.name).toBe('RestException');
    expect([error.status, error.code]).toEqual([401, 20003]);
    expect(error.moreInfo).toBe('https://www.twilio.com/docs/errors/20003');
  });

  it("answers the account's own credentials: a missing resource is Twilio's 404 with code 20404", async () => {
    const error = await failure(
      client()
        .messages('SM' + '0'.repeat(32))
        .fetch(),
    );
    expect([error.status, error.code]).toEqual([404, 20404]);
    expect(String(error.message)).toContain('/2010-04-01/Accounts/');
  });

  it("sees nothing under another account's SID (404), even with valid credentials", async () => {
    const { authToken, accountSid } = sim.providers.acme!.twilio;
    const other = `AC${'1'.repeat(32)}`;
    expect(other).not.toBe(accountSid);
    const c = twilio(accountSid, authToken, { accountSid: other, httpClient: twilioHttpClient(sim.url) });
    const error = await failure(c.incomingPhoneNumbers.list({ limit: 1 }));
    expect([error.status, error.code]).toEqual([404, 20404]);
  });

  it("takes an owner's tendlc key in place of the auth token, and refuses a standard user's (403)", async () => {
    const owner = await failure(
      client(sim.key('olga'))
        .messages('SM' + '0'.repeat(32))
        .fetch(),
    );
    expect(owner.status).toBe(404);
    const standard = await failure(
      client(sim.key('sam'))
        .messages('SM' + '0'.repeat(32))
        .fetch(),
    );
    expect([standard.status, standard.code]).toEqual([403, 20403]);
  });
});
