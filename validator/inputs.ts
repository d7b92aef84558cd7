import { readdirSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { displayPath } from '../simulator/files/display-path.js';

/** Inputs that matched nothing, and the files that the rest matched, in a stable order. */
export interface Expanded {
  files: string[];
  unmatched: string[];
}

const YAML_FILE = /\.ya?ml$/iu;
const SKIP = new Set(['node_modules', '.git', 'dist']);

/** Expands files, directories (recursing into `*.yaml` and `*.yml`) and globs (`*`, `**`, `?`). */
export function expandInputs(inputs: readonly string[], cwd: string): Expanded {
  const files: string[] = [];
  const unmatched: string[] = [];
  for (const input of inputs) {
    const found = expandOne(input, cwd);
    if (found.length === 0) unmatched.push(input);
    for (const f of found) if (!files.includes(f)) files.push(f);
  }
  return { files, unmatched };
}

function expandOne(input: string, cwd: string): string[] {
  const full = resolve(cwd, input);
  const stat = statOf(full);
  if (stat?.isFile()) return [input];
  if (stat?.isDirectory())
    return walk(full)
      .map((f) => displayPath(f, cwd))
      .filter((f) => YAML_FILE.test(f));
  if (!/[*?[]/u.test(input)) return [];
  const parts = input.split(/[\\/]/u);
  const fixed = parts.findIndex((p) => /[*?[]/u.test(p));
  const base = resolve(cwd, parts.slice(0, fixed).join('/') || '.');
  const pattern = globRegex(parts.slice(fixed).join('/'));
  return walk(base)
    .filter((f) => pattern.test(relative(base, f).split(sep).join('/')))
    .map((f) => displayPath(f, cwd));
}

function statOf(path: string): ReturnType<typeof statSync> | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

function walk(dir: string): string[] {
  const out: string[] = [];
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    if (SKIP.has(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walk(path));
    else if (entry.isFile()) out.push(path);
  }
  return out;
}

/** A glob as a regular expression over `/`-separated relative paths. */
export function globRegex(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i] ?? '';
    if (c === '*' && glob[i + 1] === '*') {
      re += glob[i + 2] === '/' ? '(?:.*/)?' : '.*';
      i += glob[i + 2] === '/' ? 2 : 1;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|\\]/u, '\\$&');
  }
  return new RegExp(`^${re}$`, 'u');
}
