import { afterEach, describe, expect, it } from 'vitest';
import { connectEvents, until, type EventClient, type Frame } from '../helpers/event-client.js';
import { startTestServer, type TestServer } from '../helpers/simulator.js';

// `?since=N` resumes exactly after event N, or says it cannot: when N is older than the window,
// past its end, or of a history a reset ended, the first frame is `stream.reset` and the stream
// goes on from the oldest event the window holds. A consumer connected across a reset is told.

const running: Array<{ stop(): Promise<void> }> = [];
const clients: EventClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) await c.close();
  for (const s of running.splice(0)) await s.stop();
});

async function server(retention?: number): Promise<TestServer> {
  const t = await startTestServer({ latency: 'fast', ...(retention ? { eventRetention: retention } : {}) });
  running.push(t);
  return t;
}

async function events(t: TestServer, query = ''): Promise<EventClient> {
  const c = await connectEvents(t.url, t.keyOf('olga'), query);
  clients.push(c);
  return c;
}

/** Sends `n` messages and moves the clock on until they are delivered: four events each. */
async function traffic(t: TestServer, n: number, from = 0): Promise<void> {
  for (let i = 0; i < n; i++)
    await t.as('olga').post('/v1/messages', {
      from: '+12065550100',
      to: `+1206555${String(7000 + from + i)}`,
      body: 'Acme Realty: open house Sat. Reply STOP to opt out',
    });
  await t.as('admin').post('/v1/sim/clock', { advance: '1h' });
}

const ids = (frames: Frame[]): number[] => frames.filter((f) => f.id !== undefined).map((f) => f.id!);
const range = (from: number, to: number): number[] =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('resuming with ?since=', () => {
  it('gives exactly the events after N, and names the history on the upgrade', async () => {
    const t = await server();
    await traffic(t, 5);
    const last = t.server.service.sim.lastEventId();
    const c = await events(t, `since=3&history=${t.server.service.history}`);
    expect(c.history).toBe(t.server.service.history);
    await until(() => c.last() === last, 'the replay');
    expect(c.frames.map((f) => f.type)).not.toContain('stream.reset');
    expect(ids(c.frames)).toEqual(range(4, last));
  });

  it('answers a since older than the window with stream.reset, then the window from its oldest event', async () => {
    const t = await server(50);
    await traffic(t, 30); // 120 events and more: the first ones have left a window of 50
    const sim = t.server.service.sim;
    const oldest = sim.oldestEventId();
    expect(oldest).toBeGreaterThan(2);
    const c = await events(t, 'since=1');
    await until(() => c.last() === sim.lastEventId(), 'the replay');
    expect(c.frames[0]).toEqual({ type: 'stream.reset', oldest, history: t.server.service.history });
    expect(ids(c.frames)).toEqual(range(oldest, sim.lastEventId()));
    // Right at the edge of the window is not a gap.
    const edge = await events(t, `since=${String(oldest - 1)}`);
    await until(() => edge.last() === sim.lastEventId(), 'the replay');
    expect(edge.frames[0]!.type).not.toBe('stream.reset');
  });

  it('tells a consumer whose history a reset ended, by its history id or by a since past the end', async () => {
    const t = await server();
    const before = await events(t, 'since=0');
    await traffic(t, 5);
    await until(() => before.last() === t.server.service.sim.lastEventId(), 'the events');
    const ended = before.history;
    const seen = before.last();

    await t.as('admin').post('/v1/sim/reset');
    // The consumer connected across the reset is told at once, with the new history's id.
    await until(() => before.frames.at(-1)?.type === 'stream.reset', 'the live stream.reset');
    const told = before.frames.at(-1)!;
    expect(told.history).toBe(t.server.service.history);
    expect(told.history).not.toBe(ended);
    await traffic(t, 1, 100);
    const sim = t.server.service.sim;
    // …and it follows the new history from there on.
    await until(() => before.last() === sim.lastEventId(), 'the new history');
    expect(ids(before.frames.slice(before.frames.indexOf(told)))).toEqual(
      range(told.oldest!, sim.lastEventId()),
    );

    // A since of the ended history that the new one has not reached yet (ids start over).
    const small = Math.min(seen, sim.lastEventId()) - 1;
    const byHistory = await events(t, `since=${String(small)}&history=${ended}`);
    await until(() => byHistory.last() === sim.lastEventId(), 'the replay');
    expect(byHistory.frames[0]).toMatchObject({ type: 'stream.reset', history: t.server.service.history });
    // A since past the end of this history belongs to one that ended.
    const past = await events(t, `since=${String(seen)}`);
    await until(() => past.frames.length > 0, 'the first frame');
    expect(past.frames[0]).toMatchObject({ type: 'stream.reset' });
  });

  it('goes on across a restore: ids never move back, and nothing is reset', async () => {
    const t = await server();
    const c = await events(t, 'since=0');
    const snap = await t.as('admin').post<{ id: string }>('/v1/sim/snapshot');
    await traffic(t, 3);
    await t.as('admin').post('/v1/sim/restore', { id: snap.body.id });
    await traffic(t, 3, 50);
    await until(() => c.last() === t.server.service.sim.lastEventId(), 'the events');
    expect(c.frames.map((f) => f.type)).not.toContain('stream.reset');
    expect(ids(c.frames)).toEqual(range(ids(c.frames)[0]!, t.server.service.sim.lastEventId()));
  });
});
