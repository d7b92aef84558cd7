import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../helpers/build.js';
import { ROOT } from '../helpers/cli.js';
import { reliabilitySize } from '../helpers/reliability-size.js';
import {
  brandIds,
  registerBrand,
  startServe,
  stopWith,
  type ServeProcess,
} from '../helpers/serve-process.js';

// A full disk: the server refuses what it cannot write (503 storage_unavailable, Retry-After),
// keeps answering reads, survives a snapshot it cannot write, and once space is back loses
// nothing it acknowledged, across a clean stop and a kill -9.
//
// Where the test may mount (root, and mounts allowed), the disk is a real 600 KiB tmpfs filled
// with a file; elsewhere (CI without mounts, or TENDLC_DISK_FULL=inject) the journal's writes
// fail at its file-system seam (test/helpers/full-disk-serve.mjs) and the snapshot's temporary
// file is a directory, so that lowdb's write fails too. The test says which one it used.

const ADMIN = 'disk-full-admin';
const REFUSALS = reliabilitySize(200, 10);
const AFTER = reliabilitySize(500, 20);

interface Disk {
  kind: string;
  dir: string;
  fill(): void;
  free(): void;
  start(data: string): Promise<ServeProcess>;
  cleanup(): void;
}

function tmpfsDisk(): Disk | undefined {
  if (process.env.TENDLC_DISK_FULL === 'inject') return undefined;
  const dir = mkdtempSync(join(tmpdir(), 'tendlc-tmpfs-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=600k', 'tmpfs', dir], { stdio: 'ignore' });
  } catch {
    rmSync(dir, { recursive: true, force: true });
    return undefined;
  }
  const filler = join(dir, 'filler');
  return {
    kind: 'a 600 KiB tmpfs, mounted by the test and filled with a file',
    dir,
    fill() {
      const { bavail, bsize } = statfsSync(dir);
      // Leave a few pages: some entries still fit, then one is cut short, then none.
      writeFileSync(filler, Buffer.alloc(Math.max(0, bavail * bsize - 3 * 4096)));
    },
    free() {
      rmSync(filler, { force: true });
    },
    start: (data) => startServe(data, ADMIN, { env: { TENDLC_SNAPSHOT_EVERY: '37' } }),
    cleanup() {
      // Lazily: a server a failed test left running may still hold a file there.
      execFileSync('umount', ['-l', dir], { stdio: 'ignore' });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function injectedDisk(): Disk {
  const dir = mkdtempSync(join(tmpdir(), 'tendlc-full-'));
  const flag = join(dir, 'disk-is-full');
  // lowdb writes `.state.json.tmp` and renames it: a directory in its place fails the write.
  const lowdbTemp = join(dir, '.state.json.tmp');
  return {
    kind: 'no mount here: ENOSPC injected at the journal’s file-system seam, and the snapshot’s temporary file blocked',
    dir,
    fill() {
      writeFileSync(flag, '');
      mkdirSync(lowdbTemp, { recursive: true });
    },
    free() {
      rmSync(flag, { force: true });
      rmSync(lowdbTemp, { recursive: true, force: true });
    },
    start: (data) =>
      startServe(data, ADMIN, {
        script: join(ROOT, 'test/helpers/full-disk-serve.mjs'),
        args: [flag, ADMIN],
      }),
    cleanup() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

let disk: Disk;
beforeAll(() => {
  ensureBuilt();
  disk = tmpfsDisk() ?? injectedDisk();
  console.log(`disk-full test: ${disk.kind}`);
});
afterAll(() => {
  disk.cleanup();
});

describe('a full disk', () => {
  it(
    'refuses with 503 what it cannot write, keeps reads, survives a failed snapshot, and loses nothing acknowledged',
    async () => {
      const data = join(disk.dir, 'state.json');
      const acknowledged: string[] = [];
      const refused: string[] = [];
      let server = await disk.start(data);
      for (let i = 0; i < 40; i++) {
        const id = `before-${String(i)}`;
        expect((await registerBrand(server, id)).status).toBe(201);
        acknowledged.push(id);
      }

      disk.fill();
      for (let i = 0; refused.length < REFUSALS; i++) {
        expect(i).toBeLessThan(REFUSALS + 2000); // the disk does fill
        const id = `full-${String(i)}`;
        const res = await registerBrand(server, id);
        if (res.status === 201) {
          acknowledged.push(id);
          continue;
        }
        expect(res.status).toBe(503);
        expect(res.body).toMatchObject({ error: { status: 503, code: 'storage_unavailable' } });
        expect(res.headers.get('retry-after')).toMatch(/^\d+$/u);
        refused.push(id);
        // Reads go on while writes are refused.
        const ids = await brandIds(server);
        expect(ids.has(id)).toBe(false);
        expect(acknowledged.every((a) => ids.has(a))).toBe(true);
      }
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);

      // A clean stop writes a snapshot, which the full disk refuses: the process says so and
      // exits as it should, without a stack trace; the journal still has everything.
      expect(await stopWith(server, 'SIGTERM')).toBe(0);
      expect(server.stderr()).toMatch(/the state file could not be written/u);
      expect(server.stderr()).not.toMatch(/\n\s+at /u);

      disk.free();
      server = await disk.start(data);
      let ids = await brandIds(server);
      expect(acknowledged.filter((id) => !ids.has(id))).toEqual([]);
      expect(refused.filter((id) => ids.has(id))).toEqual([]);
      for (let i = 0; i < AFTER; i++) {
        const id = `after-${String(i)}`;
        expect((await registerBrand(server, id)).status).toBe(201);
        acknowledged.push(id);
      }
      // A kill -9: recovery reads the journal that the refused writes went through.
      await stopWith(server, 'SIGKILL');
      server = await disk.start(data);
      ids = await brandIds(server);
      expect(acknowledged.filter((id) => !ids.has(id))).toEqual([]);
      expect(refused.filter((id) => ids.has(id))).toEqual([]);
      expect(server.stderr()).not.toMatch(/\n\s+at /u);
      expect(await stopWith(server, 'SIGTERM')).toBe(0);
      expect(JSON.parse(readFileSync(data, 'utf8'))).toMatchObject({ format: 1 });
      console.log(
        `disk-full test: ${String(acknowledged.length)} acknowledged (0 lost), ${String(refused.length)} refused with 503 (0 present)`,
      );
    },
    reliabilitySize(300_000, 60_000),
  );
});
