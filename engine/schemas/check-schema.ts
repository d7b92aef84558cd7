import type { ValidateFunction } from 'ajv';
import validateAccount from './compiled/account.js';
import validateProfile from './compiled/carrier-profile.js';
import validateScenario from './compiled/scenario.js';
import { describeErrors, type SchemaProblem } from './schema-problems.js';

/** The file formats of `schemas/`, each checked by its compiled schema. */
export type SchemaName = 'account' | 'carrier-profile' | 'scenario';

const VALIDATORS: Record<SchemaName, ValidateFunction> = {
  account: validateAccount,
  'carrier-profile': validateProfile,
  scenario: validateScenario,
};

/** Checks a document against one of the project's schemas; `[]` when it conforms. */
export function checkSchema(name: SchemaName, value: unknown): SchemaProblem[] {
  const validate = VALIDATORS[name];
  return validate(value) ? [] : describeErrors(validate.errors ?? []);
}
