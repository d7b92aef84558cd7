import type { AccountConfig } from '../../engine/account-config.js';
import type { CarrierProfile, LatencyName } from '../../engine/carrier-profile.js';
import { Simulation, type SimulationOptions } from '../../simulator/simulation.js';
import type { Scenario } from './load-scenario.js';
import { StepRunner } from './steps.js';
import { HttpTarget, InProcessTarget, type ScenarioTarget } from './target.js';

/** A running `tendlc serve` to run scenarios against, through its control plane. */
export interface RemoteTarget {
  url: string;
  adminToken: string;
}

export interface ScenarioFailure {
  /** 1-based step, 0 for the scenario's setup. */
  step: number;
  line: number;
  column: number;
  message: string;
}

export interface ScenarioResult {
  file: string;
  index: number;
  name: string;
  seed: number;
  passed: boolean;
  ms: number;
  failures: ScenarioFailure[];
}

/**
 * Runs one scenario: in process on a fresh simulation (manual clock, weeks in milliseconds), or
 * against a running server that is reset to the scenario's seed, latency and start first.
 */
export async function runScenario(
  scenario: Scenario,
  remote?: RemoteTarget,
  options: { simulation?: SimulationFactory } = {},
): Promise<ScenarioResult> {
  const started = performance.now();
  const result = (failures: ScenarioFailure[]): ScenarioResult => ({
    file: scenario.file,
    index: scenario.index,
    name: scenario.name,
    seed: scenario.seed,
    passed: failures.length === 0,
    ms: Math.round(performance.now() - started),
    failures,
  });
  const setup = (message: string): ScenarioResult =>
    result([{ step: 0, line: scenario.places[0]?.line ?? 1, column: 1, message }]);
  let target: ScenarioTarget;
  try {
    const prepared = remote
      ? await startRemoteRun(remote, scenario)
      : startLocalRun(scenario, options.simulation ?? ((o) => new Simulation(o)));
    if (typeof prepared === 'string') return setup(prepared);
    target = prepared;
  } catch (error) {
    return setup(`the target cannot be reached: ${error instanceof Error ? error.message : String(error)}`);
  }
  const failures = await new StepRunner(target, scenario.start).run(scenario.steps);
  return result(
    failures.map((f) => {
      const place = scenario.places[f.step];
      return { step: f.step + 1, line: place?.line ?? 1, column: place?.column ?? 1, message: f.message };
    }),
  );
}

/** Makes the in-process simulation; tests pass one with a deliberately broken invariant. */
export type SimulationFactory = (options: SimulationOptions) => Simulation;

/** What one run starts from, in process or on a server: the scenario's, or a fuzz run's. */
export interface RunSetup {
  seed: number;
  latency: LatencyName;
  start: number;
  profile: CarrierProfile;
  account: AccountConfig;
}

/** A fresh simulation for one run, the account loaded. Answers the target, or why it cannot be. */
export function startLocalRun(run: RunSetup, make: SimulationFactory): ScenarioTarget | string {
  const sim = make({ profile: run.profile, seed: run.seed, latency: run.latency, start: run.start });
  const loaded = sim.load(run.account);
  if (!loaded.ok) return `the account cannot be loaded: ${loaded.refusal.message}`;
  return new InProcessTarget(sim, run.account.account.id);
}

/**
 * Sets a running server up for one run: reset to the run's seed, latency, start and carrier
 * profile (which travels with the run, so that the target applies the same rules), then load the
 * account. Answers the target, or why it cannot be used.
 */
export async function startRemoteRun(remote: RemoteTarget, run: RunSetup): Promise<ScenarioTarget | string> {
  const headers = { authorization: `Bearer ${remote.adminToken}`, 'content-type': 'application/json' };
  const reset = await fetch(`${remote.url}/v1/sim/reset`, {
    method: 'POST',
    headers,
    body: JSON.stringify({
      seed: run.seed,
      latency: run.latency,
      start: new Date(run.start).toISOString(),
      profile: run.profile,
    }),
  });
  if (!reset.ok) return `the target refused the reset (${String(reset.status)}): check --admin-token`;
  const loaded = await fetch(`${remote.url}/v1/sim/accounts`, {
    method: 'POST',
    headers,
    body: JSON.stringify(run.account),
  });
  if (!loaded.ok) {
    const body = (await loaded.json().catch(() => ({}))) as { error?: { message?: string } };
    return `the target cannot load the account: ${body.error?.message ?? String(loaded.status)} (run the target without --config)`;
  }
  return new HttpTarget(remote.url, remote.adminToken, run.account.account.id);
}
