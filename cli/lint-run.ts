import { readFileSync } from 'node:fs';
import { catalog, ruleById } from '../engine/catalog.js';
import type { Severity } from '../engine/finding.js';
import { didYouMean } from '../engine/text/did-you-mean.js';
import { expandInputs } from '../validator/inputs.js';
import {
  BUILT_IN_IDS,
  lintText,
  MANDATORY_IDS,
  type FileResult,
  type SeverityOverride,
} from '../validator/lint.js';
import { loadProfile } from '../simulator/files/profile-file.js';
import { loadYamlSource } from '../engine/source/yaml-source.js';
import { formatGithub } from '../validator/reporters/github.js';
import { formatJson } from '../validator/reporters/json.js';
import { formatJunit } from '../validator/reporters/junit.js';
import { formatSarif } from '../validator/reporters/sarif.js';
import { formatStylish } from '../validator/reporters/stylish.js';
import { writeOutput } from './output-file.js';
import { progressLine, useColor } from './terminal.js';

export type Format = 'stylish' | 'json' | 'sarif' | 'junit' | 'github';
export interface LintFlags {
  format: Format;
  output?: string;
  failOn: 'error' | 'warning' | 'info';
  rules?: string;
  profile: string;
  quiet?: boolean;
  now?: string;
}

const RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

class UsageError extends Error {}

/** Runs `tendlc lint` and returns its exit code: 0 clean, 1 findings at or above --fail-on, 2 usage or input errors. */
export async function runLint(inputs: string[], flags: LintFlags): Promise<number> {
  try {
    return await lint(inputs, flags);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`tendlc lint: ${error.message}\n`);
    return 2;
  }
}

async function lint(inputs: string[], flags: LintFlags): Promise<number> {
  const cwd = process.cwd();
  const profile = loadProfile(flags.profile, cwd);
  if (!profile.ok) throw new UsageError(profile.error);
  const overrides =
    flags.rules === undefined ? new Map<string, SeverityOverride>() : readOverrides(flags.rules);
  const now = flags.now === undefined ? Date.now() : Date.parse(flags.now);
  if (Number.isNaN(now))
    throw new UsageError(`--now '${String(flags.now)}' is not a date such as 2026-11-01`);
  const { files, unmatched } = expandInputs(inputs, cwd);
  for (const input of unmatched) process.stderr.write(`tendlc lint: '${input}' matches no file\n`);
  // Nothing to lint is a usage error, not an empty report a CI step could mistake for a pass.
  if (files.length === 0) return 2;
  let inputError = unmatched.length > 0;
  const results: FileResult[] = [];
  const progress = progressLine(files.length);
  for (const [i, file] of files.entries()) {
    progress(i, file);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      process.stderr.write(
        `tendlc lint: cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? 'error'}\n`,
      );
      inputError = true;
      continue;
    }
    const result = lintText(text, file, { rules: catalog, profile: profile.profile, now, overrides });
    if (result.diagnostics.some((d) => d.ruleId === 'yaml-syntax')) inputError = true;
    results.push(
      flags.quiet
        ? { ...result, diagnostics: result.diagnostics.filter((d) => d.severity === 'error') }
        : result,
    );
  }
  progress(files.length, '');
  const report = render(
    results,
    flags,
    [...overrides].filter(([, s]) => s === 'off').map(([id]) => id),
  );
  if (flags.output) {
    const failed = writeOutput(flags.output, report);
    if (failed) {
      process.stderr.write(`tendlc lint: --output ${failed}\n`);
      return 2;
    }
  } else process.stdout.write(report);
  if (inputError) return 2;
  const threshold = RANK[flags.failOn];
  return results.some((r) => r.diagnostics.some((d) => RANK[d.severity] >= threshold)) ? 1 : 0;
}

function render(results: FileResult[], flags: LintFlags, off: string[]): string {
  switch (flags.format) {
    case 'json':
      return formatJson(results);
    case 'sarif':
      return formatSarif(
        results,
        catalog.filter((r) => r.check && !off.includes(r.id)),
        version(),
      );
    case 'junit':
      return formatJunit(results);
    case 'github':
      return formatGithub(results);
    default:
      return formatStylish(results, useColor(flags.output !== undefined));
  }
}

// NO_COLOR wins (no-color.org); FORCE_COLOR asks for colour off a TTY, as chalk-based tools do.
function version(): string {
  try {
    return (
      JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
    ).version;
  } catch {
    return '0.0.0';
  }
}

const LEVELS = ['error', 'warning', 'info', 'off'];

/**
 * Reads `--rules FILE`: rule id → error|warning|info|off. Unknown ids and bad values are usage
 * errors at the file's line and column.
 */
function readOverrides(file: string): Map<string, SeverityOverride> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(
      `cannot read --rules ${file}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const [doc] = loadYamlSource(text);
  const at = (span: { line: number; column: number }): string =>
    `--rules ${file}:${String(span.line)}:${String(span.column)}`;
  const problem = doc?.problems[0];
  if (problem) throw new UsageError(`${at(problem.span)}: ${problem.message}`);
  const data = doc?.value;
  if (!doc || data === null || data === undefined) return new Map();
  if (typeof data !== 'object' || Array.isArray(data))
    throw new UsageError(`${at(doc.spanOf(''))}: must be a map of rule id to error|warning|info|off`);
  const overrides = new Map<string, SeverityOverride>();
  for (const [id, value] of Object.entries(data)) {
    const pointer = `/${id.replace(/~/gu, '~0').replace(/\//gu, '~1')}`;
    if (!ruleById(id) && !(BUILT_IN_IDS as readonly string[]).includes(id)) {
      const near = didYouMean(id, [...catalog.map((r) => r.id), ...BUILT_IN_IDS]);
      const hint = near ? `did you mean '${near}'?` : 'tendlc rules lists them';
      throw new UsageError(
        `${at(doc.keySpanOf(pointer) ?? doc.spanOf(pointer))}: unknown rule id '${id}' (${hint})`,
      );
    }
    if (value !== 'error' && value !== 'warning' && value !== 'info' && value !== 'off')
      throw new UsageError(
        `${at(doc.spanOf(pointer))}: '${id}' is ${JSON.stringify(value)}; use error, warning, info or off${typeof value === 'string' && didYouMean(value, LEVELS) ? ` (did you mean '${String(didYouMean(value, LEVELS))}'?)` : ''}`,
      );
    if (MANDATORY_IDS.has(id) && value !== 'error')
      throw new UsageError(`${at(doc.spanOf(pointer))}: '${id}' cannot be changed`);
    overrides.set(id, value);
  }
  return overrides;
}
