import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { CarrierProfile } from '../../engine/carrier-profile.js';
import { resolveProfile, type ProfileFiles, type ProfileResult } from '../../engine/profile-source.js';
import { displayPath } from './display-path.js';
import { PROFILES_DIR, PROJECT_ROOT } from './package-root.js';

export type { ProfileResult };

const cache = new Map<string, CarrierProfile>();

/**
 * Loads a carrier profile by shipped name or file path (relative to `cwd`): the engine merges and
 * checks it (`engine/profile-source.ts`); this edge reads the files and keeps what it loaded.
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
  const result = resolveProfile(nameOrFile, filesFrom(cwd));
  if (result.ok) cache.set(nameOrFile, result.profile);
  return result;
}

function filesFrom(cwd: string): ProfileFiles {
  return {
    locate(nameOrFile, from) {
      const shipped = resolve(PROFILES_DIR, `${nameOrFile}.yaml`);
      if (/^[a-z0-9-]+$/.test(nameOrFile) && existsSync(shipped)) return shipped;
      const file = resolve(from === undefined ? cwd : dirname(from), nameOrFile);
      return existsSync(file) ? file : undefined;
    },
    read: (file) => readFileSync(file, 'utf8'),
    display: (file) => displayPath(file),
  };
}

/**
 * A shipped profile as the build merged and checked it (`dist/profiles/NAME.json`), so that the
 * CLI neither parses nor validates it at start-up; only while no profile source or the schema
 * changed since.
 */
function prebuiltProfile(name: string): CarrierProfile | undefined {
  if (!/^[a-z0-9-]+$/.test(name)) return undefined;
  const built = resolve(PROJECT_ROOT, 'dist', 'profiles', `${name}.json`);
  const sources = [
    resolve(PROJECT_ROOT, 'schemas', 'carrier-profile.schema.json'),
    ...listProfiles().map((f) => resolve(PROFILES_DIR, f)),
  ];
  if (!existsSync(resolve(PROFILES_DIR, `${name}.yaml`)) || !isBuiltFrom(built, sources)) return undefined;
  try {
    return JSON.parse(readFileSync(built, 'utf8')) as CarrierProfile;
  } catch {
    return undefined;
  }
}

/** True when `built` exists and is no older than any of its sources (a cheap freshness check). */
function isBuiltFrom(built: string, sources: readonly string[]): boolean {
  try {
    const at = statSync(built).mtimeMs;
    return sources.every((source) => statSync(source).mtimeMs <= at);
  } catch {
    return false;
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
