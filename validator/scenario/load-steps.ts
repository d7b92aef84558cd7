import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { ruleById } from '../../engine/catalog.js';
import { parseDuration } from '../../engine/duration.js';
import { checkSchema } from '../../engine/schemas/check-schema.js';
import { loadYamlSource, type SourceDocument } from '../../engine/source/yaml-source.js';
import { EXPECTATIONS } from './expectations.js';
import { readAccount, type At } from './load-accounts.js';
import type { ScenarioProblem } from './load-scenario.js';
import { regex } from './matchers.js';
import { substitute, type ParameterRow } from './parameters.js';
import { STEP_OPTIONS, type Step } from './steps.js';

/** Where a step is written: the scenario's file, or a steps file it includes. */
export interface StepPlace {
  file: string;
  line: number;
  column: number;
}

/** The document a list of steps is read from, and the JSON Pointer of the list in it. */
export interface StepSource {
  file: string;
  doc: SourceDocument;
  base: string;
}

// Includes within includes are fine; a cycle, or a chain this deep, is a mistake.
const MAX_DEPTH = 8;

/**
 * The steps of a list as they run: each checked, each `include` replaced by the steps of its
 * file (with the row's parameters and its own `with`), each with the place it is written at.
 */
export function expandSteps(
  steps: readonly unknown[],
  source: StepSource,
  row: ParameterRow,
  problems: ScenarioProblem[],
  chain: readonly string[] = [],
): Array<{ step: Step; place: StepPlace }> {
  const out: Array<{ step: Step; place: StepPlace }> = [];
  steps.forEach((raw, j) => {
    if (typeof raw !== 'object' || raw === null) return;
    const pointer = `${source.base}/${String(j)}`;
    const at: At = (inner, message) => {
      const span = source.doc.spanOf(`${pointer}${inner}`);
      problems.push({ file: source.file, line: span.line, column: span.column, message });
    };
    const step = { ...(raw as Step) };
    if ('include' in step) {
      out.push(...include(step.include, source.file, at, row, problems, chain));
      return;
    }
    checkStep(step, at);
    if ('load_account' in step) {
      const config = readAccount(source.file, step.load_account, '/load_account', at, problems);
      if (config) step.load_account = config;
    }
    const span = source.doc.spanOf(pointer);
    out.push({ step, place: { file: source.file, line: span.line, column: span.column } });
  });
  return out;
}

function include(
  spec: unknown,
  from: string,
  at: At,
  row: ParameterRow,
  problems: ScenarioProblem[],
  chain: readonly string[],
): Array<{ step: Step; place: StepPlace }> {
  const { file: name, with: given } =
    typeof spec === 'string'
      ? { file: spec, with: {} }
      : (spec as { file: string; with?: Record<string, unknown> });
  const file = resolve(dirname(from), name);
  if (chain.includes(file) || chain.length >= MAX_DEPTH) {
    at('/include', `including ${name} again makes a cycle: ${[...chain, file].join(' → ')}`);
    return [];
  }
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    at(
      '/include',
      `the steps file ${name} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
    );
    return [];
  }
  const doc = loadYamlSource(text)[0];
  if (!doc || doc.problems.length > 0) {
    for (const p of doc?.problems ?? [])
      problems.push({ file, line: p.span.line, column: p.span.column, message: p.message });
    return [];
  }
  const listed = doc.value as unknown;
  if (!Array.isArray(listed)) {
    problems.push({ file, line: 1, column: 1, message: 'a steps file is a YAML list of steps' });
    return [];
  }
  const base = '';
  const params = { ...row, ...(given ?? {}) };
  const missing = new Set<string>();
  const steps = substitute(listed, params, (unknownName) => missing.add(unknownName)) as unknown[];
  // Said where the fix goes: the include that does not give the parameter.
  for (const p of missing) at('/include', `${name} uses {{${p}}}: give it with \`with: { ${p}: … }\``);
  // Checked as the steps of a scenario, each problem placed in the included file.
  for (const p of checkSchema('scenario', { name: 'include', account: 'include', steps }))
    if (p.path.startsWith('/steps/')) {
      const span =
        (p.at === 'key' ? doc.keySpanOf(`${base}${p.path.slice(6)}`) : undefined) ??
        doc.spanOf(`${base}${p.path.slice(6)}`);
      problems.push({ file, line: span.line, column: span.column, message: stepMessage(p.message) });
    }
  return expandSteps(steps, { file, doc, base }, params, problems, [...chain, file]);
}

/** A schema message about `/steps/3` says `step 4`. */
export function stepMessage(message: string): string {
  return message.replace(/\/steps\/(\d+)/gu, (_m, n: string) => `step ${String(Number(n) + 1)}`);
}

/** What the schema cannot say of one step: one action, known rule ids, durations, expressions. */
function checkStep(step: Step, at: At): void {
  const actions = Object.keys(step).filter((k) => !STEP_OPTIONS.has(k));
  if (actions.length === 0 && !('expect' in step)) at('', 'a step has an action or an expect');
  if (actions.length > 1) at('', `a step has one action; this one has ${actions.join(', ')}`);
  if (
    actions.length === 0 &&
    isRecord(step.expect) &&
    !EXPECTATIONS.some((k) => k in (step.expect as object))
  )
    at('/expect', `expect names nothing to check: name one of ${EXPECTATIONS.join(', ')}`);
  if (actions.length === 0 && step.expect_error !== undefined)
    at('/expect_error', 'expect_error goes with an action: the refusal it must meet');
  const rule =
    typeof step.expect_error === 'string'
      ? step.expect_error
      : isRecord(step.expect_error)
        ? step.expect_error.rule
        : undefined;
  if (typeof rule === 'string' && !ruleById(rule))
    at(
      typeof step.expect_error === 'string' ? '/expect_error' : '/expect_error/rule',
      `unknown rule id '${rule}' (tendlc rules lists them)`,
    );
  viaProblems(step, at);
  for (const [pointer, value] of durationsOf(step))
    if (typeof value === 'string' && parseDuration(value) === undefined)
      at(pointer, `'${value}' is not a duration: write 90s, 15m, 6h, 15d, 1d12h or ISO 8601 (P1DT12H)`);
  for (const [pointer, source] of expressionsOf(step, ''))
    if (regex(source) === undefined) at(pointer, `'${source}' is not a regular expression`);
}

/** What a step through a provider face (`via`) may carry besides the face, by action. */
const VIA_FIELDS: Record<string, readonly string[]> = {
  send: ['from', 'to', 'body', 'pool', 'as'],
  order_number: ['kind', 'areaCode', 'e164', 'pool', 'as'],
  assign_number: ['number', 'campaign', 'as'],
  register_brand: [
    'name',
    'entityType',
    'ein',
    'country',
    'email',
    'vertical',
    'stockSymbol',
    'stockExchange',
    'as',
  ],
  submit_campaign: [
    'brand',
    'useCase',
    'subUseCases',
    'description',
    'messageFlow',
    'sampleMessages',
    'helpMessage',
    'optOutMessage',
    'embeddedLinks',
    'embeddedPhone',
    'ageGated',
    'as',
  ],
};

/** A step through a provider face: what each face's request can carry. */
function viaProblems(step: Step, at: At): void {
  for (const [action, allowed] of Object.entries(VIA_FIELDS)) {
    const args = step[action];
    if (!isRecord(args)) continue;
    if (args.via === undefined) {
      if (args.pool !== undefined)
        at(`/${action}/pool`, 'pool goes with via: the Messaging Service or messaging profile of a face');
      continue;
    }
    const via = String(args.via);
    for (const key of Object.keys(args))
      if (key !== 'via' && !allowed.includes(key))
        at(`/${action}/${key}`, `${action} via ${via} takes ${allowed.join(', ')}; not ${key}`);
    if (action === 'send' && args.from === undefined && args.pool === undefined)
      at(`/${action}`, `a send via ${via} names from or pool`);
    if (action === 'order_number' && args.kind !== 'campaign')
      at(
        '/order_number/kind',
        'a number bought through a provider face is a campaign number: kind: campaign',
      );
    if (action === 'order_number' && args.areaCode === undefined && args.e164 === undefined)
      at('/order_number', `order_number via ${via} names areaCode or e164`);
    if (action === 'order_number' && via === 'twilio' && args.pool !== undefined)
      at('/order_number/pool', 'Twilio adds a number to a Messaging Service with a provider step');
    if ((action === 'register_brand' || action === 'submit_campaign') && via === 'twilio')
      at(
        `/${action}/via`,
        'Twilio registers through TrustHub profiles and a Messaging Service: write provider steps',
      );
    if (action === 'assign_number' && via === 'twilio')
      at('/assign_number/via', 'Twilio assigns a number through a Messaging Service: write a provider step');
  }
  const provider = step.provider;
  if (isRecord(provider)) {
    if (provider.via === 'twilio' && provider.body !== undefined)
      at('/provider/body', 'Twilio takes a form body: write form, not body');
    if (provider.via === 'telnyx' && provider.form !== undefined)
      at('/provider/form', 'Telnyx takes a JSON body: write body, not form');
  }
}

/** The durations a step holds, by JSON Pointer within the step. */
function durationsOf(step: Step): Array<[string, unknown]> {
  const out: Array<[string, unknown]> = [];
  const advance = step.advance;
  if (isRecord(advance)) {
    if ('by' in advance) out.push(['/advance/by', advance.by]);
    if ('limit' in advance) out.push(['/advance/limit', advance.limit]);
  } else if (advance !== undefined) out.push(['/advance', advance]);
  const expect = step.expect;
  if (isRecord(expect)) {
    for (const key of ['within', 'notBefore']) if (key in expect) out.push([`/expect/${key}`, expect[key]]);
    if (Array.isArray(expect.between))
      expect.between.forEach((d, i) => out.push([`/expect/between/${String(i)}`, d]));
    if (isRecord(expect.throughput) && 'per' in expect.throughput)
      out.push(['/expect/throughput/per', expect.throughput.per]);
  }
  return out;
}

/** Every `matches` under a step's expectations, by JSON Pointer. */
function expressionsOf(value: unknown, pointer: string): Array<[string, string]> {
  if (Array.isArray(value)) return value.flatMap((v, i) => expressionsOf(v, `${pointer}/${String(i)}`));
  if (!isRecord(value)) return [];
  return Object.entries(value).flatMap(([k, v]) =>
    k === 'matches' && typeof v === 'string'
      ? [[`${pointer}/${k}`, v] as [string, string]]
      : expressionsOf(v, `${pointer}/${k}`),
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
