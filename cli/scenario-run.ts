import { expandInputs } from '../validator/inputs.js';
import { claimTarget, releaseTarget } from '../validator/scenario/claim-target.js';
import { coverageOf, formatCoverage, type CoverageReport } from '../validator/scenario/coverage.js';
import {
  loadScenarioFile,
  type Scenario,
  type ScenarioProblem,
} from '../validator/scenario/load-scenario.js';
import { formatSuite } from '../validator/scenario/reporters.js';
import { runScenario, type ScenarioResult } from '../validator/scenario/run-scenario.js';
import { remoteFlags } from './target-flags.js';
import { writeOutput } from './output-file.js';
import { progressLine, useColor } from './terminal.js';

export interface ScenarioFlags {
  target?: string;
  adminToken?: string;
  resetTarget?: boolean;
  reporter: 'stylish' | 'json' | 'junit';
  output?: string;
  shard?: string;
  bail?: boolean;
  continue?: boolean;
  filter?: string;
  coverage?: boolean;
  coverageMin?: string;
  coverageOutput?: string;
}

/** Runs `tendlc scenario run` and returns its exit code: 0 passed, 1 failures (or coverage below --coverage-min), 2 usage or file problems. */
export async function runScenarios(inputs: string[], flags: ScenarioFlags): Promise<number> {
  const usage = (message: string): number => {
    process.stderr.write(`tendlc scenario run: ${message}\n`);
    return 2;
  };
  const shard = parseShard(flags.shard);
  if (shard === null) return usage(`--shard '${String(flags.shard)}' is not I/N with 1 ≤ I ≤ N, such as 2/4`);
  const min = flags.coverageMin === undefined ? undefined : Number(flags.coverageMin);
  if (min !== undefined && !(min >= 0 && min <= 100))
    return usage(`--coverage-min '${String(flags.coverageMin)}' is not a percentage from 0 to 100`);
  const coverage = flags.coverage === true || min !== undefined || flags.coverageOutput !== undefined;
  const { remote, error } = remoteFlags(flags.target, flags.adminToken);
  if (error) return usage(error);
  if (coverage && remote)
    return usage('coverage reads the engine in this process: run without --target to measure it');
  const { files, unmatched } = expandInputs(inputs, process.cwd());
  for (const input of unmatched) process.stderr.write(`tendlc scenario run: '${input}' matches no file\n`);
  if (files.length === 0) return 2;

  const problems: ScenarioProblem[] = [];
  let scenarios: Scenario[] = [];
  for (const file of files) {
    const loaded = loadScenarioFile(file);
    if (loaded.ok) scenarios.push(...loaded.scenarios);
    else problems.push(...loaded.problems);
    if (loaded.ok && loaded.stepsFile && inputs.includes(file))
      process.stderr.write(
        `tendlc scenario run: ${file} is a list of steps: include it from a scenario to run it\n`,
      );
  }
  if (flags.filter !== undefined) {
    const text = flags.filter;
    scenarios = scenarios.filter((s) => s.name.includes(text) || s.file.includes(text));
  }
  if (shard) scenarios = scenarios.filter((_s, i) => i % shard.of === shard.index - 1);

  const claim =
    remote && scenarios.length > 0 ? await claimTarget(remote, flags.resetTarget === true) : undefined;
  if (claim && 'refused' in claim) return usage(claim.refused);
  const started = performance.now();
  const results: ScenarioResult[] = [];
  const progress = progressLine(scenarios.length);
  try {
    for (const [i, scenario] of scenarios.entries()) {
      progress(i, scenario.name.slice(0, 60));
      const result = await runScenario(scenario, remote, {
        ...(flags.continue ? { continueOnFailure: true } : {}),
        ...(coverage ? { coverage: true } : {}),
      });
      results.push(result);
      if (!result.passed && flags.bail) break;
    }
  } finally {
    if (remote && claim) await releaseTarget(remote, claim).catch(() => undefined);
  }
  progress(scenarios.length, '');
  const color = useColor(flags.output !== undefined);
  const covered = coverage ? coverageOf(results) : undefined;
  let report = formatSuite(
    { results, problems, ms: performance.now() - started, ...(covered ? { coverage: covered } : {}) },
    flags.reporter,
    color,
  );
  if (covered && flags.reporter === 'stylish') report += formatCoverage(covered, color);
  const written = flags.output ? writeOutput(flags.output, report) : undefined;
  if (!flags.output) process.stdout.write(report);
  if (covered && flags.reporter === 'junit' && !flags.output)
    process.stderr.write(formatCoverage(covered, false));
  const coverageWritten =
    covered && flags.coverageOutput
      ? writeOutput(flags.coverageOutput, `${JSON.stringify(covered, null, 2)}\n`)
      : undefined;
  for (const failed of [written, coverageWritten].filter(Boolean))
    process.stderr.write(`tendlc scenario run: ${String(failed)}\n`);
  if (written || coverageWritten) return 2;
  if (problems.length > 0) return 2;
  if (!results.every((r) => r.passed)) return 1;
  return belowMinimum(covered, min) ? 1 : 0;
}

/** `--coverage-min`: the share of runtime rules the suite must reach. */
function belowMinimum(covered: CoverageReport | undefined, min: number | undefined): boolean {
  if (!covered || min === undefined || covered.percent >= min) return false;
  process.stderr.write(
    `tendlc scenario run: ${String(covered.percent)}% of runtime rules reached, below --coverage-min ${String(min)}` +
      ` (not reached: ${covered.unreached.join(', ')})\n`,
  );
  return true;
}

function parseShard(text: string | undefined): { index: number; of: number } | undefined | null {
  if (text === undefined) return undefined;
  const match = /^(\d+)\/(\d+)$/u.exec(text);
  const index = Number(match?.[1]);
  const of = Number(match?.[2]);
  return match && index >= 1 && index <= of ? { index, of } : null;
}
