import type { ErrorObject } from 'ajv';
import { didYouMean } from '../text/did-you-mean.js';

/**
 * A schema violation in the analyst's words, with where it sits: the value, or the key itself.
 * `rule`: the catalog rule whose check the schema also writes (`x-rule` on the schema part), so
 * that a refusal names it as every face does.
 */
export interface SchemaProblem {
  path: string;
  message: string;
  hint?: string;
  at: 'value' | 'key';
  rule?: string;
  /** A missing required key: the problem sits at its parent (`path`), which holds no node for it. */
  missing?: string;
}

/** Finds the schema a `$ref` names (`#/$defs/campaignFields`), to tell the keys it allows. */
export type RefResolver = (ref: string) => unknown;

/** Ajv's errors in the analyst's words, one per place and message. */
export function describeErrors(errors: readonly ErrorObject[], resolveRef?: RefResolver): SchemaProblem[] {
  const seen = new Set<string>();
  const problems: SchemaProblem[] = [];
  for (const error of errors) {
    const described = describe(error, resolveRef);
    const rule = (error.parentSchema as { 'x-rule'?: unknown } | undefined)?.['x-rule'];
    const problem = described && typeof rule === 'string' ? { ...described, rule } : described;
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

const PHONE = 'a US number such as +12065550100 or (206) 555-0100';
const AREA_CODE = 'a US area code such as "206" (2-9 first, not an N11 code such as 911)';
const FORMATS: Record<string, string> = {
  goLive: 'a date such as 2026-12-01',
  e164: PHONE,
  to: PHONE,
  from: PHONE,
  areaCode: AREA_CODE,
  ein: 'an EIN such as 12-3456789',
  id: 'an id of letters, digits, dot, underscore and hyphen, starting with a letter or digit',
  submittedAt: 'a date or date-time such as 2026-11-01',
  approvedAt: 'a date or date-time such as 2026-11-01',
  country: 'a two-letter country code such as US',
  market: AREA_CODE,
  url: 'an http or https URL such as https://example.com/hooks',
};

function describe(error: ErrorObject, resolveRef: RefResolver | undefined): SchemaProblem | undefined {
  const path = error.instancePath;
  const where = path === '' ? 'the document' : path;
  const field = path.split('/').at(-1) ?? '';
  const params = error.params as Record<string, unknown>;
  const schema = error.parentSchema as { description?: string } | undefined;
  switch (error.keyword) {
    case 'additionalProperties':
    case 'unevaluatedProperties': {
      const key = String(params.additionalProperty ?? params.unevaluatedProperty);
      const known = keysOf(error.parentSchema, resolveRef);
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
        missing: String(params.missingProperty),
      };
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map(String);
      const suggestion = typeof error.data === 'string' ? didYouMean(error.data, allowed) : undefined;
      // A long list (the countries) is named by its description rather than spelled out.
      const must =
        allowed.length > 20 && schema?.description
          ? lowerFirst(schema.description)
          : `one of ${allowed.join(', ')}`;
      return {
        path,
        at: 'value',
        message: `${field} is ${quote(error.data)}; it must be ${must}${suggestion ? `; did you mean '${suggestion}'?` : ''}`,
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
        message: `${field} is ${quote(error.data)}; it must be ${formatOf(field, error)}`,
      };
    case 'minimum':
    case 'maximum':
    case 'minLength':
    case 'maxLength':
      return { path, at: 'value', message: `${field} ${error.message ?? 'is out of range'}` };
    case 'not':
      // A field the server owns (readOnly), present in a request.
      if ((error.parentSchema as { readOnly?: boolean } | undefined)?.readOnly)
        return {
          path,
          at: 'key',
          message: `${field} is not the request's to set: ${schema?.description ?? 'the simulator sets it'}`,
          hint: `remove '${field}' from the request`,
        };
      return { path, at: 'value', message: `${where} ${error.message ?? 'is not valid'}` };
    case 'if':
      return undefined;
    default:
      return { path, at: 'value', message: `${where} ${error.message ?? 'is not valid'}` };
  }
}

/** What a value of a pattern or format must look like, in words. */
function formatOf(field: string, error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  const described = (error.parentSchema as { description?: string } | undefined)?.description;
  return (
    FORMATS[field] ??
    (params.pattern === DURATION ? 'a duration such as 90s, 15m, 4h or 1d12h' : undefined) ??
    (described ? lowerFirst(described) : undefined) ??
    (error.keyword === 'format'
      ? `a valid ${String(params.format)}`
      : `of the pattern ${String(params.pattern)}`)
  );
}

/** The keys an object schema allows: its own properties and those of what it `$ref`s or `allOf`s. */
function keysOf(schema: unknown, resolveRef: RefResolver | undefined, depth = 0): string[] {
  if (typeof schema !== 'object' || schema === null || depth > 8) return [];
  const s = schema as { properties?: object; $ref?: string; allOf?: unknown[] };
  const own = Object.keys(s.properties ?? {});
  const referenced = s.$ref && resolveRef ? keysOf(resolveRef(s.$ref), resolveRef, depth + 1) : [];
  const all = (s.allOf ?? []).flatMap((part) => keysOf(part, resolveRef, depth + 1));
  return [...new Set([...referenced, ...own, ...all])];
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1).replace(/\.$/u, '');
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
