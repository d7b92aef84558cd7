import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalog } from '../../engine/catalog.js';
import type { RunningServer } from '../../simulator/server.js';
import { expandInputs } from '../../validator/inputs.js';
import { loadScenarioFile, type Scenario } from '../../validator/scenario/load-scenario.js';
import { ruleScenarioFiles } from '../../validator/scenario/rule-scenarios.js';
import { runScenario, type ScenarioResult } from '../../validator/scenario/run-scenario.js';
import { ROOT } from '../helpers/cli.js';
import { startBareServer } from '../helpers/simulator.js';

// The shipped suite: it names every runtime rule, passes, and gives the same results in process
// and against a running server; so do scenarios built to fail on every step and matcher.

function load(path: string): Scenario[] {
  const out: Scenario[] = [];
  for (const file of expandInputs([path], ROOT).files) {
    const loaded = loadScenarioFile(file);
    if (!loaded.ok)
      throw new Error(loaded.problems.map((p) => `${p.file}:${String(p.line)} ${p.message}`).join('\n'));
    out.push(...loaded.scenarios);
  }
  return out;
}

const suite: Scenario[] = [];
let server: RunningServer;
const remote = () => ({ url: server.url, adminToken: 'suite-admin' });
const verdict = (r: ScenarioResult) => ({ name: r.name, passed: r.passed, failures: r.failures });

beforeAll(async () => {
  suite.push(...load(join(ROOT, 'scenarios')));
  server = await startBareServer('suite-admin');
});
afterAll(async () => {
  await server.stop();
});

describe('scenarios/', () => {
  it('holds the rule scenarios as the catalog writes them (npm run scenarios:rules)', () => {
    const dir = join(ROOT, 'scenarios/rules');
    const expected = ruleScenarioFiles();
    expect(readdirSync(dir).sort()).toEqual([...expected.keys()].sort());
    for (const [name, text] of expected)
      expect(readFileSync(join(dir, name), 'utf8'), name).toBe(`${text}\n`);
  });

  it('names every rule that acts at run time in some scenario', () => {
    const named = new Set(suite.flatMap((s) => s.rules));
    const runtime = catalog.filter((r) => r.where !== 'L').map((r) => r.id);
    expect(runtime).toHaveLength(48);
    expect(runtime.filter((id) => !named.has(id))).toEqual([]);
  });

  it('passes in process, and gives the same results against a running server', async () => {
    const local: ScenarioResult[] = [];
    const remotely: ScenarioResult[] = [];
    for (const scenario of suite) {
      local.push(await runScenario(scenario));
      remotely.push(await runScenario(scenario, remote()));
    }
    const failures = local.filter((r) => !r.passed).map((r) => `${r.name}: ${JSON.stringify(r.failures)}`);
    expect(failures).toEqual([]);
    expect(remotely.map(verdict)).toEqual(local.map(verdict));
  }, 120_000);

  it('shows a new step, matcher or expectation of the language in a scenario of scenarios/language/', () => {
    const steps = suite.filter((s) => s.file.includes('/language/')).flatMap((s) => s.steps);
    const used = new Set(steps.flatMap((s) => Object.keys(s)));
    for (const key of [
      'get',
      'list',
      'available_numbers',
      'subscribe',
      'unsubscribe',
      'receiver',
      'snapshot',
      'restore',
      'reset',
      'reseed',
      'clock',
      'load_account',
      'soft',
    ])
      expect(used, key).toContain(key);
    const text = JSON.stringify(steps);
    for (const key of [
      '"not"',
      '"oneOf"',
      '"min"',
      '"max"',
      '"contains"',
      '"matches"',
      '"count"',
      '"within"',
      '"notBefore"',
      '"between"',
      '"before"',
      '"until"',
      '"to"',
      '"nth"',
      '"received"',
      '"deliveries"',
      '"signature"',
      '"containing"',
    ])
      expect(text, key).toContain(key);
  });
});

describe('steps built to fail', () => {
  const broken = () => load(join(ROOT, 'test/fixtures/scenarios/broken-steps.yaml'));

  it('fail at each soft step and nowhere else, and the same way in process and against a server', async () => {
    for (const scenario of broken()) {
      const local = await runScenario(scenario);
      const soft = scenario.steps.flatMap((s, i) => (s.soft === true ? [i + 1] : []));
      expect(
        local.failures.map((f) => f.step),
        scenario.name,
      ).toEqual(soft);
      expect(local.failures.every((f) => f.soft && f.file.endsWith('broken-steps.yaml'))).toBe(true);
      const remotely = await runScenario(scenario, remote());
      expect(verdict(remotely)).toEqual(verdict(local));
    }
  }, 60_000);
});
