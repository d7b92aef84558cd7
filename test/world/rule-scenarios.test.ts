import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { catalog } from '../../engine/catalog.js';
import type { RuleExample } from '../../engine/rule.js';
import { Simulation } from '../../simulator/simulation.js';
import { StepRunner, type Step } from '../../validator/scenario/steps.js';
import { seedProfile } from '../../validator/load-profile.js';
import { exampleConfig } from '../helpers/rule-examples.js';

/** Runs a rule example's steps on its config, in virtual time with realistic latency. */
function runExample(example: RuleExample, checkInvariants: boolean): string[] {
  const sim = new Simulation({
    profile: seedProfile(),
    seed: 7,
    latency: 'realistic',
    start: Date.parse('2026-11-02T17:00:00Z'),
  });
  const config = exampleConfig(example);
  const loaded = sim.load(config);
  if (!loaded.ok) return [`account did not load: ${loaded.refusal.message}`];
  const steps = parse(example.steps ?? '[]') as Step[];
  const failures = new StepRunner(sim, config.account.id)
    .run(steps)
    .map((f) => `step ${String(f.step + 1)}: ${f.message}`);
  // A failing example's config may itself break an invariant (six dedicated numbers); a passing one may not.
  return [...failures, ...(checkInvariants ? sim.invariants() : [])];
}

const runtime = catalog.filter((rule) => rule.where !== 'L');

describe.each(runtime.map((r) => [r.id, r] as const))('%s at run time', (_id, rule) => {
  it(`failing example: ${rule.examples.failing.title}`, () => {
    expect(runExample(rule.examples.failing, false)).toEqual([]);
  });

  it(`passing example: ${rule.examples.passing.title}`, () => {
    expect(runExample(rule.examples.passing, true)).toEqual([]);
  });
});
