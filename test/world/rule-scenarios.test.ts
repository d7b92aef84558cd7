import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { catalog } from '../../engine/catalog.js';
import type { RuleExample } from '../../engine/rule.js';
import { Simulation } from '../../simulator/simulation.js';
import { startServer, type RunningServer } from '../../simulator/server.js';
import { seedProfile } from '../../simulator/files/profile-file.js';
import { startLocalRun, startRemoteRun, type RunSetup } from '../../validator/scenario/run-scenario.js';
import { StepRunner, type Step } from '../../validator/scenario/steps.js';
import type { ScenarioTarget } from '../../validator/scenario/target.js';
import { scenarioConfig } from '../helpers/rule-examples.js';

// Every runtime rule's examples, run as scenarios: in process, and over HTTP against a real
// server, where each refusal must come back as the API's error with the same rule id.

const START = Date.parse('2026-11-02T17:00:00Z');
const SEED = 7;

function setupOf(example: RuleExample): RunSetup {
  return {
    seed: SEED,
    latency: 'realistic',
    start: START,
    profile: seedProfile(),
    accounts: [scenarioConfig(example)],
  };
}

async function stepsOn(target: ScenarioTarget | string, example: RuleExample, checkInvariants: boolean) {
  if (typeof target === 'string') return [`account did not load: ${target}`];
  const runner = new StepRunner(target);
  const failures = (await runner.run(parse(example.steps ?? '[]') as Step[])).map(
    (f) => `step ${String(f.step + 1)}: ${f.message}`,
  );
  await runner.close();
  // A failing example's config may itself break an invariant (six dedicated numbers); a passing one may not.
  return [...failures, ...(checkInvariants ? await target.invariants() : [])];
}

let server: RunningServer;
beforeAll(async () => {
  server = await startServer({
    profile: seedProfile(),
    port: 0,
    clock: { mode: 'manual', scale: 0 },
    latency: 'realistic',
    seed: SEED,
    start: START,
    adminToken: 'rules-admin',
  });
});
afterAll(async () => {
  await server.stop();
});

const local = (example: RuleExample, invariants: boolean) =>
  stepsOn(
    startLocalRun(setupOf(example), (o) => new Simulation(o)),
    example,
    invariants,
  );
const remote = async (example: RuleExample, invariants: boolean) =>
  stepsOn(
    await startRemoteRun({ url: server.url, adminToken: 'rules-admin' }, setupOf(example)),
    example,
    invariants,
  );

const runtime = catalog.filter((rule) => rule.where !== 'L');

describe.each(runtime.map((r) => [r.id, r] as const))('%s at run time', (_id, rule) => {
  it(`failing example: ${rule.examples.failing.title}`, async () => {
    expect(await local(rule.examples.failing, false)).toEqual([]);
  });

  it(`passing example: ${rule.examples.passing.title}`, async () => {
    expect(await local(rule.examples.passing, true)).toEqual([]);
  });

  it('both examples over HTTP, the refusal carrying the rule id', async () => {
    expect(await remote(rule.examples.failing, false)).toEqual([]);
    expect(await remote(rule.examples.passing, true)).toEqual([]);
  });
});
