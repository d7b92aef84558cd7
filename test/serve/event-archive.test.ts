import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { connectEvents, until } from '../helpers/event-client.js';
import { startTestServer } from '../helpers/simulator.js';

// The window of events on disk: a restart gives back the very events it held; a lost archive file
// shortens the window (and a consumer from before it is told), never leaves a gap in it.

async function traffic(
  t: Awaited<ReturnType<typeof startTestServer>>,
  n: number,
  from: number,
): Promise<void> {
  for (let i = 0; i < n; i++)
    await t.as('olga').post('/v1/messages', {
      from: '+12065550100',
      to: `+1206555${String(7000 + from + i)}`,
      body: 'Acme Realty: open house Sat. Reply STOP to opt out',
    });
  await t.as('admin').post('/v1/sim/clock', { advance: '1h' });
}

describe('the event archive', () => {
  it('gives the window back whole, and loses no more than a missing file held', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tendlc-archive-'));
    const data = join(dir, 'state.json');
    const first = await startTestServer({ latency: 'fast', data, snapshotEvery: 5 });
    for (let round = 0; round < 4; round++) await traffic(first, 6, round * 10);
    const window = first.server.service.sim.eventsSince(0);
    await first.stop();
    const files = readdirSync(dir)
      .filter((f) => f.includes('.events-'))
      .sort();
    expect(files.length).toBeGreaterThan(2);

    const again = await startTestServer({ latency: 'fast', data });
    expect(again.server.service.sim.eventsSince(0)).toEqual(window);
    await again.stop();

    // A file in the middle of the window goes missing: the window starts after it.
    rmSync(join(dir, files[1]!));
    const third = await startTestServer({ latency: 'fast', data });
    try {
      const held = third.server.service.sim.eventsSince(0);
      expect(held.length).toBeGreaterThan(0);
      expect(held).toEqual(window.slice(window.length - held.length));
      const c = await connectEvents(third.url, third.keyOf('olga'), 'since=0');
      await until(() => c.last() === window.at(-1)!.id, 'the replay');
      expect(c.frames[0]).toMatchObject({ type: 'stream.reset', oldest: held[0]!.id });
      await c.close();
    } finally {
      await third.stop();
    }
  });
});
