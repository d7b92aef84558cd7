import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { faceCaller } from '../../simulator/faces/face-auth.js';
import { twilioAccountSid } from '../../simulator/faces/credentials.js';
import { startTestServer, type TestServer } from '../helpers/simulator.js';

// Each account has a Twilio SID and token and a Telnyx key and key pair, made once and kept with
// the state: an integrator's test config names them, so a restart must not change them.
describe('provider credentials', () => {
  const started: TestServer[] = [];
  const dirs: string[] = [];
  afterEach(async () => {
    await Promise.all(started.splice(0).map((s) => s.stop()));
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  const start = async (options: Parameters<typeof startTestServer>[0] = {}): Promise<TestServer> => {
    const server = await startTestServer(options);
    started.push(server);
    return server;
  };

  it('shows them on the keys route, without the private key', async () => {
    const sim = await start();
    const { status, body } = await sim
      .as('admin')
      .get<Record<string, Record<string, string>>>('/v1/sim/accounts/acme/keys');
    expect(status).toBe(200);
    expect(body.twilio).toEqual({
      accountSid: twilioAccountSid('acme'),
      authToken: expect.stringMatching(/^[0-9a-f]{32}$/),
    });
    expect(Object.keys(body.telnyx!).sort()).toEqual(['apiKey', 'publicKey']);
    expect(Buffer.from(body.telnyx!.publicKey!, 'base64')).toHaveLength(32);
    expect(sim.server.providers.acme).toEqual({ twilio: body.twilio, telnyx: body.telnyx });
  });

  it('lets the account act through a face with its own secrets, and no one with a wrong one', async () => {
    const sim = await start();
    const { service } = sim.server;
    const { twilio, telnyx } = sim.server.providers.acme!;
    expect(faceCaller(service, 'twilio', twilio.authToken, twilio.accountSid)).toEqual({
      ok: true,
      actor: { account: 'acme', user: '@twilio' },
    });
    expect(faceCaller(service, 'telnyx', telnyx.apiKey)).toEqual({
      ok: true,
      actor: { account: 'acme', user: '@telnyx' },
    });
    expect(faceCaller(service, 'twilio', 'f'.repeat(32), twilio.accountSid)).toMatchObject({
      ok: false,
      status: 401,
    });
    expect(faceCaller(service, 'telnyx', 'KEYnot-a-key')).toMatchObject({ ok: false, status: 401 });
    // An owner's tendlc key acts as the owner; a standard user's key is refused: providers have no such role.
    expect(faceCaller(service, 'twilio', sim.keyOf('olga'), twilio.accountSid)).toEqual({
      ok: true,
      actor: { account: 'acme', user: 'olga' },
    });
    expect(faceCaller(service, 'telnyx', sim.keyOf('sam'))).toMatchObject({ ok: false, status: 403 });
  });

  it('keeps them across a restart of the same state file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tendlc-credentials-'));
    dirs.push(dir);
    const data = join(dir, 'state.json');
    const first = await start({ data });
    const before = first.server.providers.acme;
    await first.stop();
    started.splice(started.indexOf(first), 1);
    const second = await start({ data });
    expect(second.server.providers.acme).toEqual(before);
  });
});
