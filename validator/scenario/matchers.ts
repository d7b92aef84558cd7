/**
 * The comparisons of a scenario's expectations. A value is either a literal (equal, an object
 * field by field, a list element by element) or a matcher: an object whose keys are all matcher
 * keys, each of which must hold.
 *
 *   { not: X }          anything X does not match
 *   { oneOf: [A, B] }   one of them
 *   { min: A, max: B }  a range, inclusive (numbers, or ISO 8601 times); either end alone
 *   { contains: X }     a text containing X, or a list with an element matching X
 *   { matches: RE }     a text the regular expression finds something in
 *   { count: N }        a list of N elements (N itself a number or a matcher)
 */
export const MATCHER_KEYS: ReadonlySet<string> = new Set([
  'not',
  'oneOf',
  'min',
  'max',
  'contains',
  'matches',
  'count',
]);

/** Whether an expected value is a matcher rather than a literal. */
export function isMatcher(value: unknown): value is Record<string, unknown> {
  if (!isRecord(value)) return false;
  const keys = Object.keys(value);
  return keys.length > 0 && keys.every((k) => MATCHER_KEYS.has(k));
}

/**
 * Undefined when `actual` matches `expected`; else how it differs, as `is X, expected Y`. A time
 * field (`at`, `…At`: epoch milliseconds) is shown as the ISO 8601 time it is compared as.
 */
export function mismatch(actual: unknown, expected: unknown, key = ''): string | undefined {
  if (matches(actual, expected)) return undefined;
  const time = (key === 'at' || key.endsWith('At')) && typeof actual === 'number' && Number.isFinite(actual);
  return `is ${time ? show(new Date(actual).toISOString()) : show(actual)}, expected ${describe(expected)}`;
}

/**
 * Each listed field of `actual` against its expectation: undefined when all hold, else the first
 * that does not, as `FIELD is X, expected Y` (a nested field by its dotted path).
 */
export function fieldMismatch(
  actual: unknown,
  expected: Record<string, unknown>,
  path = '',
): string | undefined {
  const record = isRecord(actual) ? actual : {};
  for (const [key, want] of Object.entries(expected)) {
    const got = record[key] ?? null;
    const at = path ? `${path}.${key}` : key;
    if (isRecord(want) && !isMatcher(want) && isRecord(got)) {
      const inner = fieldMismatch(got, want, at);
      if (inner) return inner;
      continue;
    }
    const differs = mismatch(got, want, key);
    if (differs) return `${at} ${differs}`;
  }
  return undefined;
}

/** Whether `actual` matches `expected` (a literal or a matcher). */
export function matches(actual: unknown, expected: unknown): boolean {
  if (isMatcher(expected)) return Object.entries(expected).every(([key, arg]) => holds(key, actual, arg));
  if (expected === null || expected === undefined) return actual === null || actual === undefined;
  if (Array.isArray(expected))
    return (
      Array.isArray(actual) &&
      actual.length === expected.length &&
      expected.every((e, i) => matches(actual[i], e))
    );
  if (isRecord(expected))
    return isRecord(actual) && Object.entries(expected).every(([k, v]) => matches(actual[k] ?? null, v));
  // A time compares as the instant it names, written as ISO 8601 or held as epoch milliseconds.
  if (typeof expected === 'string' && isTime(expected)) {
    if (typeof actual === 'number') return Date.parse(expected) === actual;
    if (typeof actual === 'string' && isTime(actual)) return Date.parse(expected) === Date.parse(actual);
  }
  return actual === expected;
}

function holds(key: string, actual: unknown, arg: unknown): boolean {
  switch (key) {
    case 'not':
      return !matches(actual, arg);
    case 'oneOf':
      return Array.isArray(arg) && arg.some((option) => matches(actual, option));
    case 'min':
      return compare(actual, arg) >= 0;
    case 'max': {
      const c = compare(actual, arg);
      return !Number.isNaN(c) && c <= 0;
    }
    case 'contains':
      if (typeof actual === 'string') return actual.includes(String(arg));
      return Array.isArray(actual) && actual.some((item) => matches(item, arg));
    case 'matches':
      return typeof actual === 'string' && regex(String(arg))?.test(actual) === true;
    case 'count':
      return Array.isArray(actual) && matches(actual.length, arg);
    default:
      return false;
  }
}

/** Negative, zero or positive as `actual` is below, at or above `bound`; NaN when they do not compare. */
function compare(actual: unknown, bound: unknown): number {
  if (typeof actual === 'number' && typeof bound === 'number') return actual - bound;
  const a =
    typeof actual === 'string' && isTime(actual)
      ? Date.parse(actual)
      : typeof actual === 'number'
        ? actual
        : NaN;
  const b = typeof bound === 'string' && isTime(bound) ? Date.parse(bound) : NaN;
  return a - b;
}

/** The regular expression of a `matches`, or undefined when it does not compile (the loader says so). */
export function regex(source: string): RegExp | undefined {
  try {
    return new RegExp(source, 'u');
  } catch {
    return undefined;
  }
}

/** An ISO 8601 date-time, as the API writes times. */
export function isTime(text: string): boolean {
  return (
    /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)$/u.test(text) &&
    !Number.isNaN(Date.parse(text))
  );
}

/** An expectation in words: `"verified"`, `not "pending"`, `one of ["a", "b"]`, `from 2 to 5`. */
export function describe(expected: unknown): string {
  if (!isMatcher(expected)) return show(expected);
  const parts: string[] = [];
  const { min, max } = expected;
  if (min !== undefined && max !== undefined) parts.push(`from ${show(min)} to ${show(max)}`);
  else if (min !== undefined) parts.push(`at least ${show(min)}`);
  else if (max !== undefined) parts.push(`at most ${show(max)}`);
  if ('not' in expected) parts.push(`not ${describe(expected.not)}`);
  if ('oneOf' in expected)
    parts.push(
      `one of ${Array.isArray(expected.oneOf) ? `[${expected.oneOf.map(describe).join(', ')}]` : show(expected.oneOf)}`,
    );
  if ('contains' in expected) parts.push(`containing ${describe(expected.contains)}`);
  if ('matches' in expected) parts.push(`matching /${String(expected.matches)}/`);
  if ('count' in expected) parts.push(`a list of ${describe(expected.count)}`);
  return parts.join(' and ');
}

function show(value: unknown): string {
  return value === undefined ? 'null' : JSON.stringify(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
