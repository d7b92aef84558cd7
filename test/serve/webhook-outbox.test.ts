import * as fs from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { JournalFs } from '../../simulator/journal.js';
import { until } from '../helpers/event-client.js';
import { startTestServer, type TestServer } from '../helpers/simulator.js';

// The outbox in process: an attempt whose answer the disk refuses to record is still owed, and is
// made again once the disk takes it; a reset ends the history's deliveries and starts ids over.

let receiver: Server;
let hits: string[] = [];
/** Called as the receiver takes a request, before it answers. */
let onHit = (): void => undefined;
let t: TestServer | undefined;
beforeEach(async () => {
  hits = [];
  receiver = createServer((req, res) => {
    hits.push(String(req.headers['x-tendlc-delivery']));
    onHit();
    req.resume();
    req.on('end', () => res.writeHead(200).end());
  });
  await new Promise<void>((done) => receiver.listen(0, '127.0.0.1', done));
});
afterEach(async () => {
  vi.useRealTimers();
  onHit = () => undefined;
  await t?.stop();
  t = undefined;
  await new Promise<void>((done) => receiver.close(() => done()));
});

const hook = () => `http://127.0.0.1:${String((receiver.address() as AddressInfo).port)}/hook`;

describe('the webhook outbox', () => {
  it('keeps a delivery owed when the disk refuses to record its attempt, and makes it again', async () => {
    let full = false;
    const disk: JournalFs = {
      openSync: (p, f) => fs.openSync(p, f),
      fstatSync: (fd) => fs.fstatSync(fd),
      closeSync: (fd) => fs.closeSync(fd),
      ftruncateSync: (fd, n) => fs.ftruncateSync(fd, n),
      writeSync(fd, buffer, offset, length) {
        if (full) throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
        return fs.writeSync(fd, buffer, offset, length);
      },
    };
    t = await startTestServer({
      latency: 'fast',
      data: join(mkdtempSync(join(tmpdir(), 'tendlc-outbox-')), 'state.json'),
      journalFs: disk,
    });
    const server = t.server;
    const olga = t.as('olga');
    const sub = await olga.post<{ id: string }>('/v1/webhooks', { url: hook(), events: ['optout.*'] });
    vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout'] });
    // The receiver takes it, but by the time it answers the disk is full: the answer cannot be
    // written, so the delivery stays owed.
    onHit = () => {
      full = true;
    };
    await t.as('admin').post('/v1/sim/handsets/+12065559999/messages', { to: '+12065550101', body: 'STOP' });
    await until(() => hits.length === 1, 'the first attempt');
    await server.webhooks.idle();
    const owed = () => server.webhooks.deliveriesOf(sub.body.id)[0]!;
    expect(owed()).toMatchObject({ state: 'pending', attempts: [] });
    onHit = () => undefined;
    full = false;
    vi.advanceTimersByTime(5000);
    await until(() => owed().state === 'delivered', 'the attempt made again');
    expect(hits).toEqual(['dlv-1', 'dlv-1']);
    expect(owed().attempts).toHaveLength(1);
  });

  it('is emptied by a reset, whose new history numbers deliveries from dlv-1 again', async () => {
    t = await startTestServer({ latency: 'fast' });
    const admin = t.as('admin');
    const first = await t
      .as('olga')
      .post<{ id: string }>('/v1/webhooks', { url: hook(), events: ['optout.*'] });
    await admin.post('/v1/sim/handsets/+12065559999/messages', { to: '+12065550101', body: 'STOP' });
    await until(() => t!.server.webhooks.deliveriesOf(first.body.id)[0]?.state === 'delivered', 'a delivery');
    await admin.post('/v1/sim/reset');
    expect(t.server.webhooks.deliveriesOf(first.body.id)).toEqual([]);
    const again = await t
      .as('olga')
      .post<{ id: string }>('/v1/webhooks', { url: hook(), events: ['optout.*'] });
    expect(again.body.id).toBe(first.body.id);
    await admin.post('/v1/sim/handsets/+12065559999/messages', { to: '+12065550101', body: 'STOP' });
    await until(() => t!.server.webhooks.deliveriesOf(again.body.id)[0]?.state === 'delivered', 'a delivery');
    expect(t.server.webhooks.deliveriesOf(again.body.id).map((d) => d.id)).toEqual(['dlv-1']);
  });
});
