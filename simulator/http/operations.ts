import express, { type NextFunction, type Request, type Response } from 'express';
import type { ValidateFunction } from 'ajv';
import { operations, type OperationId } from '../../engine/schemas/compiled/openapi-operations.js';
import * as components from '../../engine/schemas/compiled/openapi.js';
import { schema as openapi } from '../../engine/schemas/compiled/openapi.js';
import { checkWith } from '../../engine/schemas/check-schema.js';
import type { SchemaProblem } from '../../engine/schemas/schema-problems.js';
import { httpError, type ErrorBody } from './errors.js';

export type { OperationId };

declare module 'express-serve-static-core' {
  interface Locals {
    /** The operation's path and query parameters, checked against the document and typed by it. */
    params: Record<string, unknown>;
  }
}

/**
 * The OpenAPI document as the contract of one route: its path and query parameters and its JSON
 * body are checked against the operation's schemas (compiled at build from `schemas/openapi.json`),
 * so that the server takes exactly what the document says. A problem is a 400 that names the
 * parameter or the body's field (a JSON Pointer); a body in another media type is a 415.
 */
export function operation(id: OperationId) {
  const op = operations[id];
  // Only a route that takes a body reads one: elsewhere a body is not parsed, so an unknown route
  // is a 404 whatever it carries. An account config may be large; every other body is small.
  const parse =
    op.body === null
      ? undefined
      : express.json({ limit: id === 'createAccount' ? '20mb' : '1mb', strict: false });
  const check = (req: Request, res: Response, next: NextFunction): void => {
    const params = readParams(req, op.query);
    if ('error' in params) return send(res, params.error);
    if (!op.params(params.value)) {
      const problem = describe(op.params, params.value)[0];
      const name = problem ? (problem.path.split('/')[1] ?? '') : '';
      return send(
        res,
        httpError(400, problem ? problem.message : 'a parameter is not valid', { parameter: name }),
      );
    }
    res.locals.params = params.value;
    if (op.body === null) return next();
    const sent = hasBody(req);
    if (sent && !req.is('application/json'))
      return send(
        res,
        httpError(
          415,
          `the request body must be JSON (Content-Type: application/json), not ${String(req.headers['content-type'] ?? 'untyped')}`,
        ),
      );
    if (!sent || req.body === undefined) {
      if (!op.bodyRequired) {
        req.body = {};
        return next();
      }
      return send(
        res,
        httpError(400, 'the request body must be JSON (Content-Type: application/json)', { field: '' }),
      );
    }
    const refused = bodyError(checkBody(op.body as RequestSchema, req.body));
    if (!refused) return next();
    send(res, refused);
  };
  return (req: Request, res: Response, next: NextFunction): void => {
    if (!parse) return check(req, res, next);
    parse(req, res, (error?: unknown) => (error ? next(error) : check(req, res, next)));
  };
}

/** The component schemas of the document that request bodies are. */
export type RequestSchema =
  | 'CreateBrand'
  | 'SubmitCampaign'
  | 'OrderNumber'
  | 'UpdateNumber'
  | 'PortOut'
  | 'CreateOutreach'
  | 'LaunchOutreach'
  | 'SendMessage'
  | 'CreateWebhook'
  | 'SetClock'
  | 'HandsetMessage'
  | 'InjectFault'
  | 'Seed'
  | 'Restore'
  | 'Reset'
  | 'AccountConfig';

/** A request body against its schema: the problems in the API's words, `[]` when it conforms. */
export function checkBody(schema: RequestSchema, body: unknown): SchemaProblem[] {
  const validate = (components as unknown as Record<string, ValidateFunction>)[schema]!;
  return checkWith(validate, openapi, body);
}

/**
 * The 400 the server answers for a body's problems (undefined for none): the first in words, the
 * field as a JSON Pointer, and the rule when the schema part writes one. The scenario runner's
 * in-process target answers with the same.
 */
export function bodyError(
  problems: readonly SchemaProblem[],
): { status: number; body: ErrorBody } | undefined {
  const first = problems[0];
  if (!first) return undefined;
  const words = (p: SchemaProblem): string => p.message.replace(/\bthe document\b/u, 'the request body');
  const answer = httpError(400, words(first), {
    field: fieldOf(first),
    ...(first.hint === undefined ? {} : { hint: first.hint }),
    problems: problems.slice(0, 10).map((p) => ({ field: fieldOf(p), message: words(p) })),
  });
  if (first.rule !== undefined) answer.body.error.rule = first.rule;
  return answer;
}

/** The JSON Pointer of the field a problem is about: a missing key's own place, not its parent's. */
function fieldOf(problem: SchemaProblem): string {
  return problem.missing === undefined ? problem.path : `${problem.path}/${escape(problem.missing)}`;
}

function escape(key: string): string {
  return key.replace(/~/gu, '~0').replace(/\//gu, '~1');
}

function describe(validate: ValidateFunction, value: unknown): SchemaProblem[] {
  return checkWith(validate, openapi, value);
}

/** The path parameters and the declared query parameters; a parameter given twice is refused. */
function readParams(
  req: Request,
  declared: readonly string[],
): { value: Record<string, unknown> } | { error: { status: number; body: ErrorBody } } {
  const value: Record<string, unknown> = { ...req.params };
  const query = req.query as Record<string, unknown>;
  for (const name of declared) {
    const given = query[name];
    if (given === undefined) continue;
    if (typeof given !== 'string')
      return { error: httpError(400, `give ${name} once, as a single value`, { parameter: name }) };
    value[name] = given;
  }
  return { value };
}

function hasBody(req: Request): boolean {
  const length = req.headers['content-length'];
  return (length !== undefined && length !== '0') || req.headers['transfer-encoding'] !== undefined;
}

function send(res: Response, error: { status: number; body: ErrorBody }): void {
  res.status(error.status).json(error.body);
}

const TEMPLATES = [...new Set(Object.values(operations).map((op) => op.path))].map((path) => ({
  path,
  pattern: new RegExp(`^${path.replace(/\{[^}]+\}/gu, '[^/]+').replace(/\./gu, '\\.')}$`, 'u'),
  methods: Object.values(operations)
    .filter((op) => op.path === path)
    .map((op) => op.method),
}));

/** The methods the document gives a request path (`/v1/numbers/+1206…` → GET, PATCH, DELETE); `[]` for an unknown path. */
export function methodsOf(path: string): string[] {
  const found = TEMPLATES.find((t) => t.pattern.test(path));
  if (!found) return [];
  return found.methods.includes('GET') ? [...found.methods, 'HEAD'] : found.methods;
}
