import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { catalog } from '../../engine/catalog.js';
import type { RuleExample } from '../../engine/rule.js';
import { Simulation } from '../../simulator/simulation.js';
import { startServer, type RunningServer } from '../../simulator/server.js';
import { StepRunner, type Step } from '../../validator/scenario/steps.js';
import { HttpTarget, InProcessTarget } from '../../validator/scenario/target.js';
import { seedProfile } from '../../simulator/files/profile-file.js';
import { scenarioConfig } from '../helpers/rule-examples.js';

// Every runtime rule's examples, run as scenarios: in process, and over HTTP against a real
// server, where each refusal must come back as api.md's error with the same rule id.

const START = Date.parse('2026-11-02T17:00:00Z');
const SEED = 7;

async function runInProcess(example: RuleExample, checkInvariants: boolean): Promise<string[]> {
  const sim = new Simulation({ profile: seedProfile(), seed: SEED, latency: 'realistic', start: START });
  const config = scenarioConfig(example);
  const loaded = sim.load(config);
  if (!loaded.ok) return [`account did not load: ${loaded.refusal.message}`];
  const steps = parse(example.steps ?? '[]') as Step[];
  const failures = (await new StepRunner(new InProcessTarget(sim, config.account.id)).run(steps)).map(
    (f) => `step ${String(f.step + 1)}: ${f.message}`,
  );
  // A failing example's config may itself break an invariant (six dedicated numbers); a passing one may not.
  return [...failures, ...(checkInvariants ? sim.invariants() : [])];
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

async function runOverHttp(example: RuleExample, checkInvariants: boolean): Promise<string[]> {
  const admin = { authorization: 'Bearer rules-admin', 'content-type': 'application/json' };
  await fetch(`${server.url}/v1/sim/reset`, { method: 'POST', headers: admin });
  const config = scenarioConfig(example);
  const loaded = await fetch(`${server.url}/v1/sim/accounts`, {
    method: 'POST',
    headers: admin,
    body: JSON.stringify(config),
  });
  if (loaded.status !== 201) return [`account did not load: ${await loaded.text()}`];
  const steps = parse(example.steps ?? '[]') as Step[];
  const target = new HttpTarget(server.url, 'rules-admin', config.account.id);
  const failures = (await new StepRunner(target).run(steps)).map(
    (f) => `step ${String(f.step + 1)}: ${f.message}`,
  );
  return [...failures, ...(checkInvariants ? server.service.sim.invariants() : [])];
}

const runtime = catalog.filter((rule) => rule.where !== 'L');

describe.each(runtime.map((r) => [r.id, r] as const))('%s at run time', (_id, rule) => {
  it(`failing example: ${rule.examples.failing.title}`, async () => {
    expect(await runInProcess(rule.examples.failing, false)).toEqual([]);
  });

  it(`passing example: ${rule.examples.passing.title}`, async () => {
    expect(await runInProcess(rule.examples.passing, true)).toEqual([]);
  });

  it('both examples over HTTP, the refusal carrying the rule id', async () => {
    expect(await runOverHttp(rule.examples.failing, false)).toEqual([]);
    expect(await runOverHttp(rule.examples.passing, true)).toEqual([]);
  });
});
