import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../helpers/build.js';
import { connectEvents, until, type EventClient, type Frame } from '../helpers/event-client.js';
import { reliabilitySize } from '../helpers/reliability-size.js';
import { registerBrand, startServe, stopWith, type ServeProcess } from '../helpers/serve-process.js';

// `?since=` across restarts of the real process: a clean SIGTERM (the snapshot covers everything),
// a kill -9 before any snapshot (everything comes back from the journal), and a kill -9 after
// snapshots (the window comes back from the archive, the rest from the journal). A consumer that
// left after event N and comes back after the restart gets exactly the events after N — the same
// events, id for id and field for field, that a consumer connected before the restart saw.

const ADMIN = 'resume-admin';
const CYCLES = reliabilitySize(10, 2);

const modes = [
  { name: 'a clean SIGTERM', signal: 'SIGTERM', snapshotEvery: '100000' },
  { name: 'a kill -9 before any snapshot', signal: 'SIGKILL', snapshotEvery: '100000' },
  { name: 'a kill -9 after snapshots', signal: 'SIGKILL', snapshotEvery: '7' },
] as const;

beforeAll(() => {
  ensureBuilt();
});

async function lastEventId(server: ServeProcess): Promise<number> {
  const res = await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${ADMIN}` } });
  return Number(/^tendlc_last_event_id (\d+)$/mu.exec(await res.text())?.[1]);
}

/** Brand registrations, then an hour of virtual time: each brand is created, then reviewed. */
async function traffic(server: ServeProcess, prefix: string, n: number): Promise<void> {
  for (let i = 0; i < n; i++)
    expect((await registerBrand(server, `${prefix}-${String(i)}`)).status).toBe(201);
  await fetch(`${server.url}/v1/sim/clock`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ advance: '1h' }),
  });
}

async function caughtUp(c: EventClient, server: ServeProcess): Promise<void> {
  const last = await lastEventId(server);
  await until(() => c.last() >= last, `events up to ${String(last)}`);
}

const eventsOf = (frames: Frame[]): Frame[] => frames.filter((f) => f.id !== undefined);

describe('resuming the event stream across restarts', () => {
  it.each(modes)(
    'after $name, a consumer resumes with exactly the events after the last one it saw',
    async ({ signal, snapshotEvery }) => {
      const data = join(mkdtempSync(join(tmpdir(), 'tendlc-resume-')), 'state.json');
      const env = { TENDLC_SNAPSHOT_EVERY: snapshotEvery };
      let server = await startServe(data, ADMIN, { env });
      for (let cycle = 0; cycle < CYCLES; cycle++) {
        // One consumer stays for the whole of this run of the server: the reference.
        const whole = await connectEvents(
          server.url,
          server.key,
          `since=${String(await lastEventId(server))}`,
        );
        await traffic(server, `c${String(cycle)}a`, 3);
        // Another leaves part way, remembering the last event it saw and the history.
        const leaver = await connectEvents(server.url, server.key, 'since=0');
        await caughtUp(leaver, server);
        const seen = leaver.last();
        await leaver.close();
        await traffic(server, `c${String(cycle)}b`, 10);
        await caughtUp(whole, server);
        await stopWith(server, signal);

        server = await startServe(data, ADMIN, { env });
        const back = await connectEvents(
          server.url,
          server.key,
          `since=${String(seen)}&history=${leaver.history}`,
        );
        expect(back.history).toBe(leaver.history);
        await caughtUp(back, server);
        expect(back.frames.map((f) => f.type)).not.toContain('stream.reset');
        const resumed = eventsOf(back.frames);
        // Every event after `seen`, once, in order…
        expect(resumed.map((e) => e.id)).toEqual(
          Array.from({ length: (await lastEventId(server)) - seen }, (_, i) => seen + 1 + i),
        );
        // …and the very events the reference saw live before the restart.
        const reference = eventsOf(whole.frames).filter((e) => e.id! > seen);
        expect(reference.length).toBeGreaterThan(10);
        expect(resumed.slice(0, reference.length)).toEqual(reference);
        await back.close();
        await whole.close().catch(() => undefined);
      }
      await stopWith(server, 'SIGTERM');
    },
    reliabilitySize(300_000, 60_000),
  );

  it('after a kill -9 on a running clock, the events the clock fired on its own keep their ids', async () => {
    const data = join(mkdtempSync(join(tmpdir(), 'tendlc-resume-')), 'state.json');
    const clock = 'scale:20'; // a brand's review (1–3 s of virtual time) in 50–150 ms
    let server = await startServe(data, ADMIN, { clock });
    const live = await connectEvents(server.url, server.key, 'since=0');
    expect((await registerBrand(server, 'first')).status).toBe(201);
    // The review is a timer: its event comes with no request, from the clock alone.
    await until(
      () => live.frames.some((f) => f.type === 'brand.verified' || f.type === 'brand.unverified'),
      'the review',
    );
    const reviewed = live.frames.find((f) => f.type === 'brand.verified' || f.type === 'brand.unverified')!;
    await stopWith(server, 'SIGKILL');

    server = await startServe(data, ADMIN, { clock });
    // The clock resumes where the world had got to, not where the journal began.
    const resumed = (await (
      await fetch(`${server.url}/v1/sim/clock`, { headers: { authorization: `Bearer ${ADMIN}` } })
    ).json()) as { now: string };
    expect(Date.parse(resumed.now)).toBeGreaterThanOrEqual(Date.parse(reviewed.at as string));
    expect((await registerBrand(server, 'second')).status).toBe(201);
    const back = await connectEvents(
      server.url,
      server.key,
      `since=${String(reviewed.id! - 1)}&history=${live.history}`,
    );
    await until(
      () =>
        back.frames.some(
          (f) => f.type === 'brand.created' && (f.data as { brand?: string }).brand === 'second',
        ),
      'the second brand',
    );
    // The review is the same event under the same id, and the new brand's event comes after it.
    expect(back.frames[0]).toEqual(reviewed);
    expect(eventsOf(back.frames).map((e) => e.id)).toEqual(
      eventsOf(back.frames).map((_, i) => reviewed.id! + i),
    );
    await back.close();
    await stopWith(server, 'SIGTERM');
  });
});
