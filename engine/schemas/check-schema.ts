import type { ValidateFunction } from 'ajv';
import validateAccount, { schema as accountSchema } from './compiled/account.js';
import validateProfile, { schema as profileSchema } from './compiled/carrier-profile.js';
import validateScenario, { schema as scenarioSchema } from './compiled/scenario.js';
import { describeErrors, type RefResolver, type SchemaProblem } from './schema-problems.js';

/** The file formats of `schemas/`, each checked by its compiled schema. */
export type SchemaName = 'account' | 'carrier-profile' | 'scenario';

const COMPILED: Record<SchemaName, { validate: ValidateFunction; schema: unknown }> = {
  account: { validate: validateAccount, schema: accountSchema },
  'carrier-profile': { validate: validateProfile, schema: profileSchema },
  scenario: { validate: validateScenario, schema: scenarioSchema },
};

/** Checks a document against one of the project's schemas; `[]` when it conforms. */
export function checkSchema(name: SchemaName, value: unknown): SchemaProblem[] {
  const { validate, schema } = COMPILED[name];
  return validate(value) ? [] : describeErrors(validate.errors ?? [], localRefs(schema));
}

/** Checks a value with a compiled validator whose `$ref`s point into `root`. */
export function checkWith(validate: ValidateFunction, root: unknown, value: unknown): SchemaProblem[] {
  return validate(value) ? [] : describeErrors(validate.errors ?? [], localRefs(root));
}

/** Resolves the `#/…` references of one document (JSON Pointer fragments). */
export function localRefs(root: unknown): RefResolver {
  return (ref) => {
    if (!ref.startsWith('#/')) return undefined;
    let node = root;
    for (const raw of ref.slice(2).split('/')) {
      const key = decodeURIComponent(raw).replace(/~1/gu, '/').replace(/~0/gu, '~');
      if (typeof node !== 'object' || node === null || !Object.hasOwn(node, key)) return undefined;
      node = (node as Record<string, unknown>)[key];
    }
    return node;
  };
}
