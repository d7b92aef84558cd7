import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import { stringify } from 'yaml';
import type { AccountConfig } from '../../engine/account-config.js';
import type { CarrierProfile } from '../../engine/carrier-profile.js';
import { Simulation } from '../../simulator/simulation.js';
import { loadProfile } from '../../simulator/files/profile-file.js';
import { DEFAULT_START } from '../scenario/load-scenario.js';
import {
  startLocalRun,
  startRemoteRun,
  type RemoteTarget,
  type RunSetup,
  type SimulationFactory,
} from '../scenario/run-scenario.js';
import { StepRunner, type Step } from '../scenario/steps.js';
import type { ScenarioTarget } from '../scenario/target.js';
import { stepArbitrary } from './steps.js';
import { throughputViolations } from './throughput-check.js';

export interface FuzzOptions {
  runs: number;
  /** Most steps in one run. */
  steps: number;
  seed: number;
  account: AccountConfig;
  /** How the scenario written on failure names its account: a path relative to `out`, or inline. */
  accountRef?: string;
  latency?: 'realistic' | 'fast' | 'instant';
  /** The carrier profile: a shipped name, or a file (relative to the working directory). */
  profile?: string;
  /** How the scenario written on failure names its profile: a path relative to `out`, or a name. */
  profileRef?: string;
  /** Where a shrunk failure is written as a scenario. */
  out: string;
  remote?: RemoteTarget;
  /** The in-process simulation; tests pass one with a deliberately broken invariant. */
  simulation?: SimulationFactory;
}

export interface FuzzFailure {
  /** fast-check's seed and path: `--seed S` replays the same runs. */
  seed: number;
  path: string;
  violation: string;
  steps: Step[];
  file: string;
}

export interface FuzzReport {
  runs: number;
  ms: number;
  failure?: FuzzFailure;
}

interface Real {
  runner: StepRunner;
  target: ScenarioTarget;
  account: string;
  profile: CarrierProfile;
  lastEventId: number;
  log: Step[];
}

/** What the fuzzer checks after every step, besides the engine's invariants. */
interface Model {
  /** The last event id seen: ids only ever increase. */
  lastEventId: number;
}

/**
 * `tendlc fuzz`: fast-check model-based runs of random steps against the simulator, checking the
 * engine's invariants and the model after each. A failure is shrunk to the fewest steps, written as
 * a scenario that ends in `expect: { invariants: hold }`, so that `scenario run` replays it and
 * fails until the bug is fixed.
 */
export async function fuzz(options: FuzzOptions): Promise<FuzzReport> {
  const started = performance.now();
  const profileName = options.profile ?? 'seed';
  const profile = loadProfile(profileName);
  if (!profile.ok) throw new Error(profile.error);
  const latency = options.latency ?? 'realistic';
  // Every run starts from the same seed and account, so that a shrunk failure replays as a scenario.
  const run: RunSetup = {
    seed: options.seed,
    latency,
    start: DEFAULT_START,
    profile: profile.profile,
    accounts: [options.account],
  };
  const setup = async (): Promise<Real> => {
    const target = options.remote
      ? await startRemoteRun(options.remote, run)
      : startLocalRun(run, options.simulation ?? ((o) => new Simulation(o)));
    if (typeof target === 'string') throw new Error(target);
    return {
      runner: new StepRunner(target),
      target,
      account: options.account.account.id,
      profile: profile.profile,
      lastEventId: 0,
      log: [],
    };
  };
  const commands = fc.commands([stepArbitrary(options.account).map((step) => new StepCommand(step))], {
    maxCommands: options.steps,
    // Runs as long as --steps allows: short ones come from the shrinking.
    size: 'max',
  });
  const property = fc.asyncProperty(commands, async (cmds) => {
    const real = await setup();
    await fc.asyncModelRun(() => ({ model: { lastEventId: 0 }, real }), cmds);
  });
  const result = await fc.check(property, { numRuns: options.runs, seed: options.seed });
  const report: FuzzReport = { runs: result.numRuns, ms: performance.now() - started };
  if (!result.failed || !result.counterexample) return report;

  // Replay the shrunk counterexample once more to record the steps up to the violation.
  const real = await setup();
  let violation =
    result.errorInstance instanceof Error ? result.errorInstance.message : String(result.errorInstance);
  for (const cmd of result.counterexample[0]) {
    try {
      await cmd.run({ lastEventId: 0 }, real);
    } catch (error) {
      violation = error instanceof Error ? error.message : String(error);
      break;
    }
  }
  const file = writeRegression(options, real.log, violation, latency, profileName);
  return {
    ...report,
    failure: { seed: result.seed, path: result.counterexamplePath ?? '', violation, steps: real.log, file },
  };
}

class StepCommand implements fc.AsyncCommand<Model, Real> {
  constructor(readonly step: Step) {}

  check(): boolean {
    return true;
  }

  async run(model: Model, real: Real): Promise<void> {
    real.log.push(this.step);
    // Random steps are often refused by a rule: that is the engine doing its job, not a failure.
    await real.runner.runStep(this.step);
    const violations = [
      ...(await real.target.invariants()),
      ...(await throughputViolations(real.target, real.profile, real.account)),
    ];
    if (violations.length > 0) throw new Error(`invariant broken: ${violations.join('; ')}`);
    const events = await real.target.events();
    const ids = events.map((e) => e.id).filter((id) => id > real.lastEventId);
    for (let i = 1; i < ids.length; i++)
      if (ids[i]! <= ids[i - 1]!)
        throw new Error(`event ids do not increase: ${String(ids[i - 1])} then ${String(ids[i])}`);
    if (ids.length > 0 && ids[0]! <= model.lastEventId)
      throw new Error(`event id ${String(ids[0])} after ${String(model.lastEventId)}`);
    real.lastEventId = ids.at(-1) ?? real.lastEventId;
    model.lastEventId = real.lastEventId;
  }

  toString(): string {
    return JSON.stringify(this.step);
  }
}

function writeRegression(
  options: FuzzOptions,
  steps: Step[],
  violation: string,
  latency: string,
  profile: string,
): string {
  mkdirSync(options.out, { recursive: true });
  const name = `fuzz-seed-${String(options.seed)}-${String(steps.length)}-steps`;
  const file = join(options.out, `${name}.yaml`);
  const scenario = {
    name: `fuzz, seed ${String(options.seed)}: ${violation.slice(0, 200)}`,
    seed: options.seed,
    latency,
    ...(profile === 'seed' ? {} : { profile: options.profileRef ?? profile }),
    start: new Date(DEFAULT_START).toISOString(),
    account: options.accountRef ?? options.account,
    steps: [...steps, { expect: { invariants: 'hold' } }],
  };
  writeFileSync(
    file,
    `# Written by tendlc fuzz: the shortest sequence it found that breaks an invariant.\n` +
      `# \`tendlc scenario run ${relative(process.cwd(), file)}\` fails until the bug is fixed.\n` +
      stringify(scenario, { lineWidth: 0 }),
  );
  return file;
}
