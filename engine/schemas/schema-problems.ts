import type { ErrorObject } from 'ajv';
import { didYouMean } from '../text/did-you-mean.js';

/** A schema violation in the analyst's words, with where it sits: the value, or the key itself. */
export interface SchemaProblem {
  path: string;
  message: string;
  hint?: string;
  at: 'value' | 'key';
}

/** Ajv's errors in the analyst's words, one per place and message. */
export function describeErrors(errors: readonly ErrorObject[]): SchemaProblem[] {
  const seen = new Set<string>();
  const problems: SchemaProblem[] = [];
  for (const error of errors) {
    const problem = describe(error);
    const key = `${problem?.path ?? ''}|${problem?.message ?? ''}`;
    if (problem && !seen.has(key)) {
      seen.add(key);
      problems.push(problem);
    }
  }
  return problems;
}

// The schemas' pattern for a duration (a profile's latencies, queue time, delays).
const DURATION = '^(?:\\d+(?:\\.\\d+)?(?:ms|s|m|h|d))+$';

const FORMATS: Record<string, string> = {
  goLive: 'a date such as 2026-12-01',
  submittedAt: 'a date or date-time such as 2026-11-01',
  approvedAt: 'a date or date-time such as 2026-11-01',
  country: 'a two-letter country code such as US',
  market: 'a three-digit area code such as "206"',
  url: 'an http or https URL such as https://example.com/hooks',
};

function describe(error: ErrorObject): SchemaProblem | undefined {
  const path = error.instancePath;
  const where = path === '' ? 'the document' : path;
  const field = path.split('/').at(-1) ?? '';
  const params = error.params as Record<string, unknown>;
  const schema = error.parentSchema as { properties?: Record<string, unknown>; enum?: unknown[] } | undefined;
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const known = Object.keys(schema?.properties ?? {});
      const suggestion = didYouMean(key, known);
      return {
        path: `${path}/${key.replace(/~/gu, '~0').replace(/\//gu, '~1')}`,
        at: 'key',
        message: `unknown key '${key}' in ${where}${suggestion ? `; did you mean '${suggestion}'?` : ''}`,
        hint: suggestion ? `rename it to '${suggestion}'` : `remove it; known keys are ${known.join(', ')}`,
      };
    }
    case 'required':
      return {
        path,
        at: 'value',
        message: `${where} is missing the required key '${String(params.missingProperty)}'`,
        hint: `add '${String(params.missingProperty)}'`,
      };
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map(String);
      const suggestion = typeof error.data === 'string' ? didYouMean(error.data, allowed) : undefined;
      return {
        path,
        at: 'value',
        message: `${field} is ${quote(error.data)}; it must be one of ${allowed.join(', ')}${suggestion ? `; did you mean '${suggestion}'?` : ''}`,
      };
    }
    case 'const':
      return {
        path,
        at: 'value',
        message: `${field} must be ${JSON.stringify(params.allowedValue)}, not ${quote(error.data)}`,
      };
    case 'type':
      return {
        path,
        at: 'value',
        message: `${where} must be ${article(String(params.type))}, not ${kindOf(error.data)}`,
        ...(field === 'e164' || field === 'to' ? { hint: 'quote phone numbers: "+12065550100"' } : {}),
      };
    case 'pattern':
    case 'format':
      return {
        path,
        at: 'value',
        message: `${field} is ${quote(error.data)}; it must be ${FORMATS[field] ?? (error.keyword === 'format' ? `a valid ${String(params.format)}` : params.pattern === DURATION ? 'a duration such as 90s, 15m, 4h or 1d12h' : `of the pattern ${String(params.pattern)}`)}`,
      };
    case 'minimum':
    case 'maximum':
    case 'minLength':
    case 'maxLength':
      return { path, at: 'value', message: `${field} ${error.message ?? 'is out of range'}` };
    case 'if':
      return undefined;
    default:
      return { path, at: 'value', message: `${where} ${error.message ?? 'is not valid'}` };
  }
}

/** A value as JSON, cut short: a message about a megabyte-long value stays readable. */
function quote(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 60)}…(${String(text.length)} characters)` : text;
}

function article(type: string): string {
  const map: Record<string, string> = {
    object: 'a mapping',
    array: 'a list',
    string: 'a string',
    integer: 'a whole number',
    number: 'a number',
    boolean: 'true or false',
  };
  return type
    .split(',')
    .map((t) => map[t] ?? t)
    .join(' or ');
}

function kindOf(value: unknown): string {
  if (value === null) return 'empty';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `${typeof value === 'number' ? 'a number' : typeof value === 'boolean' ? 'a boolean' : 'a string'} (${JSON.stringify(value).slice(0, 40)})`;
}
