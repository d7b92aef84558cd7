import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadProfile } from '../../simulator/files/profile-file.js';
import { SimulatorService } from '../../simulator/service.js';
import { StateStore } from '../../simulator/store.js';
import { acmeConfig } from '../helpers/simulator.js';

// A snapshot the disk refuses is told, retried, and never takes the process down: the journal it
// would have replaced stays until one is written.

const profile = (() => {
  const p = loadProfile('seed');
  if (!p.ok) throw new Error(p.error);
  return p.profile;
})();

afterEach(() => {
  vi.useRealTimers();
});

describe('a snapshot that cannot be written', () => {
  it('is logged, keeps the journal, and is written by a later try once the disk takes it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tendlc-snapfail-'));
    const file = join(dir, 'state.json');
    const told: string[] = [];
    const service = new SimulatorService({ profile });
    const { store } = await StateStore.open(file, service, { log: (line) => told.push(line) });
    service.init({
      seed: 1,
      latency: 'fast',
      start: Date.parse('2026-11-02T16:00:00Z'),
      clock: { mode: 'manual', scale: 0 },
    });
    expect(service.loadAccount(acmeConfig()).ok).toBe(true);

    // lowdb writes `.state.json.tmp`, then renames it: a directory there fails the write.
    mkdirSync(join(dir, '.state.json.tmp'));
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    await store.save(service); // resolves: a failed snapshot is not the caller's error
    expect(told.join('\n')).toMatch(/the state file could not be written \(EISDIR\).*trying again in 1 s/u);
    expect(store.retrying).toBe(true);
    expect(existsSync(file)).toBe(false);
    expect(readdirSync(dir).filter((f) => f.includes('.wal-'))).toHaveLength(1);

    rmSync(join(dir, '.state.json.tmp'), { recursive: true });
    vi.advanceTimersByTime(1000);
    await store.save(service); // the retry, already under way
    expect(store.retrying).toBe(false);
    expect(existsSync(file)).toBe(true);
    expect(told.at(-1)).toMatch(/the state file is written again/u);
    // The journal it covers is gone: the snapshot holds it all.
    expect(readdirSync(dir).filter((f) => f.includes('.wal-'))).toEqual([]);
    await store.close(service);

    const again = new SimulatorService({ profile });
    await StateStore.open(file, again);
    expect(again.accounts()).toEqual(['acme']);
  });
});
