import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startSimulator, type Delivery, type Page, type Simulator } from '../../index.js';
import { Event as validateEvent } from '../../engine/schemas/compiled/openapi.js';
import { signature } from '../../simulator/webhooks.js';
import { ROOT } from '../helpers/cli.js';

// docs/webhooks.md's receiver, as a reader pastes it, against real deliveries: it takes them
// (their `t` is the wall clock, though the simulation's clock is weeks away from it), and refuses
// a replayed or forged one.

let sim: Simulator;
let receiver: ChildProcess | undefined;
let output = '';
let port = 0;
let secret = '';

beforeAll(async () => {
  sim = await startSimulator({ config: 'acme', seed: 5, latency: 'fast', start: '2026-01-05T20:00:00Z' });
  // A free port for the receiver, which the subscription must name before the receiver starts.
  port = await new Promise<number>((done) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const free = (probe.address() as AddressInfo).port;
      probe.close(() => done(free));
    });
  });
  const res = await fetch(`${sim.url}/v1/webhooks`, {
    method: 'POST',
    headers: { authorization: `Bearer ${sim.key('olga')}`, 'content-type': 'application/json' },
    body: JSON.stringify({ url: `http://127.0.0.1:${String(port)}/hooks`, events: ['message.*'] }),
  });
  secret = ((await res.json()) as { secret: string }).secret;

  const block = /^```js\n([\s\S]*?)^```$/mu.exec(readFileSync(join(ROOT, 'docs/webhooks.md'), 'utf8'))?.[1];
  if (!block) throw new Error('docs/webhooks.md has no js block');
  const file = join(mkdtempSync(join(tmpdir(), 'tendlc-receiver-')), 'receiver.mjs');
  writeFileSync(file, block);
  const child = spawn(process.execPath, [file], {
    env: { ...process.env, TENDLC_WEBHOOK_SECRET: secret, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  receiver = child;
  await new Promise<void>((done, fail) => {
    child.stdout!.on('data', (d: Buffer) => {
      output += d.toString();
      if (output.includes('listening on')) done();
    });
    child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    child.once('exit', (code) => fail(new Error(`the receiver exited ${String(code)}: ${output}`)));
  });
});
afterAll(async () => {
  receiver?.kill();
  await sim.stop();
});

it('takes signed deliveries made in virtual time, once each, by the wall clock of their signature', async () => {
  await fetch(`${sim.url}/v1/messages`, {
    method: 'POST',
    headers: { authorization: `Bearer ${sim.key('olga')}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      from: '+12065550100',
      to: '+12065557801',
      body: 'Acme Realty: hi. Reply STOP to opt out',
    }),
  });
  sim.clock.advance('1m');
  await sim.settle();
  const hooks = (await (
    await fetch(`${sim.url}/v1/webhooks`, { headers: { authorization: `Bearer ${sim.key('olga')}` } })
  ).json()) as Page<{ id: string }>;
  const deliveries = (await (
    await fetch(`${sim.url}/v1/webhooks/${hooks.data[0]!.id}/deliveries`, {
      headers: { authorization: `Bearer ${sim.key('olga')}` },
    })
  ).json()) as Page<Delivery>;
  expect(deliveries.data.map((d) => [d.eventType, d.state, d.attempts[0]?.status])).toEqual([
    ['message.queued', 'delivered', 204],
    ['message.sending', 'delivered', 204],
    ['message.sent', 'delivered', 204],
    ['message.delivered', 'delivered', 204],
  ]);
  expect(output).toMatch(/event \d+ message\.delivered at 2026-01-05T20:0\d:\d\d\.\d{3}Z \(virtual time\)/u);
});

it('refuses a replayed delivery, a forged one, and one without a signature', async () => {
  const body = JSON.stringify({
    id: 999,
    type: 'message.sent',
    at: '2026-01-05T12:00:00.000Z',
    account: 'acme',
    data: {},
  });
  const post = async (header: string | undefined): Promise<number> => {
    const res = await fetch(`http://127.0.0.1:${String(port)}/hooks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(header ? { 'x-tendlc-signature': header } : {}) },
      body,
    });
    return res.status;
  };
  const now = Math.floor(Date.now() / 1000);
  expect(await post(signature(secret, body, now - 600))).toBe(400);
  expect(await post(signature('whsec_not-the-secret', body, now))).toBe(400);
  expect(await post(undefined)).toBe(400);
  expect(output).toContain('refused: signed too long ago: a replay?');
  expect(output).toContain('refused: bad signature');
  expect(output).toContain('refused: no signature');
  expect(await post(signature(secret, body, now))).toBe(204);
});

it('shows a delivery body the document describes as an event', () => {
  const page = readFileSync(join(ROOT, 'docs/webhooks.md'), 'utf8');
  const sample: unknown = JSON.parse(/^```json\n([\s\S]*?)^```$/mu.exec(page)?.[1] ?? 'null');
  expect(validateEvent(sample), JSON.stringify(validateEvent.errors)).toBe(true);
});
