import type { CarrierProfile } from './carrier-profile.js';
import { checkSchema } from './schemas/check-schema.js';
import { loadYamlSource, type SourceDocument } from './source/yaml-source.js';

/** How the engine reaches profile files: the edge that reads them passes these in. */
export interface ProfileFiles {
  /** The file a shipped name or a path names, a path taken relative to `from` (a profile file) when given. */
  locate(nameOrFile: string, from?: string): string | undefined;
  /** The file's text; throws when it cannot be read. */
  read(file: string): string;
  /** A file as the user would write it, for messages. */
  display(file: string): string;
}

export type ProfileResult = { ok: true; profile: CarrierProfile } | { ok: false; error: string };

/**
 * A carrier profile from its YAML. `extends` names another profile (shipped name, or a path
 * relative to the file): maps merge, lists and scalars replace. The merged profile is checked
 * against the schema; an error names the file of the chain that writes the field, and its place.
 */
export function resolveProfile(nameOrFile: string, files: ProfileFiles): ProfileResult {
  const merged = loadMerged(nameOrFile, undefined, files, []);
  if (!merged.ok) return merged;
  const problems = checkSchema('carrier-profile', merged.value);
  if (problems.length > 0)
    return {
      ok: false,
      error: `carrier profile: ${problems
        .map(
          (p) =>
            `${placeOf(merged.sources, p.path, p.at, files)}: ${p.message.replace(/\bthe document\b/u, 'the profile')}`,
        )
        .join('; ')}`,
    };
  const { extends: _extends, ...profile } = merged.value as unknown as CarrierProfile & { extends?: string };
  return { ok: true, profile };
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
function placeOf(
  sources: ProfileSource[],
  pointer: string,
  at: 'key' | 'value',
  files: ProfileFiles,
): string {
  const source = sources.find((s) => writes(s.doc.value, pointer)) ?? sources[0];
  if (!source) return pointer;
  const span = (at === 'key' ? source.doc.keySpanOf(pointer) : undefined) ?? source.doc.spanOf(pointer);
  return `${files.display(source.file)}:${String(span.line)}:${String(span.column)}`;
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

function loadMerged(
  nameOrFile: string,
  from: string | undefined,
  files: ProfileFiles,
  seen: string[],
): Merged {
  const file = files.locate(nameOrFile, from);
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
    [doc] = loadYamlSource(files.read(file));
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
  const base = loadMerged(value.extends, file, files, [...seen, file]);
  if (!base.ok) {
    const span = doc.spanOf('/extends');
    return {
      ok: false,
      error: `${base.error} (extends at ${files.display(file)}:${String(span.line)}:${String(span.column)})`,
    };
  }
  const { extends: _extends, ...own } = value;
  return { ok: true, value: deepMerge(base.value, own), sources: [source, ...base.sources] };
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
