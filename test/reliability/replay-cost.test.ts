import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../helpers/build.js';
import { connectEvents, rawConsumer, until } from '../helpers/event-client.js';
import { reliabilitySize } from '../helpers/reliability-size.js';
import { startServe, stopWith, type ServeProcess } from '../helpers/serve-process.js';

// Many consumers replaying `?since=0` at once, most of which never read, against the real server
// process: it sends each in chunks that yield to the event loop and stops at its socket's
// high-water mark, so what it holds for them is bounded by their number, not by the window, and
// it keeps answering meanwhile. The server's CPU and memory and the /healthz times are printed
// (measurements, not assertions: no test asserts a time); RELIABILITY.md records them.

const ADMIN = 'replay-admin';
const EVENTS = reliabilitySize(100_000, 12_000);
const CONSUMERS = reliabilitySize(50, 10);
const HIGH_WATER = 256 * 1024;

let server: ServeProcess;
beforeAll(async () => {
  ensureBuilt();
  server = await startServe(join(mkdtempSync(join(tmpdir(), 'tendlc-replay-')), 'state.json'), ADMIN);
  // The window filled through the API: four events a message, once delivered.
  let next = 0;
  const send = async (): Promise<void> => {
    while ((await metric('tendlc_last_event_id')) < EVENTS)
      for (let k = 0; k < 200; k++) {
        const i = next++;
        const res = await fetch(`${server.url}/v1/messages`, {
          method: 'POST',
          headers: { authorization: `Bearer ${server.key}`, 'content-type': 'application/json' },
          body: JSON.stringify({
            from: '+12065550100',
            to: `+1206555${String(1000 + (i % 8000))}`,
            body: `Acme Realty: note ${String(i)}. Reply STOP to opt out`,
          }),
        });
        if (res.status !== 202) throw new Error(`a send was refused: ${await res.text()}`);
        if (k === 199) await admin('/v1/sim/clock', { advance: '1h' });
      }
  };
  await Promise.all(Array.from({ length: 8 }, send));
  await admin('/v1/sim/clock', { advance: '1h' });
}, 300_000);
afterAll(async () => {
  const code = await stopWith(server, 'SIGTERM');
  expect(server.stderr()).toBe('');
  expect(code).toBe(0);
});

async function admin(path: string, body: unknown): Promise<void> {
  await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

async function metric(name: string): Promise<number> {
  const res = await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${ADMIN}` } });
  return Number(new RegExp(`^${name} (\\d+)$`, 'mu').exec(await res.text())?.[1]);
}

/** The server process's CPU seconds and resident memory, where Linux's /proc says them. */
function usage(pid: number): { cpu: number; rss: number } | undefined {
  if (!existsSync(`/proc/${String(pid)}/stat`)) return undefined;
  const fields = readFileSync(`/proc/${String(pid)}/stat`, 'utf8')
    .split(') ')[1]!
    .split(' ');
  const rss = /VmRSS:\s+(\d+) kB/u.exec(readFileSync(`/proc/${String(pid)}/status`, 'utf8'))?.[1];
  // utime and stime, in clock ticks of 1/100 s on Linux.
  return { cpu: (Number(fields[11]) + Number(fields[12])) / 100, rss: Number(rss) * 1024 };
}

describe('replaying ?since=0 to many consumers', () => {
  it(
    `holds at most a high-water mark for each of ${String(CONSUMERS)} consumers that never read, and keeps answering`,
    async () => {
      const last = await metric('tendlc_last_event_id');
      const before = usage(server.child.pid!);
      const started = performance.now();
      const stalled = await Promise.all(
        Array.from({ length: CONSUMERS }, async () => {
          const c = await rawConsumer(server.url, server.key, 'since=0');
          c.socket.pause();
          return c;
        }),
      );
      // One consumer that reads: it gets the whole window, once, in order, meanwhile.
      const reader = await connectEvents(server.url, server.key, 'since=0');
      let backlog = 0;
      const health: number[] = [];
      await until(async () => {
        const sent = performance.now();
        expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
        health.push(performance.now() - sent);
        backlog = Math.max(backlog, await metric('tendlc_event_backlog_bytes'));
        return reader.last() === last;
      }, 'the reader to get the whole window');
      const wall = performance.now() - started;
      const after = usage(server.child.pid!);

      const ids = reader.frames.map((f) => f.id);
      expect(ids).toHaveLength(last);
      expect(ids.every((id, i) => id === i + 1)).toBe(true);
      // Bounded by the consumers' number: a high-water mark each, and one frame past it.
      expect(backlog).toBeLessThanOrEqual((CONSUMERS + 1) * (HIGH_WATER + 1024));
      expect(await metric('tendlc_event_consumers')).toBe(CONSUMERS + 1);
      console.log(
        `replay of ${String(last)} events to ${String(CONSUMERS)} consumers that never read and one that does: ` +
          `${(wall / 1000).toFixed(2)} s until the reader had all; ` +
          (before && after
            ? `server CPU ${(after.cpu - before.cpu).toFixed(2)} s, RSS ${String(Math.round(before.rss / 2 ** 20))} → ${String(Math.round(after.rss / 2 ** 20))} MiB; `
            : '') +
          `largest backlog ${String(Math.round(backlog / 1024))} KiB; /healthz answered ${String(health.length)} times, ` +
          `median ${median(health).toFixed(1)} ms, slowest ${Math.max(...health).toFixed(1)} ms`,
      );
      await reader.close();
      for (const c of stalled) c.socket.destroy();
    },
    reliabilitySize(300_000, 60_000),
  );
});

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}
