import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../simulator/server.js';
import { Simulation } from '../../simulator/simulation.js';
import { fuzz } from '../../validator/fuzz/fuzz.js';
import { loadScenarioFile } from '../../validator/scenario/load-scenario.js';
import { runScenario } from '../../validator/scenario/run-scenario.js';
import { seedProfile } from '../../simulator/files/profile-file.js';
import { ensureBuilt } from '../helpers/build.js';
import { ROOT } from '../helpers/cli.js';
import { runCliAsync } from '../helpers/cli-async.js';
import { acmeConfig, startBareServer } from '../helpers/simulator.js';

// The fuzzer itself: clean and repeatable on the real engine; on an engine with a deliberately
// broken invariant it shrinks the failure to a few steps and writes a scenario that replays it.

/** The real engine, counting what it does, so that a test sees the runs are not empty. */
class Counting extends Simulation {
  static commands = 0;
  override execute(...args: Parameters<Simulation['execute']>): ReturnType<Simulation['execute']> {
    Counting.commands += 1;
    return super.execute(...args);
  }
}

/** A deliberately broken invariant: "no two messages are ever delivered" (false of any real account). */
class BrokenInvariant extends Simulation {
  override invariants(): string[] {
    const delivered = Object.values(this.inspect().accounts)
      .flatMap((a) => [...a.messages.values()])
      .filter((m) => m.direction === 'outbound' && m.status === 'delivered').length;
    return [...super.invariants(), ...(delivered >= 2 ? [`${String(delivered)} messages delivered`] : [])];
  }
}

const account = acmeConfig();
const out = () => mkdtempSync(join(tmpdir(), 'tendlc-fuzz-'));

describe('tendlc fuzz', () => {
  it('finds nothing broken on the real engine, and the same seed gives the same runs', async () => {
    const counts: number[] = [];
    for (let i = 0; i < 2; i++) {
      Counting.commands = 0;
      const report = await fuzz({
        runs: 40,
        steps: 40,
        seed: 11,
        account,
        out: out(),
        simulation: (o) => new Counting(o),
      });
      expect(report.failure).toBeUndefined();
      expect(report.runs).toBe(40);
      counts.push(Counting.commands);
    }
    expect(counts[0]).toBeGreaterThan(200);
    expect(counts[1]).toBe(counts[0]);
  });

  it('shrinks a broken invariant to a minimal sequence, written as a scenario that replays it', async () => {
    const dir = out();
    const report = await fuzz({
      runs: 100,
      steps: 50,
      seed: 5,
      account,
      accountRef: join(ROOT, 'examples/acme.yaml'),
      // A profile file: the scenario written under `out` names it relative to itself.
      profile: join(ROOT, 'examples/profiles/quiet-hours.yaml'),
      profileRef: relative(dir, join(ROOT, 'examples/profiles/quiet-hours.yaml')),
      out: dir,
      simulation: (o) => new BrokenInvariant(o),
    });
    const failure = report.failure!;
    expect(failure.violation).toMatch(/invariant broken: 2 messages delivered/u);
    // Two outbound messages (sends, or the answers to two contacts' STOP) and perhaps the time for
    // them to be delivered: nothing more survives the shrinking.
    expect(failure.steps.length).toBeLessThanOrEqual(4);
    expect(failure.steps.filter((s) => 'send' in s || 'reply' in s).length).toBeGreaterThanOrEqual(2);
    expect(failure.steps.every((s) => 'send' in s || 'reply' in s || 'advance' in s)).toBe(true);
    expect(readFileSync(failure.file, 'utf8')).toContain('expect:\n      invariants: hold');
    expect(readFileSync(failure.file, 'utf8')).toContain(
      `profile: ${relative(dir, join(ROOT, 'examples/profiles/quiet-hours.yaml'))}`,
    );

    const loaded = loadScenarioFile(failure.file);
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
    const [scenario] = loaded.scenarios;
    const replayed = await runScenario(scenario!, undefined, { simulation: (o) => new BrokenInvariant(o) });
    expect(replayed.passed).toBe(false);
    expect(replayed.failures[0]?.message).toMatch(/invariants do not hold: 2 messages delivered/u);
    // Once the bug is fixed (the real engine), the regression scenario passes and stays as a test.
    expect((await runScenario(scenario!)).passed).toBe(true);
  });
});

describe('the throughput checks', () => {
  it('catch an engine that sends faster than the tier allows or past the daily cap', async () => {
    // The engine under test runs a profile with a hundred times the rate and cap the check expects.
    const loose = structuredClone(seedProfile());
    loose.trust.tiers = loose.trust.tiers.map((t) => ({
      ...t,
      mps: t.mps * 100,
      dailyCap: t.dailyCap * 100,
    }));
    const report = await fuzz({
      runs: 100,
      steps: 50,
      seed: 2,
      account,
      out: out(),
      simulation: (o) => new Simulation({ ...o, profile: loose }),
    });
    expect(report.failure?.violation).toMatch(/faster than 1 a second|over the daily cap/u);
    expect(report.failure!.steps.length).toBeLessThanOrEqual(4);
  });
});

describe('tendlc fuzz, the command', () => {
  let server: RunningServer;
  beforeAll(async () => {
    ensureBuilt();
    server = await startBareServer('fuzz-admin');
  });
  afterAll(async () => {
    await server.stop();
  });

  it('prints its seed, finds nothing on the real engine and exits 0; the same seed prints the same', async () => {
    const dir = out();
    const args = ['fuzz', '--runs', '30', '--steps', '30', '--seed', '9', '--out', dir];
    const first = await runCliAsync(args);
    expect(first.stdout).toMatch(
      /^tendlc fuzz: 30 runs of up to 30 steps, seed 9\n30 runs, no invariant broken/u,
    );
    expect(first.status).toBe(0);
    const again = await runCliAsync(args);
    expect(again.stdout.split('\n')[1]?.replace(/\(\d+ ms\)/u, '')).toBe(
      first.stdout.split('\n')[1]?.replace(/\(\d+ ms\)/u, ''),
    );
    expect((await runCliAsync(['fuzz', '--runs', 'many'])).status).toBe(2);
  });

  it('fuzzes under another carrier profile, by name or file; an unknown one is a usage error', async () => {
    for (const profile of ['carriers-2025', join(ROOT, 'examples/profiles/quiet-hours.yaml')]) {
      const r = await runCliAsync([
        'fuzz',
        '--runs',
        '20',
        '--seed',
        '4',
        '--profile',
        profile,
        '--out',
        out(),
      ]);
      expect(r.stdout, profile).toContain('20 runs, no invariant broken');
      expect(r.status).toBe(0);
    }
    const unknown = await runCliAsync(['fuzz', '--runs', '5', '--profile', 'nope']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain("carrier profile 'nope' is neither a shipped profile");
  });

  it('fuzzes a running server with --target', async () => {
    const r = await runCliAsync([
      'fuzz',
      '--runs',
      '5',
      '--steps',
      '20',
      '--seed',
      '4',
      '--out',
      out(),
      '--target',
      server.url,
      '--admin-token',
      'fuzz-admin',
    ]);
    expect(r.stdout).toContain('5 runs, no invariant broken');
    expect(r.status).toBe(0);
    expect(server.metrics.count('5xx')).toBe(0);
  });
});
