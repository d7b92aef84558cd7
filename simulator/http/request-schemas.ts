import type { ValidateFunction } from 'ajv';
import * as openapi from '../../engine/schemas/compiled/openapi.js';
import { checkSchema } from '../../engine/schemas/check-schema.js';
import { describeErrors } from '../../engine/schemas/schema-problems.js';

/** The component schemas of `schemas/openapi.json` that request bodies use, and the account config. */
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

/** A malformed request body, in words, with the JSON Pointer of the field. */
export interface BodyProblem {
  field: string;
  message: string;
  hint?: string;
  /** The rule whose check the schema writes (a malformed phone number: `recipient-us-10-digit`). */
  rule?: string;
}

/** Checks a request body against its schema (compiled at build, in the engine); `[]` when it is well formed. */
export function checkBody(schema: RequestSchema, body: unknown): BodyProblem[] {
  const problems =
    schema === 'Account' ? checkSchema('account', body) : check(openapi[schema] as ValidateFunction, body);
  return problems.map((p) => ({
    field: p.path,
    message: p.message.replace(/\bthe document\b/u, 'the request body'),
    ...(p.hint === undefined ? {} : { hint: p.hint }),
    ...(p.rule === undefined ? {} : { rule: p.rule }),
  }));
}

function check(validate: ValidateFunction, body: unknown): ReturnType<typeof describeErrors> {
  return validate(body) ? [] : describeErrors(validate.errors ?? []);
}
