import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isBuiltFrom, schemaValidator } from './compiled-schema.js';
import { displayPath } from './inputs.js';
import { describeErrors } from './schema-check.js';
import { loadYamlSource, type SourceDocument } from './yaml-source.js';
import type { CarrierProfile } from '../engine/carrier-profile.js';

/** The folder of the shipped profiles (`seed`, `carriers-2025`), found from the package root. */
export const PROFILES_DIR = resolve(
  dirname(fileURLToPath(import.meta.url)),
  packageRootFromHere(),
  'profiles',
);

export type ProfileResult = { ok: true; profile: CarrierProfile } | { ok: false; error: string };

const cache = new Map<string, CarrierProfile>();

/**
 * Loads a carrier profile by shipped name or file path. `extends` names another profile (shipped
 * name, or a path relative to this file): maps merge, lists and scalars replace. The merged profile
 * is checked against the schema; an error names the file and the field.
 */
export function loadProfile(nameOrFile: string, cwd = process.cwd()): ProfileResult {
  const cached = cache.get(nameOrFile) ?? prebuiltProfile(nameOrFile);
  if (cached) {
    cache.set(nameOrFile, cached);
    return { ok: true, profile: cached };
  }
  return loadProfileSource(nameOrFile, cwd);
}

/** Reads, merges and checks a profile from its YAML, as the build does for the shipped ones. */
export function loadProfileSource(nameOrFile: string, cwd = process.cwd()): ProfileResult {
  const merged = loadMerged(nameOrFile, cwd, []);
  if (!merged.ok) return merged;
  const validate = schemaValidator('carrier-profile', resolve(PROFILES_DIR, '..'));
  if (!validate(merged.value)) {
    const problems = describeErrors(validate.errors ?? []).map(
      (p) =>
        `${placeOf(merged.sources, p.path, p.at)}: ${p.message.replace(/\bthe document\b/u, 'the profile')}`,
    );
    return { ok: false, error: `carrier profile: ${problems.join('; ')}` };
  }
  const { extends: _extends, ...profile } = merged.value as unknown as CarrierProfile & { extends?: string };
  cache.set(nameOrFile, profile);
  return { ok: true, profile };
}

/**
 * A shipped profile as the build merged and checked it (`dist/profiles/NAME.json`), so that the
 * CLI neither parses nor validates it at start-up; only while no profile source or the schema
 * changed since.
 */
function prebuiltProfile(name: string): CarrierProfile | undefined {
  if (!/^[a-z0-9-]+$/.test(name)) return undefined;
  const root = resolve(PROFILES_DIR, '..');
  const built = resolve(root, 'dist', 'profiles', `${name}.json`);
  const sources = [
    resolve(root, 'schemas', 'carrier-profile.schema.json'),
    ...listProfiles().map((f) => resolve(PROFILES_DIR, f)),
  ];
  if (!existsSync(resolve(PROFILES_DIR, `${name}.yaml`)) || !isBuiltFrom(built, sources)) return undefined;
  try {
    return JSON.parse(readFileSync(built, 'utf8')) as CarrierProfile;
  } catch {
    return undefined;
  }
}

/** The file names of the shipped profiles. */
export function listProfiles(): string[] {
  try {
    return readdirSync(PROFILES_DIR).filter((f) => f.endsWith('.yaml'));
  } catch {
    return [];
  }
}

/** The default profile; throws only if the shipped file is broken, which the tests rule out. */
export function seedProfile(): CarrierProfile {
  const result = loadProfile('seed');
  if (!result.ok) throw new Error(result.error);
  return result.profile;
}

/** A profile and the files it came from, the named one first and then what it extends. */
type Merged =
  { ok: true; value: Record<string, unknown>; sources: ProfileSource[] } | { ok: false; error: string };

interface ProfileSource {
  file: string;
  doc: SourceDocument;
}

/**
 * Where a problem of the merged profile sits: in the first file of the chain that writes that
 * field, else at the nearest part of the named file.
 */
function placeOf(sources: ProfileSource[], pointer: string, at: 'key' | 'value'): string {
  const source = sources.find((s) => writes(s.doc.value, pointer)) ?? sources[0];
  if (!source) return pointer;
  const span = (at === 'key' ? source.doc.keySpanOf(pointer) : undefined) ?? source.doc.spanOf(pointer);
  return `${displayPath(source.file)}:${String(span.line)}:${String(span.column)}`;
}

function writes(value: unknown, pointer: string): boolean {
  let node = value;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/gu, '/').replace(/~0/gu, '~');
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, key)) return false;
    node = (node as Record<string, unknown>)[key];
  }
  return true;
}

function loadMerged(nameOrFile: string, cwd: string, seen: string[]): Merged {
  const file = locate(nameOrFile, cwd);
  if (file === undefined) {
    return {
      ok: false,
      error: `carrier profile '${nameOrFile}' is neither a shipped profile (seed, carriers-2025) nor a file`,
    };
  }
  if (seen.includes(file))
    return { ok: false, error: `carrier profile ${file} extends itself (${[...seen, file].join(' -> ')})` };
  let doc: SourceDocument | undefined;
  try {
    [doc] = loadYamlSource(readFileSync(file, 'utf8'));
  } catch (error) {
    return {
      ok: false,
      error: `carrier profile ${file}: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
  const problem = doc?.problems[0];
  if (problem)
    return {
      ok: false,
      error: `carrier profile ${file}:${String(problem.span.line)}:${String(problem.span.column)}: ${problem.message}`,
    };
  const value = doc?.value;
  if (!doc || !isMap(value))
    return { ok: false, error: `carrier profile ${file}:1:1: expected a mapping at the top` };
  const source = { file, doc };
  if (typeof value.extends !== 'string') return { ok: true, value, sources: [source] };
  const base = loadMerged(value.extends, dirname(file), [...seen, file]);
  if (!base.ok) {
    const span = doc.spanOf('/extends');
    return {
      ok: false,
      error: `${base.error} (extends at ${displayPath(file)}:${String(span.line)}:${String(span.column)})`,
    };
  }
  const { extends: _extends, ...own } = value;
  return { ok: true, value: deepMerge(base.value, own), sources: [source, ...base.sources] };
}

function locate(nameOrFile: string, cwd: string): string | undefined {
  const shipped = resolve(PROFILES_DIR, `${nameOrFile}.yaml`);
  if (/^[a-z0-9-]+$/.test(nameOrFile) && existsSync(shipped)) return shipped;
  const file = resolve(cwd, nameOrFile);
  return existsSync(file) ? file : undefined;
}

function deepMerge(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const prior = out[key];
    out[key] = isMap(prior) && isMap(value) ? deepMerge(prior, value) : value;
  }
  return out;
}

function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** From `validator/` in the sources or `dist/validator/` in the build, the package root. */
function packageRootFromHere(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  return existsSync(resolve(here, '..', 'package.json')) ? '..' : '../..';
}
