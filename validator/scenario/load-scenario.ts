import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { AccountConfig } from '../../engine/account-config.js';
import type { LatencyName } from '../../engine/carrier-profile.js';
import { ruleById } from '../../engine/catalog.js';
import { checkSchema } from '../../engine/schemas/check-schema.js';
import { loadYamlSource, type SourceDocument } from '../../engine/source/yaml-source.js';
import { loadProfile } from '../../simulator/files/profile-file.js';
import { readAccount, type At } from './load-accounts.js';
import { expandSteps, stepMessage, type StepPlace } from './load-steps.js';
import { describeRow, substitute, type ParameterRow } from './parameters.js';
import type { RunSetup } from './run-scenario.js';
import type { Step } from './steps.js';

/** A scenario ready to run: its accounts and profile read, its steps expanded and placed. */
export interface Scenario extends RunSetup {
  file: string;
  /** 1-based position of the scenario in its file (one per YAML document). */
  index: number;
  /** 1-based row of its parameter table, when it has one. */
  row?: number;
  /** The line its document starts at. */
  line: number;
  name: string;
  rules: string[];
  steps: Step[];
  /** Where each step is written (an included step: in its own file). */
  places: StepPlace[];
}

/** A problem of a scenario file (or of a file it names), placed: `file:line:column message`. */
export interface ScenarioProblem {
  file: string;
  line: number;
  column: number;
  message: string;
}

/** The virtual time a scenario starts at when it names none: fixed, so runs repeat. */
export const DEFAULT_START = Date.parse('2026-11-02T17:00:00Z');

/**
 * Reads the scenarios of a file (one per YAML document, and one per row of a document's
 * parameter table); a problem anywhere names its place, in this file or in one it includes.
 */
export function loadScenarioFile(
  file: string,
): { ok: true; scenarios: Scenario[]; stepsFile?: true } | { ok: false; problems: ScenarioProblem[] } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const why = `cannot read it (${(error as NodeJS.ErrnoException).code ?? 'error'})`;
    return { ok: false, problems: [{ file, line: 1, column: 1, message: why }] };
  }
  const problems: ScenarioProblem[] = [];
  const scenarios: Scenario[] = [];
  const docs = loadYamlSource(text).filter((d) => d.value !== null || d.problems.length > 0);
  // A list of steps is a file scenarios include, not a scenario: a suite's folder holds both.
  if (docs.length > 0 && docs.every((d) => Array.isArray(d.value)))
    return { ok: true, scenarios: [], stepsFile: true };
  for (const [i, doc] of docs.entries()) {
    for (const p of doc.problems)
      problems.push({ file, line: p.span.line, column: p.span.column, message: p.message });
    if (doc.value === undefined || doc.problems.length > 0) continue;
    scenarios.push(...readDocument(file, doc, i + 1, problems));
  }
  const unique = dedupe(problems);
  return unique.length > 0 ? { ok: false, problems: unique } : { ok: true, scenarios };
}

/** One YAML document: a scenario, or one per row of its parameter table. */
function readDocument(
  file: string,
  doc: SourceDocument,
  index: number,
  problems: ScenarioProblem[],
): Scenario[] {
  const raw = doc.value as Record<string, unknown> | null;
  const table = raw && Array.isArray(raw.parameters) ? (raw.parameters as unknown[]) : undefined;
  const rows: Array<ParameterRow | undefined> = table
    ? table.map((r) => (typeof r === 'object' && r !== null ? (r as ParameterRow) : {}))
    : [undefined];
  const out: Scenario[] = [];
  rows.forEach((row, r) => {
    const scenario = readRow(file, doc, index, row, r + 1, problems);
    if (scenario) out.push(scenario);
  });
  return out;
}

function readRow(
  file: string,
  doc: SourceDocument,
  index: number,
  row: ParameterRow | undefined,
  rowNumber: number,
  problems: ScenarioProblem[],
): Scenario | undefined {
  const at: At = (pointer, message) => {
    const span = doc.spanOf(pointer);
    problems.push({ file, line: span.line, column: span.column, message });
  };
  const { parameters: _table, ...body } = (doc.value ?? {}) as Record<string, unknown>;
  const raw = (
    row === undefined
      ? doc.value
      : {
          ...(substitute(body, row, (name) =>
            at('', `{{${name}}} is not a parameter: the table names ${Object.keys(row).join(', ')}`),
          ) as object),
          parameters: _table,
        }
  ) as Record<string, unknown>;
  const before = problems.length;
  for (const p of checkSchema('scenario', raw)) {
    const span = (p.at === 'key' ? doc.keySpanOf(p.path) : undefined) ?? doc.spanOf(p.path);
    problems.push({ file, line: span.line, column: span.column, message: stepMessage(p.message) });
  }
  if (typeof raw !== 'object' || raw === null) return undefined;
  const valid = problems.length === before;
  (Array.isArray(raw.rules) ? (raw.rules as unknown[]) : []).forEach((id, r) => {
    if (typeof id === 'string' && !ruleById(id))
      at(`/rules/${String(r)}`, `unknown rule id '${id}' (tendlc rules lists them)`);
  });
  // Every problem is said at once: the steps are checked even when the schema refused something.
  const placed = Array.isArray(raw.steps)
    ? expandSteps(raw.steps, { file, doc, base: '/steps' }, row ?? {}, problems)
    : [];
  if (!valid) return undefined;
  const accounts = readAccounts(file, raw, at, problems);
  if (problems.length > before || !accounts) return undefined;
  // A shipped name, or a file beside the scenario: read once, here, and carried as data.
  const profile = loadProfile(typeof raw.profile === 'string' ? raw.profile : 'seed', dirname(file));
  if (!profile.ok) {
    at('/profile', profile.error);
    return undefined;
  }
  const name = String(raw.name);
  const named = row === undefined || name !== String((doc.value as Record<string, unknown>).name);
  return {
    file,
    index,
    ...(row === undefined ? {} : { row: rowNumber }),
    line: doc.spanOf('').line,
    name: named ? name : `${name} [${describeRow(row)}]`,
    rules: (raw.rules as string[] | undefined) ?? [],
    seed: (raw.seed as number | undefined) ?? 1,
    latency: (raw.latency as LatencyName | undefined) ?? 'realistic',
    profile: profile.profile,
    start: typeof raw.start === 'string' ? Date.parse(raw.start) : DEFAULT_START,
    accounts,
    steps: placed.map((p) => p.step),
    places: placed.map((p) => p.place),
  };
}

/** `account:` (one) or `accounts:` (several, the first the default): each a file or inline. */
function readAccounts(
  file: string,
  raw: Record<string, unknown>,
  at: At,
  problems: ScenarioProblem[],
): AccountConfig[] | undefined {
  if ('account' in raw && 'accounts' in raw) {
    at('/accounts', 'a scenario names `account` or `accounts`, not both');
    return undefined;
  }
  const listed: Array<[unknown, string]> =
    'accounts' in raw
      ? (raw.accounts as unknown[]).map((a, i) => [a, `/accounts/${String(i)}`])
      : 'account' in raw
        ? [[raw.account, '/account']]
        : [];
  if (listed.length === 0) {
    at('', 'a scenario names its account: `account: PATH` (or inline), or `accounts: [...]`');
    return undefined;
  }
  const accounts: AccountConfig[] = [];
  for (const [value, pointer] of listed) {
    const config = readAccount(file, value, pointer, at, problems);
    if (!config) return undefined;
    if (accounts.some((a) => a.account.id === config.account.id)) {
      at(pointer, `two accounts have the id '${config.account.id}'`);
      return undefined;
    }
    accounts.push(config);
  }
  return accounts;
}

/** A problem found once per parameter row is said once. */
function dedupe(problems: ScenarioProblem[]): ScenarioProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.file}:${String(p.line)}:${String(p.column)} ${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
