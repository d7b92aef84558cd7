import fc from 'fast-check';

/**
 * A fast-check arbitrary of the values a JSON Schema (2020-12, as OpenAPI 3.1 writes it) allows,
 * for the subset the project's documents use: objects, arrays, strings with patterns, formats and
 * lengths, numbers with bounds, enums, consts, `$ref`, `oneOf`/`anyOf`. The draws are close to the
 * schema, not exact: whatever the schema also says (`if`/`then`, `minProperties`, lookaheads in a
 * pattern) is left to the caller, who filters with the real validator.
 *
 * `hints`: values to mix in by property name (the ids of a loaded account), so that requests
 * reach resources that exist and not only 404s.
 */
export function arbitraryOf(
  schema: unknown,
  root: unknown,
  hints: Readonly<Record<string, readonly unknown[]>> = {},
  name?: string,
  depth = 0,
): fc.Arbitrary<unknown> {
  const s = (schema ?? {}) as Schema;
  const hinted = name !== undefined ? hints[name] : undefined;
  const own = plain(s, root, hints, name, depth);
  return hinted && hinted.length > 0 ? fc.oneof(fc.constantFrom(...hinted), own) : own;
}

interface Schema {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, unknown>;
  required?: string[];
  items?: unknown;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  oneOf?: unknown[];
  anyOf?: unknown[];
}

function plain(
  s: Schema,
  root: unknown,
  hints: Readonly<Record<string, readonly unknown[]>>,
  name: string | undefined,
  depth: number,
): fc.Arbitrary<unknown> {
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum) return fc.constantFrom(...s.enum);
  if (s.oneOf || s.anyOf)
    return fc.oneof(
      ...(s.oneOf ?? s.anyOf ?? []).map((part) => arbitraryOf(part, root, hints, name, depth + 1)),
    );
  const types = Array.isArray(s.type) ? s.type : s.type ? [s.type] : [];
  const properties = collectProperties(s, root);
  if (types.length > 1)
    return fc.oneof(...types.map((type) => plain({ ...s, type }, root, hints, name, depth)));
  const type = types[0] ?? (Object.keys(properties.all).length > 0 ? 'object' : s.$ref ? 'ref' : 'any');
  switch (type) {
    case 'ref':
      return arbitraryOf(resolve(s.$ref!, root), root, hints, name, depth + 1);
    case 'object': {
      if (depth > 6) return fc.constant({});
      // A readOnly field is the server's: a request does not send it (OpenAPI 3.1).
      const shape = Object.fromEntries(
        Object.entries(properties.all)
          .filter(([, part]) => (part as Schema & { readOnly?: boolean }).readOnly !== true)
          .map(([key, part]) => [key, arbitraryOf(part, root, hints, key, depth + 1)]),
      );
      return fc.record(shape, { requiredKeys: properties.required.filter((k) => k in shape) });
    }
    case 'array': {
      const items = arbitraryOf(s.items ?? resolveItems(s, root), root, hints, singular(name), depth + 1);
      return fc.array(items, { minLength: s.minItems ?? 0, maxLength: Math.min(s.maxItems ?? 4, 4) });
    }
    case 'string':
      return stringOf(s);
    case 'integer':
      return fc.integer({ min: bound(s.minimum ?? s.exclusiveMinimum, -1e6), max: bound(s.maximum, 1e6) });
    case 'number':
      return fc.double({
        min: bound(s.minimum ?? s.exclusiveMinimum, -1e6),
        max: bound(s.maximum, 1e6),
        noNaN: true,
        noDefaultInfinity: true,
      });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    default:
      return fc.oneof(fc.string({ maxLength: 8 }), fc.integer(), fc.boolean());
  }
}

function stringOf(s: Schema): fc.Arbitrary<string> {
  const max = Math.min(s.maxLength ?? 40, 80);
  const min = s.minLength ?? 0;
  if (s.pattern) {
    // fast-check builds strings from a regular expression, but not through lookarounds: they are
    // dropped here, and the caller's validator filters what they would have excluded.
    const pattern = s.pattern.replace(/\(\?[=!][^()]*\)/gu, '');
    return fc
      .stringMatching(new RegExp(pattern, 'u'))
      .filter((v) => v.length >= min && v.length <= (s.maxLength ?? Infinity));
  }
  switch (s.format) {
    case 'date-time':
      return fc
        .date({
          min: new Date('2000-01-01T00:00:00Z'),
          max: new Date('2099-12-31T00:00:00Z'),
          noInvalidDate: true,
        })
        .map((d) => d.toISOString());
    case 'email':
      return fc.emailAddress();
    case 'uri':
      return fc.webUrl();
    default:
      return fc.string({ minLength: min, maxLength: Math.max(min, max) });
  }
}

/** The properties an object schema names, its own and those of what it `$ref`s, and the required ones. */
function collectProperties(s: Schema, root: unknown): { all: Record<string, unknown>; required: string[] } {
  const all: Record<string, unknown> = {};
  const required: string[] = [];
  const visit = (part: Schema, depth: number): void => {
    if (depth > 8) return;
    if (part.$ref && (part.properties || part.required || depth > 0 || !part.type))
      visit(resolve(part.$ref, root) as Schema, depth + 1);
    Object.assign(all, part.properties ?? {});
    required.push(...(part.required ?? []));
  };
  visit(s, 0);
  return { all, required: [...new Set(required)] };
}

function resolveItems(s: Schema, root: unknown): unknown {
  return s.$ref ? (resolve(s.$ref, root) as Schema).items : undefined;
}

function resolve(ref: string, root: unknown): unknown {
  let node = root;
  for (const raw of ref.replace(/^#\//u, '').split('/')) {
    const key = raw.replace(/~1/gu, '/').replace(/~0/gu, '~');
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

function bound(value: number | undefined, fallback: number): number {
  return value === undefined ? fallback : value;
}

function singular(name: string | undefined): string | undefined {
  if (name === 'numbers') return 'e164';
  if (name === 'agents') return 'user';
  return name;
}
