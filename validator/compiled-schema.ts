import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import type * as AjvModule from 'ajv';
import type { Ajv, ValidateFunction } from 'ajv';

const require = createRequire(import.meta.url);

/** The schemas the tool checks its inputs against, by file name in `schemas/`. */
export type SchemaName = 'account' | 'carrier-profile' | 'scenario';

/** Ajv as every schema of the project is compiled: all errors, formats, the data in each error. */
export function projectAjv(): Ajv {
  // Loaded only when a schema must be compiled: the built CLI never needs ajv's compiler.
  const { Ajv } = require('ajv') as typeof AjvModule;
  const addFormats = require('ajv-formats') as { default: (ajv: Ajv) => void };
  const ajv = new Ajv({ allErrors: true, strict: false, verbose: true, code: { source: true } });
  addFormats.default(ajv);
  return ajv;
}

const compiled = new Map<SchemaName, ValidateFunction>();

/**
 * The validator of a schema. The build compiles each schema to JavaScript once
 * (`scripts/compile-schemas.mjs`, into `dist/schemas/`), so that the CLI starts without
 * compiling; from the sources, the schema is compiled on first use.
 */
export function schemaValidator(name: SchemaName, root: string): ValidateFunction {
  let validate = compiled.get(name);
  if (validate) return validate;
  const prebuilt = resolve(root, 'dist', 'schemas', `${name}.validate.cjs`);
  const schemaFile = resolve(root, 'schemas', `${name}.schema.json`);
  validate = isBuiltFrom(prebuilt, [schemaFile])
    ? (require(prebuilt) as { default: ValidateFunction }).default
    : projectAjv().compile(JSON.parse(readFileSync(schemaFile, 'utf8')) as object);
  compiled.set(name, validate);
  return validate;
}

/** True when `built` exists and is no older than any of its sources (a cheap freshness check). */
export function isBuiltFrom(built: string, sources: readonly string[]): boolean {
  try {
    const at = statSync(built).mtimeMs;
    return sources.every((source) => statSync(source).mtimeMs <= at);
  } catch {
    return false;
  }
}
