import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { AccountConfig } from '../../engine/account-config.js';
import type { LatencyName } from '../../engine/carrier-profile.js';
import { ruleById } from '../../engine/catalog.js';
import { parseDuration } from '../../engine/duration.js';
import { normalizeConfig } from '../../engine/normalize-config.js';
import { readConfigFile } from '../../simulator/files/config-file.js';
import { loadProfile } from '../../simulator/files/profile-file.js';
import { checkSchema } from '../../engine/schemas/check-schema.js';
import { loadYamlSource, type Span } from '../../engine/source/yaml-source.js';
import type { RunSetup } from './run-scenario.js';
import type { Step } from './steps.js';

/** A scenario ready to run: its account and profile read, its steps placed in their file. */
export interface Scenario extends RunSetup {
  file: string;
  /** 1-based position of the scenario in its file (one per YAML document). */
  index: number;
  name: string;
  rules: string[];
  steps: Step[];
  /** Where each step starts in the file. */
  places: Span[];
}

/** A problem of a scenario file, placed: `file:line:column message`. */
export interface ScenarioProblem {
  file: string;
  line: number;
  column: number;
  message: string;
}

/** The virtual time a scenario starts at when it names none: fixed, so runs repeat. */
export const DEFAULT_START = Date.parse('2026-11-02T17:00:00Z');

const STEP_OPTIONS = new Set(['expect', 'expect_error', 'as']);

/** Reads the scenarios of a file (one per YAML document); a problem anywhere names its place. */
export function loadScenarioFile(
  file: string,
): { ok: true; scenarios: Scenario[] } | { ok: false; problems: ScenarioProblem[] } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    return fail(file, START, `cannot read it (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  const problems: ScenarioProblem[] = [];
  const scenarios: Scenario[] = [];
  const docs = loadYamlSource(text).filter((d) => d.value !== null || d.problems.length > 0);
  for (const [i, doc] of docs.entries()) {
    const at = (pointer: string, message: string, key = false): void => {
      const span = (key ? doc.keySpanOf(pointer) : undefined) ?? doc.spanOf(pointer);
      problems.push({ file, line: span.line, column: span.column, message });
    };
    for (const p of doc.problems)
      problems.push({ file, line: p.span.line, column: p.span.column, message: p.message });
    if (doc.value === undefined || doc.problems.length > 0) continue;
    const schemaProblems = checkSchema('scenario', doc.value);
    const valid = schemaProblems.length === 0;
    for (const p of schemaProblems)
      at(
        p.path,
        p.message.replace(/\/steps\/(\d+)/gu, (_m, n: string) => `step ${String(Number(n) + 1)}`),
        p.at === 'key',
      );
    const raw = doc.value as Record<string, unknown> & { steps: Step[] };
    const before = problems.length;
    const steps = Array.isArray(raw.steps)
      ? raw.steps.filter((s): s is Step => typeof s === 'object' && s !== null)
      : [];
    steps.forEach((step, s) => {
      const actions = Object.keys(step).filter((k) => !STEP_OPTIONS.has(k));
      if (actions.length === 0 && !('expect' in step))
        at(`/steps/${String(s)}`, 'a step has an action or an expect');
      if (actions.length > 1)
        at(`/steps/${String(s)}`, `a step has one action; this one has ${actions.join(', ')}`);
      if (typeof step.expect_error === 'string' && !ruleById(step.expect_error))
        at(
          `/steps/${String(s)}/expect_error`,
          `unknown rule id '${step.expect_error}' (tendlc rules lists them)`,
        );
      for (const [pointer, value] of durationsOf(step))
        if (typeof value === 'string' && parseDuration(value) === undefined)
          at(
            `/steps/${String(s)}${pointer}`,
            `'${value}' is not a duration: write 90s, 15m, 6h, 15d, 1d12h or ISO 8601 (P1DT12H)`,
          );
    });
    (Array.isArray(raw.rules) ? (raw.rules as unknown[]) : []).forEach((id, r) => {
      if (typeof id === 'string' && !ruleById(id))
        at(`/rules/${String(r)}`, `unknown rule id '${id}' (tendlc rules lists them)`);
    });
    if (!valid) continue;
    const account = readAccount(file, raw.account, (pointer, message) => at(pointer, message));
    if (problems.length > before || !account) continue;
    // A shipped name, or a file beside the scenario: read once, here, and carried as data.
    const profile = loadProfile(typeof raw.profile === 'string' ? raw.profile : 'seed', dirname(file));
    if (!profile.ok) {
      at('/profile', profile.error);
      continue;
    }
    scenarios.push({
      file,
      index: i + 1,
      name: String(raw.name),
      rules: (raw.rules as string[] | undefined) ?? [],
      seed: (raw.seed as number | undefined) ?? 1,
      latency: (raw.latency as LatencyName | undefined) ?? 'realistic',
      profile: profile.profile,
      start: typeof raw.start === 'string' ? Date.parse(raw.start) : DEFAULT_START,
      account,
      steps: raw.steps,
      places: raw.steps.map((_s, s) => doc.spanOf(`/steps/${String(s)}`)),
    });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, scenarios };
}

/** The scenario's account: a config file beside it, or inline (checked against the account schema). */
function readAccount(
  file: string,
  account: unknown,
  at: (pointer: string, message: string) => void,
): AccountConfig | undefined {
  if (typeof account === 'string') {
    const profile = loadProfile('seed');
    if (!profile.ok) return undefined;
    const read = readConfigFile(resolve(dirname(file), account), profile.profile);
    if (!read.ok) {
      at('/account', `the account ${account} cannot be loaded: ${read.errors.slice(0, 3).join('; ')}`);
      return undefined;
    }
    if (read.configs.length !== 1) {
      at(
        '/account',
        `the account file ${account} holds ${String(read.configs.length)} accounts; a scenario has one`,
      );
      return undefined;
    }
    return read.configs[0];
  }
  const problems = checkSchema('account', account);
  for (const p of problems) at(`/account${p.path}`, p.message.replace('the document', 'the account'));
  return problems.length > 0 ? undefined : normalizeConfig(account as AccountConfig);
}

const START: Span = { line: 1, column: 1, endLine: 1, endColumn: 1 };

function fail(file: string, span: Span, message: string): { ok: false; problems: ScenarioProblem[] } {
  return { ok: false, problems: [{ file, line: span.line, column: span.column, message }] };
}

/** The durations a step holds, by JSON Pointer within the step: `advance`, `within`, `throughput.per`. */
function durationsOf(step: Step): Array<[string, unknown]> {
  const out: Array<[string, unknown]> = [];
  const record = step as Record<string, unknown>;
  if ('advance' in record) out.push(['/advance', record.advance]);
  const expect = record.expect;
  if (typeof expect === 'object' && expect !== null) {
    const e = expect as Record<string, unknown>;
    if ('within' in e) out.push(['/expect/within', e.within]);
    const throughput = e.throughput;
    if (typeof throughput === 'object' && throughput !== null && 'per' in throughput)
      out.push(['/expect/throughput/per', (throughput as Record<string, unknown>).per]);
  }
  return out;
}
