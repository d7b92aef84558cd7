import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import type { ValidateFunction } from 'ajv';
import { isBuiltFrom, projectAjv, schemaValidator } from '../../validator/compiled-schema.js';
import { PROFILES_DIR } from '../../validator/load-profile.js';
import { describeErrors } from '../../validator/schema-check.js';

const require = createRequire(import.meta.url);

/** The component schemas of `schemas/openapi.json` that request bodies use. */
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
  | 'Fault'
  | 'Seed'
  | 'Restore'
  | 'Reset'
  | 'Account';

/** The package root, from the built files in dist/ or from the TypeScript sources (tests). */
export const PROJECT_ROOT = resolve(PROFILES_DIR, '..');

let validators: Record<string, ValidateFunction> | undefined;

/**
 * The validators of the request bodies. The build compiles them to JavaScript
 * (`dist/schemas/openapi.validate.cjs`), so that the server starts without compiling; from the
 * sources they are compiled on first use.
 */
function load(): Record<string, ValidateFunction> {
  if (validators) return validators;
  const root = PROJECT_ROOT;
  const source = resolve(root, 'schemas', 'openapi.json');
  const prebuilt = resolve(root, 'dist', 'schemas', 'openapi.validate.cjs');
  if (isBuiltFrom(prebuilt, [source])) {
    validators = require(prebuilt) as Record<string, ValidateFunction>;
  } else {
    const doc = JSON.parse(readFileSync(source, 'utf8')) as { components: { schemas: object } };
    const ajv = projectAjv();
    ajv.addSchema(doc, 'openapi');
    validators = Object.fromEntries(
      Object.keys(doc.components.schemas).map((name) => [
        name,
        ajv.getSchema(`openapi#/components/schemas/${name}`) as ValidateFunction,
      ]),
    );
  }
  validators.Account = schemaValidator('account', root);
  return validators;
}

/** A malformed request body, in words, with the JSON Pointer of the field. */
export interface BodyProblem {
  field: string;
  message: string;
  hint?: string;
}

/** Checks a request body; `[]` when it is well formed. */
export function checkBody(schema: RequestSchema, body: unknown): BodyProblem[] {
  const validate = load()[schema];
  if (!validate || validate(body)) return [];
  return describeErrors(validate.errors ?? []).map((p) => ({
    field: p.path,
    message: p.message.replace(/\bthe document\b/u, 'the request body'),
    ...(p.hint === undefined ? {} : { hint: p.hint }),
  }));
}
