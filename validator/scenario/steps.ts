import { ACTIONS, runAction } from './actions.js';
import { checkExpectation } from './expectations.js';
import { RunContext, type ResetSetup } from './run-context.js';
import type { ScenarioTarget } from './target.js';

/** One step of a scenario, as parsed from YAML: an action with options, or a standalone expectation. */
export type Step = Record<string, unknown>;

/** The keys of a step that are not its action. */
export const STEP_OPTIONS: ReadonlySet<string> = new Set(['expect', 'expect_error', 'as', 'soft']);

/** A step that did not go as the scenario said. */
export interface StepFailure {
  readonly step: number;
  readonly message: string;
  /** A soft step's failure: recorded, and the scenario ran on. */
  readonly soft: boolean;
}

export interface StepRunnerOptions {
  /** The virtual start, that timing expectations measure from when they name no event. */
  startedAt?: number;
  /** What a `reset` step starts over from; without it a `reset` step fails. */
  reset?: ResetSetup;
  /** Every step soft: record each failure and run on (`--continue`). */
  continueOnFailure?: boolean;
  /** Told the rule of each refusal a step met (coverage). */
  onRefusal?: (rule: string) => void;
}

/** Runs the steps of a scenario against a target (in process or HTTP) that has its accounts loaded. */
export class StepRunner {
  private readonly ctx: RunContext;
  private readonly continueOnFailure: boolean;

  constructor(target: ScenarioTarget, options: StepRunnerOptions = {}) {
    this.ctx = new RunContext(target, options.startedAt ?? 0, options.reset, options.onRefusal);
    this.continueOnFailure = options.continueOnFailure ?? false;
  }

  /**
   * Runs the steps in order; returns the failures (empty when the scenario passes). A failing
   * step stops the scenario unless it is soft (`soft: true`, or every step under `--continue`).
   */
  async run(steps: readonly Step[]): Promise<StepFailure[]> {
    const failures: StepFailure[] = [];
    for (const [i, step] of steps.entries()) {
      const message = await this.runStep(step);
      if (message === undefined) continue;
      const soft = step.soft === true || this.continueOnFailure;
      failures.push({ step: i, message, soft });
      if (!soft) break;
    }
    return failures;
  }

  /** Runs one step: undefined when it went as expected, else why not. */
  async runStep(step: Step): Promise<string | undefined> {
    const keys = Object.keys(step).filter((k) => !STEP_OPTIONS.has(k));
    let failure: string | undefined;
    if (keys.length === 0 && 'expect' in step) {
      failure = await checkExpectation(this.ctx, step.expect as Record<string, unknown>, step.as);
    } else {
      const [name] = keys;
      if (keys.length !== 1 || name === undefined)
        return `a step has one action; found ${keys.join(', ') || 'none'}`;
      if (!ACTIONS.has(name)) return `unknown action '${name}'`;
      failure = await runAction(this.ctx, name, step[name], step);
    }
    // Webhook attempts due by now are made before the next step looks at anything.
    const unsettled = await this.ctx.target.settle();
    return failure ?? unsettled;
  }

  /** Stops what the run started: its webhook receiver, the target's dispatcher. */
  close(): Promise<void> {
    return this.ctx.close();
  }
}
