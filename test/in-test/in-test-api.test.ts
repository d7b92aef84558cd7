import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, expectTypeOf, it } from 'vitest';
// In your project: import { … } from 'tendlc';
import {
  ApiRequestError,
  DEFAULT_START,
  examples,
  loadProfile,
  readConfigFile,
  Simulation,
  startSimulator,
  type Actor,
  type ApiEvent,
  type Delivery,
  type HandsetEntry,
  type Message,
  type MessageStatus,
  type Page,
  type SimEvent,
  type Simulator,
} from '../../index.js';

// The in-test API as an integrator's suite uses it: the shipped example by name, a fixed start,
// webhooks settled and events awaited without polling or sleeping, and the end user's phone.

let sim: Simulator;
let receiver: Server;
let received: Array<{ type: string; data: Record<string, unknown> }> = [];
/** The status the receiver answers with. */
let answer = 200;

beforeEach(async () => {
  received = [];
  answer = 200;
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      received.push(JSON.parse(body) as { type: string; data: Record<string, unknown> });
      res.writeHead(answer).end();
    });
  });
  await new Promise<void>((done) => receiver.listen(0, '127.0.0.1', done));
  sim = await startSimulator({ config: 'acme', seed: 7, latency: 'fast' });
});
afterEach(async () => {
  await sim.stop();
  await new Promise<void>((done) => receiver.close(() => done()));
});

const hookUrl = (): string => `http://127.0.0.1:${String((receiver.address() as AddressInfo).port)}/hook`;
const owner = (): Record<string, string> => ({
  authorization: `Bearer ${sim.key('olga')}`,
  'content-type': 'application/json',
});
async function post<T>(path: string, body: unknown): Promise<T> {
  const res = await fetch(`${sim.url}${path}`, {
    method: 'POST',
    headers: owner(),
    body: JSON.stringify(body),
  });
  expect(res.status, await res.clone().text()).toBeLessThan(300);
  return (await res.json()) as T;
}
const send = (to: string): Promise<Message> =>
  post<Message>('/v1/messages', {
    from: '+12065550100',
    to,
    body: 'Acme Realty: open house Sat 1-3pm. Reply STOP to opt out',
  });

describe('startSimulator from another project', () => {
  it('loads a shipped example by name or by its exported path, and starts at a fixed virtual time', async () => {
    expect(sim.clock.now().toISOString()).toBe(new Date(DEFAULT_START).toISOString());
    expect(sim.key('olga')).toMatch(/^tdk_/u);
    const other = await startSimulator({ config: examples.acme, start: '2027-01-04T09:00:00Z' });
    try {
      expect(Object.keys(other.keys)).toEqual(['acme']);
      expect(other.clock.now().toISOString()).toBe('2027-01-04T09:00:00.000Z');
    } finally {
      await other.stop();
    }
  });

  it('says where it looked for a config file that is not there, and how to reach the example', async () => {
    await expect(startSimulator({ config: 'examples-elsewhere/acme.yaml' })).rejects.toThrow(
      /config 'examples-elsewhere\/acme\.yaml': no such file \(looked in .+\); the example shipped with tendlc is config: 'acme' \(or examples\.acme\)/u,
    );
    await expect(startSimulator({ start: 'March 7' })).rejects.toThrow(/start 'March 7' is not a time/u);
  });

  it('gives an account without users an owner, so that there is a key to act with', async () => {
    const bare = await startSimulator({
      config: { version: 1, account: { id: 'solo', name: 'Solo', kind: 'standard', country: 'US' } },
    });
    try {
      expect(bare.keys.solo?.map((k) => [k.user, k.role])).toEqual([['owner', 'owner']]);
    } finally {
      await bare.stop();
    }
  });

  it('gives the same history to two runs with the same seed', async () => {
    const history = async (): Promise<unknown[]> => {
      const run = await startSimulator({ config: 'acme', seed: 3 });
      try {
        const headers = { authorization: `Bearer ${run.key('olga')}`, 'content-type': 'application/json' };
        await fetch(`${run.url}/v1/messages`, {
          method: 'POST',
          headers,
          body: JSON.stringify({
            from: '+12065550100',
            to: '+12065550123',
            body: 'Acme: hi. Reply STOP to opt out',
          }),
        });
        run.clock.advance('1h');
        const res = await fetch(`${run.url}/v1/sim/events`, {
          headers: { authorization: `Bearer ${run.adminToken}` },
        });
        return ((await res.json()) as Page<ApiEvent>).data;
      } finally {
        await run.stop();
      }
    };
    const [a, b] = [await history(), await history()];
    expect(a.length).toBeGreaterThan(3);
    expect(b).toEqual(a);
  });
});

describe('settle', () => {
  it('resolves once every webhook delivery due has been made and its attempt recorded', async () => {
    const hook = await post<{ id: string }>('/v1/webhooks', { url: hookUrl(), events: ['message.*'] });
    await send('+12065557701');
    sim.clock.advance('1m');
    await sim.settle();
    expect(received.map((e) => e.type)).toEqual([
      'message.queued',
      'message.sending',
      'message.sent',
      'message.delivered',
    ]);
    const res = await fetch(`${sim.url}/v1/webhooks/${hook.id}/deliveries`, { headers: owner() });
    const deliveries = ((await res.json()) as Page<Delivery>).data;
    expect(deliveries.map((d) => [d.state, d.attempts.length, d.attempts[0]?.status])).toEqual(
      Array(4).fill(['delivered', 1, 200]),
    );
  });

  it('ends after a failed attempt is recorded; its retry is due later on the virtual clock', async () => {
    answer = 503;
    const hook = await post<{ id: string }>('/v1/webhooks', { url: hookUrl(), events: ['message.queued'] });
    await send('+12065557702');
    await sim.settle();
    const deliveries = async (): Promise<Delivery[]> =>
      (
        (await (
          await fetch(`${sim.url}/v1/webhooks/${hook.id}/deliveries`, { headers: owner() })
        ).json()) as Page<Delivery>
      ).data;
    expect((await deliveries()).map((d) => [d.state, d.attempts.length])).toEqual([['pending', 1]]);
    answer = 200;
    sim.clock.advance('1s');
    await sim.settle();
    expect((await deliveries()).map((d) => [d.state, d.attempts.length])).toEqual([['delivered', 2]]);
    expect(received).toHaveLength(2);
  });
});

describe('waitFor', () => {
  it('finds an event that already happened, and reads on from it', async () => {
    await send('+12065557703');
    sim.clock.advance('1m');
    const delivered = await sim.waitFor('message.delivered');
    expectTypeOf(delivered).toEqualTypeOf<ApiEvent>();
    expect(delivered.data).toMatchObject({ to: '+12065557703' });
    expect(delivered.at).toMatch(/^2026-11-02T17:0\d:\d\d\.\d{3}Z$/u);
    // The next wait reads after the event the last one returned.
    await send('+12065557704');
    sim.clock.advance('1m');
    const next = await sim.waitFor('message.*');
    expect(next.id).toBeGreaterThan(delivered.id);
    expect(next.data).toMatchObject({ to: '+12065557704' });
  });

  it('waits for an event still to come, by type pattern or predicate', async () => {
    const waiting = sim.waitFor((e) => e.type === 'message.delivered' && e.data.to === '+12065557705');
    await send('+12065557705');
    sim.clock.advance('1m');
    expect((await waiting).data).toMatchObject({ to: '+12065557705' });
  });

  it('rejects after its timeout, saying what it waited for and what the clock is doing', async () => {
    await expect(sim.waitFor('campaign.approved', { timeout: 0 })).rejects.toThrow(
      /waitFor: no 'campaign\.approved' after event \d+ within 0 ms \(virtual now 2026-11-02T17:00:00\.000Z, clock manual: move it with sim\.clock\.advance/u,
    );
  });
});

describe('handset', () => {
  it('replies STOP to the number that texted it; the confirmation arrives with its message events', async () => {
    await send('+12065557706');
    sim.clock.advance('1m');
    const phone = sim.handset('+12065557706');
    const stop: Message = await phone.reply('STOP');
    expect(stop).toMatchObject({
      direction: 'inbound',
      from: '+12065557706',
      to: '+12065550100',
      body: 'STOP',
    });
    const confirmation = await sim.waitFor(
      (e) => e.type === 'message.delivered' && e.data.answers === 'STOP',
    );
    expect(confirmation.data).toMatchObject({ to: '+12065557706' });
    const log: HandsetEntry[] = await phone.messages();
    expect(log.map((m) => [m.direction, m.body.slice(0, 24)])).toEqual([
      ['received', 'Acme Realty: open house '],
      ['sent', 'STOP'],
      ['received', 'Acme Realty: you are uns'],
    ]);
  });

  it('sends to a number, and refuses what the API refuses, with its status and code', async () => {
    const phone = sim.handset('+12065557707');
    await expect(phone.reply('hello')).rejects.toThrow(/has received and sent nothing/u);
    const help = await phone.send('+12065550100', 'HELP');
    expect(help.status satisfies MessageStatus).toBe('received');
    const refused = await phone.send('+12065550199', 'hello').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ApiRequestError);
    expect(refused).toMatchObject({ status: 404, code: 'not_found' });
  });
});

describe('Simulation, in process', () => {
  it('runs the engine on a virtual clock without HTTP: commands as a user, events with epoch times', () => {
    const profile = loadProfile('seed');
    if (!profile.ok) throw new Error(profile.error);
    const read = readConfigFile(examples.acme, profile.profile);
    if (!read.ok) throw new Error(read.errors.join('\n'));
    const world = new Simulation({
      profile: profile.profile,
      seed: 1,
      latency: 'fast',
      start: Date.parse(DEFAULT_START),
    });
    expect(world.load(read.configs[0]!).ok).toBe(true);
    const olga: Actor = { account: 'acme', user: 'olga', role: 'owner', subgroups: [] };
    const sent = world.execute(
      {
        action: 'send',
        from: '+12065550100',
        to: '+12065557708',
        body: 'Acme Realty: hi. Reply STOP to opt out',
      },
      olga,
    );
    expect(sent.ok).toBe(true);
    world.advance(60_000);
    const delivered = world.eventsSince(0).find((e: SimEvent) => e.type === 'message.delivered');
    expect(delivered).toMatchObject({ account: 'acme', data: { to: '+12065557708' } });
    expect(typeof delivered?.at).toBe('number');
    expect(world.invariants()).toEqual([]);
  });
});
