import { writeFileSync } from 'node:fs';
import { expandInputs } from '../validator/inputs.js';
import {
  loadScenarioFile,
  type Scenario,
  type ScenarioProblem,
} from '../validator/scenario/load-scenario.js';
import { formatSuite } from '../validator/scenario/reporters.js';
import { runScenario, type ScenarioResult } from '../validator/scenario/run-scenario.js';
import { remoteFlags } from './target-flags.js';
import { progressLine, useColor } from './terminal.js';

export interface ScenarioFlags {
  target?: string;
  adminToken?: string;
  reporter: 'stylish' | 'json' | 'junit';
  output?: string;
  shard?: string;
  bail?: boolean;
  filter?: string;
}

/** Runs `tendlc scenario run` and returns its exit code (formats.md §3). */
export async function runScenarios(inputs: string[], flags: ScenarioFlags): Promise<number> {
  const usage = (message: string): number => {
    process.stderr.write(`tendlc scenario run: ${message}\n`);
    return 2;
  };
  const shard = parseShard(flags.shard);
  if (shard === null) return usage(`--shard '${String(flags.shard)}' is not I/N with 1 ≤ I ≤ N, such as 2/4`);
  const { remote, error } = remoteFlags(flags.target, flags.adminToken);
  if (error) return usage(error);
  const { files, unmatched } = expandInputs(inputs, process.cwd());
  for (const input of unmatched) process.stderr.write(`tendlc scenario run: '${input}' matches no file\n`);
  if (files.length === 0) return 2;

  const problems: ScenarioProblem[] = [];
  let scenarios: Scenario[] = [];
  for (const file of files) {
    const loaded = loadScenarioFile(file);
    if (loaded.ok) scenarios.push(...loaded.scenarios);
    else problems.push(...loaded.problems);
  }
  if (flags.filter !== undefined) {
    const text = flags.filter;
    scenarios = scenarios.filter((s) => s.name.includes(text) || s.file.includes(text));
  }
  if (shard) scenarios = scenarios.filter((_s, i) => i % shard.of === shard.index - 1);

  const started = performance.now();
  const results: ScenarioResult[] = [];
  const progress = progressLine(scenarios.length);
  for (const [i, scenario] of scenarios.entries()) {
    progress(i, scenario.name.slice(0, 60));
    const result = await runScenario(scenario, remote);
    results.push(result);
    if (!result.passed && flags.bail) break;
  }
  progress(scenarios.length, '');
  const color = useColor(flags.output !== undefined);
  const report = formatSuite({ results, problems, ms: performance.now() - started }, flags.reporter, color);
  if (flags.output) writeFileSync(flags.output, report);
  else process.stdout.write(report);
  if (problems.length > 0) return 2;
  return results.every((r) => r.passed) ? 0 : 1;
}

function parseShard(text: string | undefined): { index: number; of: number } | undefined | null {
  if (text === undefined) return undefined;
  const match = /^(\d+)\/(\d+)$/u.exec(text);
  const index = Number(match?.[1]);
  const of = Number(match?.[2]);
  return match && index >= 1 && index <= of ? { index, of } : null;
}
