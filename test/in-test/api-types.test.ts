import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { apiTypes } from '../../scripts/api-types.mjs';
import type { ApiEvent, Brand, Message, MessageStatus, PhoneNumber } from '../../index.js';
import { ROOT } from '../helpers/cli.js';

// The types tendlc exports are generated from the OpenAPI document at build time, so that they are
// its schemas: these tests hold the generator to that, and the exported types to the document.

const compiled = join(ROOT, 'engine/schemas/compiled');
const doc = (schemas: Record<string, unknown>) => ({ components: { schemas } });

describe('the exported types', () => {
  it('are what the generator makes of the current document', () => {
    const bundle: unknown = JSON.parse(readFileSync(join(compiled, 'openapi.json'), 'utf8'));
    expect(readFileSync(join(compiled, 'api-types.d.ts'), 'utf8')).toBe(apiTypes(bundle));
  });

  it('type each resource as the document describes it, closed where the document closes it', () => {
    expectTypeOf<Message['status']>().toEqualTypeOf<MessageStatus>();
    expectTypeOf<Message['createdAt']>().toEqualTypeOf<string>();
    expectTypeOf<Message['errorCode']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<PhoneNumber['assignment']>().toEqualTypeOf<'none' | 'propagating' | 'effective'>();
    expectTypeOf<ApiEvent['data']>().toEqualTypeOf<{ [key: string]: unknown }>();
    // @ts-expect-error a brand has no field the document does not give it
    const extra: Brand['nickname'] = undefined;
    // @ts-expect-error a message's status is one of the document's
    const status: MessageStatus = 'lost';
    expect([extra, status]).toHaveLength(2);
  });
});

describe('the generator', () => {
  it('merges a $ref with the properties beside it, required ones without `?`, and closes the object', () => {
    const out = apiTypes(
      doc({
        Fields: { type: 'object', properties: { id: { type: 'string' }, note: { type: 'string' } } },
        Thing: {
          $ref: '#/components/schemas/Fields',
          required: ['id', 'at'],
          properties: { at: { type: 'string', format: 'date-time' }, status: { not: {} } },
          unevaluatedProperties: false,
        },
      }),
    );
    expect(out).toContain(
      'export interface Thing {\n  id: string;\n  note?: string;\n  at: string;\n  status?: never;\n}',
    );
    // Without a closing keyword, other keys may be there, and the type says so.
    expect(out).toContain(
      'export interface Fields {\n  id?: string;\n  note?: string;\n  [key: string]: unknown;\n}',
    );
  });

  it('writes enums, consts, nullable types, arrays and alternatives, and ignores constraint-only parts', () => {
    const out = apiTypes(
      doc({
        Status: { enum: ['a', 'b'], description: 'A status.' },
        Pick: {
          type: 'object',
          additionalProperties: false,
          properties: {
            kind: { const: 'x' },
            campaign: { oneOf: [{ type: 'string' }, { type: 'null' }] },
            tags: { type: 'array', items: { $ref: '#/components/schemas/Status' } },
            count: { type: ['integer', 'null'], minimum: 0 },
          },
          anyOf: [{ required: ['kind'], properties: { kind: true } }],
        },
      }),
    );
    expect(out).toContain('/** A status. */\nexport type Status = "a" | "b";');
    expect(out).toContain(
      'export interface Pick {\n  kind?: "x";\n  campaign?: string | null;\n  tags?: Status[];\n  count?: number | null;\n}',
    );
  });

  it('refuses a keyword it cannot type, naming the schema, rather than typing it wrongly', () => {
    expect(() => apiTypes(doc({ Odd: { type: 'array', prefixItems: [{ type: 'string' }] } }))).toThrow(
      "api-types: components.schemas.Odd: the keyword 'prefixItems' is not one this generator can type",
    );
    expect(() => apiTypes(doc({ Odd: { not: { type: 'string' } } }))).toThrow(/only 'not: \{\}'/u);
    expect(() => apiTypes(doc({ Odd: { $ref: 'other.json#/x' } }))).toThrow(/cannot type the reference/u);
  });
});
