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
// and against a running server.

const suite: Scenario[] = [];
let server: RunningServer;

beforeAll(async () => {
  for (const file of expandInputs([join(ROOT, 'scenarios')], ROOT).files) {
    const loaded = loadScenarioFile(file);
    if (!loaded.ok)
      throw new Error(loaded.problems.map((p) => `${p.file}:${String(p.line)} ${p.message}`).join('\n'));
    suite.push(...loaded.scenarios);
  }
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
    const remote: ScenarioResult[] = [];
    for (const scenario of suite) {
      local.push(await runScenario(scenario));
      remote.push(await runScenario(scenario, { url: server.url, adminToken: 'suite-admin' }));
    }
    const failures = local.filter((r) => !r.passed).map((r) => `${r.name}: ${JSON.stringify(r.failures)}`);
    expect(failures).toEqual([]);
    const verdict = (r: ScenarioResult) => ({ name: r.name, passed: r.passed, failures: r.failures });
    expect(remote.map(verdict)).toEqual(local.map(verdict));
  }, 120_000);
});
