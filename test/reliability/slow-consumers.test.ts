import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawConsumer, until as eventually } from '../helpers/event-client.js';
import { startTestServer, type TestServer } from '../helpers/simulator.js';

// R6: a webhook receiver that fails half its requests still gets every event, signed.
// R7: a WebSocket consumer that never reads is disconnected, and the server keeps no buffer for it.

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({
    latency: 'fast',
    events: { highWater: 64 * 1024, maxLag: 2000, closeGraceMs: 0 },
  });
});
afterAll(async () => {
  await t.stop();
});

/** Turns of the event loop until the condition holds: bounded in count, never a sleep. */
async function until(condition: () => boolean, turns = 50_000): Promise<void> {
  for (let i = 0; i < turns; i++) {
    await t.server.webhooks.idle();
    await new Promise((done) => setImmediate(done));
    if (condition()) return;
  }
}

describe('R6: a flaky webhook receiver', () => {
  let receiver: Server;
  const received: Array<{ id: number; body: string; signature: string }> = [];
  let requests = 0;

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        requests += 1;
        // Every other request fails: half of all requests.
        if (requests % 2 === 0) {
          res.writeHead(503).end();
          return;
        }
        received.push({
          id: (JSON.parse(body) as { id: number }).id,
          body,
          signature: String(req.headers['x-tendlc-signature']),
        });
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((done) => receiver.listen(0, '127.0.0.1', done));
  });
  afterAll(async () => {
    await new Promise<void>((done) => receiver.close(() => done()));
  });

  it('gets every event at least once, every signature valid', async () => {
    const olga = t.as('olga');
    const admin = t.as('admin');
    const url = `http://127.0.0.1:${String((receiver.address() as AddressInfo).port)}/hook`;
    const sub = await olga.post('/v1/webhooks', { url, events: ['message.*'] });
    const secret = sub.body.secret as string;
    const ana = t.as('ana');
    for (let i = 0; i < 40; i++) {
      const res = await ana.post('/v1/messages', {
        from: '+12065550101',
        to: `+1206555${String(3000 + i)}`,
        body: 'Hi, this is Ana from Acme Realty about your showing.',
      });
      expect(res.status).toBe(202);
    }
    const expected = () =>
      t.server.service.sim
        .eventsSince(0)
        .filter((e) => e.type.startsWith('message.'))
        .map((e) => e.id);
    // Retries wait on the virtual clock: move it until nothing is pending.
    for (let round = 0; round < 30 && t.server.webhooks.nextDue() !== undefined; round++) {
      await admin.post('/v1/sim/clock', { advance: '10m' });
      await until(() => t.server.webhooks.settled());
    }
    const ids = new Set(received.map((r) => r.id));
    expect(expected().length).toBeGreaterThan(80);
    expect(expected().filter((id) => !ids.has(id))).toEqual([]);
    expect(requests).toBeGreaterThanOrEqual(2 * received.length - 1);
    for (const r of received) {
      const [, ts, mac] = /^t=(\d+),v1=([0-9a-f]{64})$/u.exec(r.signature) ?? [];
      expect(mac).toBe(
        createHmac('sha256', secret)
          .update(`${String(ts)}.${r.body}`)
          .digest('hex'),
      );
    }
    const log = await olga.get<{ data: Array<{ state: string; attempts: unknown[] }> }>(
      `/v1/webhooks/${String(sub.body.id)}/deliveries`,
    );
    expect(log.body.data.every((d) => d.state === 'delivered')).toBe(true);
    expect(log.body.data.some((d) => d.attempts.length > 1)).toBe(true);
  });

  it('an injected webhook-failure fault fails attempts without sending them, until it is cleared', async () => {
    const olga = t.as('olga');
    const admin = t.as('admin');
    const url = `http://127.0.0.1:${String((receiver.address() as AddressInfo).port)}/hook`;
    const sub = await olga.post('/v1/webhooks', { url, events: ['optout.*'] });
    const fault = await admin.post('/v1/sim/faults', { type: 'webhook-failure', account: 'acme' });
    expect(fault.status).toBe(201);
    const before = requests;
    await admin.post('/v1/sim/handsets/+12065559999/messages', { to: '+12065550101', body: 'STOP' });
    await until(() => t.server.webhooks.settled());
    const log = async () =>
      (
        await olga.get<{ data: Array<{ state: string; attempts: Array<{ error?: string }> }> }>(
          `/v1/webhooks/${String(sub.body.id)}/deliveries`,
        )
      ).body.data;
    expect((await log())[0]?.attempts[0]?.error).toMatch(/^injected fault/u);
    expect(requests).toBe(before);
    await admin.delete(`/v1/sim/faults/${String(fault.body.id)}`);
    for (let round = 0; round < 10 && (await log())[0]?.state === 'pending'; round++) {
      await admin.post('/v1/sim/clock', { advance: '10m' });
      await until(() => t.server.webhooks.settled());
    }
    expect((await log())[0]?.state).toBe('delivered');
  });
});

describe('R7: a WebSocket consumer that never reads', () => {
  it('is disconnected once its buffer passes the bound, and the server forgets it', async () => {
    // A server of its own, without R6's webhook: only the stream is under test.
    await t.stop();
    t = await startTestServer({
      latency: 'fast',
      events: { highWater: 64 * 1024, maxLag: 2000, closeGraceMs: 0 },
    });
    const { port } = new URL(t.url);
    const socket: Socket = connect(Number(port), '127.0.0.1');
    await new Promise((done) => socket.once('connect', done));
    socket.write(
      'GET /v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
        `Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\nAuthorization: Bearer ${t.keyOf('olga')}\r\n\r\n`,
    );
    const head = await new Promise<string>((done) => socket.once('data', (d: Buffer) => done(d.toString())));
    expect(head).toMatch(/^HTTP\/1\.1 101/u);
    socket.pause(); // from here on, this consumer reads nothing
    let closed = false;
    socket.on('close', () => (closed = true));
    expect(t.server.eventClients()).toBe(1);

    // Flood the stream from inside the server, far past what the socket buffers can take.
    const service = t.server.service;
    let backlog = 0;
    for (let i = 0; i < 20_000 && t.server.eventClients() > 0; i++) {
      backlog = Math.max(backlog, t.server.eventBacklog());
      service.execute(
        {
          action: 'send',
          from: '+12065550101',
          to: `+1206555${String(4000 + (i % 5000))}`,
          body: `note ${String(i)}`,
        },
        { account: 'acme', user: 'ana' },
      );
      if (i % 200 === 0) await new Promise((done) => setImmediate(done));
    }
    await until(() => t.server.eventClients() === 0 && closed, 10_000);
    expect(t.server.eventClients()).toBe(0);
    // What waited for it in the server never passed the bound (and one frame).
    expect(backlog).toBeLessThanOrEqual(64 * 1024 + 1024);
    socket.destroy();
    // The server still answers.
    expect((await fetch(`${t.url}/healthz`)).status).toBe(200);
  });
});

describe('a slow consumer', () => {
  it('gets close code 1013 behind a short backlog, not a cut connection (1006)', async () => {
    // The defaults, but for how many events a stalled consumer may miss before it is closed.
    await t.stop();
    t = await startTestServer({ latency: 'fast', events: { maxLag: 2000 } });
    const consumer = await rawConsumer(t.url, t.keyOf('olga'));
    consumer.socket.pause(); // it stops reading…
    const service = t.server.service;
    for (let i = 0; i < 50_000 && t.server.eventClients() > 0; i++) {
      service.execute(
        {
          action: 'send',
          from: '+12065550101',
          to: `+1206555${String(4000 + (i % 5000))}`,
          body: `n ${String(i)}`,
        },
        { account: 'acme', user: 'ana' },
      );
      if (i % 200 === 0) await new Promise((done) => setImmediate(done));
    }
    // …the server has given up on it…
    expect(t.server.eventClients()).toBe(0);
    // …and when it reads again, it finds what was sent, then the close frame with 1013.
    consumer.socket.resume();
    await eventually(() => consumer.frames.some((f) => f.opcode === 0x8), 'the close frame');
    const close = consumer.frames.find((f) => f.opcode === 0x8)!;
    expect(close.payload.readUInt16BE(0)).toBe(1013);
    expect(close.payload.subarray(2).toString()).toMatch(/too slow.*since/u);
    const ids = consumer.frames
      .filter((f) => f.opcode === 0x1)
      .map((f) => (JSON.parse(f.payload.toString()) as { id: number }).id);
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.every((id, i) => i === 0 || id === ids[i - 1]! + 1)).toBe(true);
    consumer.socket.destroy();
  });
});
