import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../helpers/build.js';
import { ROOT } from '../helpers/cli.js';
import { reliabilitySize } from '../helpers/reliability-size.js';

// R3: kill -9 of the real server process during a write load, then a restart, many times. Every
// mutation answered 2xx must be there after the restart, and the state file must always load.

const ADMIN = 'r3-admin';
const KILLS = reliabilitySize(50, 4);

interface Server {
  child: ChildProcess;
  url: string;
  key: string;
}

function start(data: string, extraEnv: Record<string, string> = {}): Promise<Server> {
  const child = spawn(
    process.execPath,
    [
      join(ROOT, 'bin/tendlc.js'),
      'serve',
      '--config',
      join(ROOT, 'examples/acme.yaml'),
      '--data',
      data,
      '--port',
      '0',
      '--clock',
      'manual',
      '--latency',
      'fast',
      '--admin-token',
      ADMIN,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...extraEnv } },
  );
  return new Promise((done, fail) => {
    let out = '';
    let err = '';
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const url = /tendlc serve: (http:\/\/\S+)/u.exec(out)?.[1];
      const key = /olga\s+owner\s+(\S+)/u.exec(out)?.[1];
      if (url && key) done({ child, url, key });
    });
    child.once('exit', (code) => fail(new Error(`serve exited ${String(code)}: ${err}${out}`)));
  });
}

/** Sends brand registrations, 8 at a time, until `count` are acknowledged; returns their ids. */
async function load(server: Server, round: number, count: number): Promise<string[]> {
  const acked: string[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (acked.length < count) {
      const id = `r${String(round)}-b${String(next++)}`;
      try {
        const res = await fetch(`${server.url}/v1/brands`, {
          method: 'POST',
          headers: { authorization: `Bearer ${server.key}`, 'content-type': 'application/json' },
          body: JSON.stringify({
            id,
            name: `Brand ${id}`,
            entityType: 'SOLE_PROPRIETOR',
            country: 'US',
            email: 'owner@brand.example',
            vertical: 'RETAIL',
          }),
        });
        if (res.status === 201) acked.push(id);
        else throw new Error(`unexpected ${String(res.status)}: ${await res.text()}`);
      } catch (error) {
        if (acked.length >= count) return;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  return acked;
}

/** Every brand id the server holds, page by page. */
async function brandIds(server: Server): Promise<Set<string>> {
  const ids = new Set<string>();
  let cursor: string | null = '0';
  while (cursor !== null) {
    const res = await fetch(`${server.url}/v1/brands?limit=1000&cursor=${cursor}`, {
      headers: { authorization: `Bearer ${server.key}` },
    });
    const page = (await res.json()) as { data: Array<{ id: string }>; next: string | null };
    for (const b of page.data) ids.add(b.id);
    cursor = page.next;
  }
  return ids;
}

function kill9(server: Server): Promise<void> {
  return new Promise((done) => {
    server.child.once('exit', () => done());
    server.child.kill('SIGKILL');
  });
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
        const server = await start(data, env);
        // The previous rounds' acknowledged brands are all there.
        const ids = await brandIds(server);
        const missing = acknowledged.filter((id) => !ids.has(id));
        expect(missing).toEqual([]);
        // Kill while requests are in flight: keep sending after the target, then kill at once.
        const target = 20 + ((round * 37) % 60);
        const sending = load(server, round, target + 1000).catch(() => undefined);
        acknowledged.push(...(await load(server, round + 1000, target)));
        await kill9(server);
        await sending;
      }
      // The killed server's in-flight brands of the first load may or may not have landed; the
      // acknowledged ones of every round must all be there after a last restart.
      const last = await start(data, env);
      const ids = await brandIds(last);
      expect(acknowledged.filter((id) => !ids.has(id))).toEqual([]);
      expect(JSON.parse(readFileSync(data, 'utf8'))).toMatchObject({ format: 1 });
      last.child.kill('SIGTERM');
      await new Promise((done) => last.child.once('exit', done));
    },
    reliabilitySize(600_000, 120_000),
  );
});
