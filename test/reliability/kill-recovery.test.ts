import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../helpers/build.js';
import { reliabilitySize } from '../helpers/reliability-size.js';
import {
  brandIds,
  registerBrand,
  startServe,
  stopWith,
  type ServeProcess,
} from '../helpers/serve-process.js';

// R3: kill -9 of the real server process during a write load, then a restart, many times. Every
// mutation answered 2xx must be there after the restart, and the state file must always load.

const ADMIN = 'r3-admin';
const KILLS = reliabilitySize(50, 4);

/** Sends brand registrations, 8 at a time, until `count` are acknowledged; returns their ids. */
async function load(server: ServeProcess, round: number, count: number): Promise<string[]> {
  const acked: string[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (acked.length < count) {
      const id = `r${String(round)}-b${String(next++)}`;
      try {
        const res = await registerBrand(server, id);
        if (res.status === 201) acked.push(id);
        else throw new Error(`unexpected ${String(res.status)}: ${JSON.stringify(res.body)}`);
      } catch (error) {
        if (acked.length >= count) return;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  return acked;
}

beforeAll(() => {
  ensureBuilt();
});

describe('R3: kill -9 recovery', () => {
  it(
    `keeps every acknowledged mutation across ${String(KILLS)} kills, with snapshots in between`,
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'tendlc-r3-'));
      const data = join(dir, 'state.json');
      const acknowledged: string[] = [];
      // Small snapshots, so that kills land before, during and after a snapshot write.
      const env = { TENDLC_SNAPSHOT_EVERY: '37' };
      for (let round = 0; round < KILLS; round++) {
        const server = await startServe(data, ADMIN, { env });
        // The previous rounds' acknowledged brands are all there.
        const ids = await brandIds(server);
        const missing = acknowledged.filter((id) => !ids.has(id));
        expect(missing).toEqual([]);
        // Kill while requests are in flight: keep sending after the target, then kill at once.
        const target = 20 + ((round * 37) % 60);
        const sending = load(server, round, target + 1000).catch(() => undefined);
        acknowledged.push(...(await load(server, round + 1000, target)));
        await stopWith(server, 'SIGKILL');
        await sending;
      }
      // The killed server's in-flight brands of the first load may or may not have landed; the
      // acknowledged ones of every round must all be there after a last restart.
      const last = await startServe(data, ADMIN, { env });
      const ids = await brandIds(last);
      expect(acknowledged.filter((id) => !ids.has(id))).toEqual([]);
      expect(JSON.parse(readFileSync(data, 'utf8'))).toMatchObject({ format: 1 });
      await stopWith(last, 'SIGTERM');
    },
    reliabilitySize(600_000, 120_000),
  );
});
