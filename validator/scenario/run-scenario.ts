import type { AccountConfig } from '../../engine/account-config.js';
import type { CarrierProfile, LatencyName } from '../../engine/carrier-profile.js';
import type { RuleTrace } from '../../engine/world/index.js';
import { SimulatorService } from '../../simulator/service.js';
import { Simulation, type SimEvent, type SimulationOptions } from '../../simulator/simulation.js';
import { HttpTarget } from './http-target.js';
import { InProcessTarget } from './in-process-target.js';
import type { Scenario } from './load-scenario.js';
import { StepRunner } from './steps.js';
import type { ScenarioTarget } from './target.js';

/** A running `tendlc serve` to run scenarios against, through its control plane. */
export interface RemoteTarget {
  url: string;
  adminToken: string;
}

export interface ScenarioFailure {
  /** 1-based step, 0 for the scenario's setup. */
  step: number;
  /** The file the step is written in: the scenario's, or a steps file it includes. */
  file: string;
  line: number;
  column: number;
  message: string;
  /** A soft step's failure: the scenario ran on after it. */
  soft: boolean;
}

/** The rules a run reached: those whose checks it went through, and those that refused it. */
export interface RulesReached {
  checked: string[];
  refused: string[];
}

export interface ScenarioResult {
  file: string;
  index: number;
  /** The row of its parameter table, when it has one. */
  row?: number;
  name: string;
  seed: number;
  passed: boolean;
  ms: number;
  failures: ScenarioFailure[];
  /** With `coverage`, in process. */
  rules?: RulesReached;
}

export interface RunOptions {
  /** The in-process simulation; tests pass one with a deliberately broken invariant. */
  simulation?: SimulationFactory;
  /** Every step soft (`--continue`). */
  continueOnFailure?: boolean;
  /** Record the rules the run reached (in process only: the engine's trace is not on the wire). */
  coverage?: boolean;
}

/**
 * Runs one scenario: in process on a fresh simulation (manual clock, weeks in milliseconds), or
 * against a running server that is reset to the scenario's seed, latency and start first.
 */
export async function runScenario(
  scenario: Scenario,
  remote?: RemoteTarget,
  options: RunOptions = {},
): Promise<ScenarioResult> {
  const started = performance.now();
  const checked = new Set<string>();
  const refused = new Set<string>();
  const track = options.coverage === true && !remote;
  const result = (failures: ScenarioFailure[]): ScenarioResult => ({
    file: scenario.file,
    index: scenario.index,
    ...(scenario.row === undefined ? {} : { row: scenario.row }),
    name: scenario.name,
    seed: scenario.seed,
    passed: failures.length === 0,
    ms: Math.round(performance.now() - started),
    failures,
    ...(track ? { rules: { checked: [...checked].sort(), refused: [...refused].sort() } } : {}),
  });
  const setup = (message: string): ScenarioResult =>
    result([{ step: 0, file: scenario.file, line: scenario.line, column: 1, message, soft: false }]);
  let target: ScenarioTarget;
  try {
    const prepared = remote
      ? await startRemoteRun(remote, scenario)
      : startLocalRun(
          scenario,
          options.simulation ?? ((o) => new Simulation(o)),
          track ? (rule) => checked.add(rule) : undefined,
        );
    if (typeof prepared === 'string') return setup(prepared);
    target = prepared;
  } catch (error) {
    return setup(`the target cannot be reached: ${error instanceof Error ? error.message : String(error)}`);
  }
  const runner = new StepRunner(target, {
    startedAt: scenario.start,
    reset: scenario,
    ...(options.continueOnFailure ? { continueOnFailure: true } : {}),
    ...(track ? { onRefusal: (rule: string) => refused.add(rule) } : {}),
  });
  try {
    const failures = await runner.run(scenario.steps);
    if (track) for (const rule of refusedByEvents(await target.events())) refused.add(rule);
    return result(
      failures.map((f) => {
        const place = scenario.places[f.step];
        return {
          step: f.step + 1,
          file: place?.file ?? scenario.file,
          line: place?.line ?? 1,
          column: place?.column ?? 1,
          message: f.message,
          soft: f.soft,
        };
      }),
    );
  } finally {
    await runner.close();
  }
}

/** Rules that refused something after the step that caused it: a message failed, a campaign rejected. */
function refusedByEvents(events: readonly SimEvent[]): string[] {
  const out: string[] = [];
  for (const e of events) {
    if (e.type === 'message.failed' && typeof e.data.rule === 'string') out.push(e.data.rule);
    if (e.type === 'campaign.rejected' && Array.isArray(e.data.reasons))
      for (const r of e.data.reasons as Array<{ rule?: string }>) if (r.rule) out.push(r.rule);
  }
  return out;
}

/** Makes the in-process simulation; tests pass one with a deliberately broken invariant. */
export type SimulationFactory = (options: SimulationOptions) => Simulation;

/** What one run starts from, in process or on a server: the scenario's, or a fuzz run's. */
export interface RunSetup {
  seed: number;
  latency: LatencyName;
  start: number;
  profile: CarrierProfile;
  /** The accounts loaded before the first step, the first one the default. */
  accounts: AccountConfig[];
}

/**
 * A fresh simulator for one run, in this process: the service `tendlc serve` runs, on a manual
 * clock, the accounts loaded. Answers the target, or why it cannot be.
 */
export function startLocalRun(
  run: RunSetup,
  make: SimulationFactory,
  trace?: RuleTrace,
): ScenarioTarget | string {
  const sim = make({ profile: run.profile, seed: run.seed, latency: run.latency, start: run.start });
  const service = new SimulatorService({ profile: run.profile, simulation: sim });
  service.init({
    seed: run.seed,
    latency: run.latency,
    start: run.start,
    clock: { mode: 'manual', scale: 0 },
    adminToken: 'in-process',
  });
  // A reset returns here, as a server started without accounts does.
  service.markInitial();
  for (const account of run.accounts) {
    const loaded = service.loadAccount(account);
    if (!loaded.ok) return `the account '${account.account.id}' cannot be loaded: ${loaded.refusal.message}`;
  }
  sim.tracer = trace;
  return new InProcessTarget(service);
}

/**
 * Sets a running server up for one run: reset to the run's seed, latency, start and carrier
 * profile (which travels with the run, so that the target applies the same rules), its clock
 * manual, then the accounts loaded. Answers the target, or why it cannot be used.
 */
export async function startRemoteRun(remote: RemoteTarget, run: RunSetup): Promise<ScenarioTarget | string> {
  const headers = { authorization: `Bearer ${remote.adminToken}`, 'content-type': 'application/json' };
  const post = (path: string, body: unknown) =>
    fetch(`${remote.url}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
  const reset = await post('/v1/sim/reset', {
    seed: run.seed,
    latency: run.latency,
    start: new Date(run.start).toISOString(),
    profile: run.profile,
  });
  if (!reset.ok) return `the target refused the reset (${String(reset.status)}): check --admin-token`;
  // A scenario's time moves only with its steps: a target on a running clock is stopped for it.
  const clock = await post('/v1/sim/clock', { mode: 'manual' });
  if (!clock.ok) return `the target refused to stop its clock (${String(clock.status)})`;
  const target = new HttpTarget(remote.url, remote.adminToken, []);
  for (const account of run.accounts) {
    const loaded = await target.control({ op: 'load', config: account });
    if (!loaded.ok)
      return `the target cannot load the account '${account.account.id}': ${loaded.error.message} (start the target without --config, or give --reset-target)`;
  }
  return target;
}
