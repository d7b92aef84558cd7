import type { ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { schema as document } from '../../engine/schemas/compiled/openapi.js';

/**
 * The contract (R8): a response of the simulator against `schemas/openapi.json` — its status is
 * one the operation declares (or its `default`), its content type one the response declares, and
 * its body valid against the response's schema. Paths the document does not know answer with the
 * document's error body.
 */

interface MediaType {
  schema?: unknown;
}
interface ResponseObject {
  $ref?: string;
  content?: Record<string, MediaType>;
}
interface OperationObject {
  responses: Record<string, ResponseObject>;
}
type PathItem = Record<string, OperationObject>;

const doc = document as unknown as {
  paths: Record<string, PathItem>;
  components: { responses: Record<string, ResponseObject> };
};

const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats.default(ajv);
ajv.addSchema(document, 'openapi');

const templates = Object.entries(doc.paths).map(([path, item]) => ({
  path,
  item,
  pattern: new RegExp(`^${path.replace(/\{[^}]+\}/gu, '[^/]+').replace(/\./gu, '\\.')}$`, 'u'),
}));

const validators = new Map<string, ValidateFunction>();
function validatorFor(pointer: string): ValidateFunction {
  let validate = validators.get(pointer);
  if (!validate) {
    validate = ajv.getSchema(`openapi#${pointer}`) ?? ajv.compile({ $ref: `openapi#${pointer}` });
    validators.set(pointer, validate);
  }
  return validate;
}

/** The paths the document owns: responses elsewhere (a webhook receiver, a provider face) are not its. */
export function isDocumentedPath(path: string): boolean {
  return path.startsWith('/v1/') || path === '/healthz' || path === '/metrics' || path === '/openapi.json';
}

/** What a response gets wrong against the document; `[]` when it agrees. */
export function contractViolations(
  method: string,
  path: string,
  status: number,
  contentType: string | null,
  body: string,
): string[] {
  const where = `${method} ${path} answered ${String(status)}`;
  const template = templates.find((t) => t.pattern.test(path));
  const verb = method.toLowerCase() === 'head' ? 'get' : method.toLowerCase();
  const operation = template?.item[verb];
  const errorBody = '/components/schemas/Error';
  if (!template || !operation) {
    // Not in the document: 404 (no such path) or 405 (no such method), in the error envelope.
    const expected = template ? 405 : 404;
    if (status !== expected && status !== 401 && status !== 403 && status !== 429)
      return [`${where}; a path or method the document does not give must answer ${String(expected)}`];
    return checkBody(where, 'application/json', contentType, body, errorBody, method);
  }
  let response = operation.responses[String(status)] ?? operation.responses.default;
  if (!response) return [`${where}, a status the document does not declare for it`];
  const pointerOf = (ref: string): string => ref.replace(/^#/u, '');
  if (response.$ref) response = doc.components.responses[response.$ref.split('/').at(-1)!]!;
  const content = response.content;
  if (!content) return body === '' ? [] : [`${where} with a body where the document declares none`];
  const declared = Object.keys(content);
  const type = declared.find((t) => contentType?.startsWith(t));
  if (!type) return [`${where} as ${String(contentType)}; the document declares ${declared.join(', ')}`];
  const schema = content[type]!.schema as { $ref?: string } | undefined;
  if (!schema) return [];
  const pointer = schema.$ref
    ? pointerOf(schema.$ref)
    : `/paths/${escape(template.path)}/${verb}/responses/${String(operation.responses[String(status)] ? status : 'default')}/content/${escape(type)}/schema`;
  return checkBody(where, type, contentType, body, pointer, method);
}

function checkBody(
  where: string,
  type: string,
  contentType: string | null,
  body: string,
  pointer: string,
  method: string,
): string[] {
  if (method.toUpperCase() === 'HEAD') return [];
  if (!contentType?.startsWith(type)) return [`${where} as ${String(contentType)}, not ${type}`];
  let value: unknown = body;
  if (type === 'application/json') {
    try {
      value = JSON.parse(body);
    } catch {
      return [`${where} with a body that is not JSON: ${body.slice(0, 80)}`];
    }
  }
  const validate = validatorFor(pointer);
  if (validate(value)) return [];
  return (validate.errors ?? [])
    .slice(0, 5)
    .map((e) => `${where}: ${e.instancePath || '(body)'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}

function escape(segment: string): string {
  return segment.replace(/~/gu, '~0').replace(/\//gu, '~1');
}
