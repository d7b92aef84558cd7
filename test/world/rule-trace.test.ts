import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { catalog } from '../../engine/catalog.js';
import type { RuleExample } from '../../engine/rule.js';
import { seedProfile } from '../../simulator/files/profile-file.js';
import { Simulation } from '../../simulator/simulation.js';
import { startLocalRun } from '../../validator/scenario/run-scenario.js';
import { StepRunner, type Step } from '../../validator/scenario/steps.js';
import { scenarioConfig } from '../helpers/rule-examples.js';

// The engine's rule trace: each runtime rule's own examples go through that rule's check, so that
// a scenario run can say which rules it reached. A rule whose guard forgot to say so fails here.

async function traced(example: RuleExample): Promise<Set<string>> {
  const seen = new Set<string>();
  const setup = {
    seed: 7,
    latency: 'realistic' as const,
    start: Date.parse('2026-11-02T17:00:00Z'),
    profile: seedProfile(),
    accounts: [scenarioConfig(example)],
  };
  const target = startLocalRun(
    setup,
    (o) => new Simulation(o),
    (rule) => seen.add(rule),
  );
  if (typeof target === 'string') throw new Error(target);
  await new StepRunner(target).run(parse(example.steps ?? '[]') as Step[]);
  return seen;
}

describe('the rule trace', () => {
  it.each(catalog.filter((r) => r.where !== 'L').map((r) => [r.id, r] as const))(
    '%s: both examples go through its check',
    async (id, rule) => {
      expect([...(await traced(rule.examples.failing))]).toContain(id);
      expect([...(await traced(rule.examples.passing))]).toContain(id);
    },
  );

  it('is silent without a tracer, and a run with one gives the same state', () => {
    const run = (trace: boolean) => {
      const sim = new Simulation({ profile: seedProfile(), seed: 3 });
      if (trace) sim.tracer = () => undefined;
      const config = scenarioConfig(catalog.find((r) => r.id === 'opt-out-honored')!.examples.passing);
      sim.load(config);
      sim.execute({ action: 'reply', from: '+12065550123', to: '+12065550100', body: 'STOP' });
      sim.advance(60_000);
      return sim.snapshot();
    };
    expect(run(true)).toEqual(run(false));
  });
});
