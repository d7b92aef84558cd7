import fc from 'fast-check';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { ValidateFunction } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schema as document } from '../../engine/schemas/compiled/openapi.js';
import { arbitraryOf } from '../helpers/schema-arbitrary.js';
import { reliabilitySize } from '../helpers/reliability-size.js';
import { startTestServer, type TestServer } from '../helpers/simulator.js';

// R8, the request half: requests drawn from the document's own schemas, for every operation. Each
// must be accepted, or refused by the state or a rule (403, 404, 409, or 422 naming the rule), never
// by a 400 the document does not explain (the document allowed the request) and never by a 5xx. The
// response half (every response against the document) is checked for all suites by
// test/setup/contract.ts, these responses included.

const RUNS = reliabilitySize(10_000, 400);

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema: unknown;
}
interface Operation {
  operationId: string;
  parameters?: Array<Parameter | { $ref: string }>;
  requestBody?: { content: { 'application/json': { schema: { $ref: string } } } };
  security?: unknown[];
}
const doc = document as unknown as {
  paths: Record<string, Record<string, Operation>>;
  components: { parameters: Record<string, Parameter> };
};

const ajv = new Ajv2020({ allErrors: false, strict: false });
addFormats.default(ajv);
ajv.addSchema(document, 'openapi');
const validator = (ref: string): ValidateFunction => ajv.compile({ $ref: `openapi${ref}` });
/** A schema of the document, its `#/…` references made to point into the document. */
const absolute = (schema: unknown): object =>
  JSON.parse(JSON.stringify(schema).replaceAll('"$ref":"#/', '"$ref":"openapi#/')) as object;

// The example account's ids, mixed into the draws so that requests reach what exists.
const HINTS = {
  id: [
    'acme-brand',
    'acme-mkt',
    'acme-care',
    'spring-open-house',
    'msg-1',
    'wh-1',
    'snap-1',
    'fault-1',
    'acme',
  ],
  brand: ['acme-brand'],
  campaign: ['acme-mkt', 'acme-care'],
  subgroup: ['north', 'south'],
  e164: ['+12065550100', '+12065550101', '+15035550110', '+15035550111'],
  from: ['+12065550100', '+12065550101', '+15035550110'],
  to: ['+12065550199', '+15035550188', '+12065550100'],
  outreach: ['spring-open-house', 'portland-open-house'],
  user: ['olga', 'ana', 'sam', 'lee'],
  owner: ['olga', 'ana', 'sam'],
  rep: ['ana'],
  areaCode: ['503', '206', '603'],
  account: ['acme'],
};

interface Drawn {
  method: string;
  path: string;
  query: string;
  body?: unknown;
  admin: boolean;
  public: boolean;
  operationId: string;
}

function requestsOf(path: string, method: string, op: Operation): fc.Arbitrary<Drawn> {
  const params = (op.parameters ?? []).map((p) =>
    '$ref' in p ? doc.components.parameters[p.$ref.split('/').at(-1)!]! : p,
  );
  const pathParams = params.filter((p) => p.in === 'path');
  const queryParams = params.filter((p) => p.in === 'query' && p.name !== 'token');
  const value = (p: Parameter): fc.Arbitrary<string> => {
    const valid = ajv.compile(absolute(p.schema));
    return arbitraryOf(p.schema, document, HINTS, p.name)
      .filter((v) => valid(v))
      .map((v) => String(v));
  };
  const bodyRef = op.requestBody?.content['application/json'].schema.$ref;
  const checkBody = bodyRef ? validator(bodyRef) : undefined;
  const body = bodyRef
    ? arbitraryOf({ $ref: bodyRef }, document, HINTS).filter((b) => checkBody!(b))
    : fc.constant(undefined);
  return fc
    .record({
      path: fc.tuple(...pathParams.map(value)),
      query: fc.tuple(
        ...queryParams.map((p) => (p.required ? value(p) : fc.option(value(p), { nil: undefined }))),
      ),
      body,
    })
    .map(({ path: values, query, body: drawn }) => {
      let concrete = path;
      pathParams.forEach((p, i) => {
        concrete = concrete.replace(`{${p.name}}`, encodeURIComponent(values[i]!));
      });
      const search = new URLSearchParams();
      queryParams.forEach((p, i) => {
        if (query[i] !== undefined) search.set(p.name, query[i]!);
      });
      const security = op.security;
      return {
        method: method.toUpperCase(),
        path: concrete,
        query: search.size > 0 ? `?${search.toString()}` : '',
        ...(drawn === undefined ? {} : { body: drawn }),
        admin: JSON.stringify(security ?? []).includes('adminToken'),
        public: Array.isArray(security) && security.length === 0,
        operationId: op.operationId,
      };
    });
}

const operations = Object.entries(doc.paths).flatMap(([path, item]) =>
  Object.entries(item)
    // The event stream is a WebSocket: its plain GET is the 426 the document declares, tested in tenancy.
    .filter(([, op]) => op.operationId !== 'events')
    .map(([method, op]) => requestsOf(path, method, op)),
);

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ latency: 'fast' });
});
afterAll(async () => {
  await t.stop();
});

describe('R8: requests drawn from the document', () => {
  it(
    `accepts each of ${String(RUNS)} requests the document allows, or refuses it by the state or a rule`,
    async () => {
      const seen = new Set<string>();
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(...operations),
          fc.constantFrom('olga', 'ana', 'sam', 'lee'),
          async (r, user) => {
            seen.add(r.operationId);
            const headers: Record<string, string> = {};
            if (!r.public) headers.authorization = `Bearer ${r.admin ? 'test-admin' : t.keyOf(user)}`;
            if (r.body !== undefined) headers['content-type'] = 'application/json';
            const res = await fetch(`${t.url}${r.path}${r.query}`, {
              method: r.method,
              headers,
              ...(r.body === undefined ? {} : { body: JSON.stringify(r.body) }),
            });
            const text = await res.text();
            const said = `${r.method} ${r.path}${r.query} ${JSON.stringify(r.body) ?? ''} → ${String(res.status)} ${text.slice(0, 300)}`;
            const error =
              res.status >= 400
                ? (JSON.parse(text) as { error: { code: string; rule?: string } }).error
                : undefined;
            // An injected http-error fault (which the document lets a request create) answers as it says.
            if (error?.code === 'injected_fault') return;
            expect([200, 201, 202, 403, 404, 409, 422], said).toContain(res.status);
            if (res.status === 422) expect(error?.rule, said).toBeTypeOf('string');
          },
        ),
        { numRuns: RUNS, seed: Number(process.env.TENDLC_SEED ?? 20261126), endOnFailure: true },
      );
      expect(t.server.service.sim.invariants()).toEqual([]);
      expect(seen.size).toBeGreaterThan(operations.length / 2);
    },
    reliabilitySize(1_800_000, 240_000),
  );
});
