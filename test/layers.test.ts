import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The layers, top to bottom: a file may import its own layer and the ones below it. */
const LAYERS = ['cli', 'validator', 'simulator', 'engine'] as const;
type Layer = (typeof LAYERS)[number];

/** The imports of a file's text that point into the project (static, type-only and dynamic). */
export function relativeImports(text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(/(?:from|import)\s*\(?\s*['"](\.[^'"]+)['"]/gu)) found.push(m[1]!);
  return found;
}

/** The imports that point up the layers: `file -> target` for each. */
export function upwardImports(files: ReadonlyMap<string, string>): string[] {
  const out: string[] = [];
  for (const [file, text] of files) {
    const from = layerOf(file);
    if (!from) continue;
    for (const spec of relativeImports(text)) {
      const target = relative(ROOT, resolve(ROOT, dirname(file), spec))
        .split('\\')
        .join('/');
      const to = layerOf(target);
      if (to && LAYERS.indexOf(to) < LAYERS.indexOf(from)) out.push(`${file} -> ${target}`);
    }
  }
  return out;
}

function layerOf(path: string): Layer | undefined {
  return LAYERS.find((l) => path === l || path.startsWith(`${l}/`));
}

function sources(): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (dir: string): void => {
    for (const entry of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory() && entry.name !== 'compiled') walk(path);
      else if (entry.name.endsWith('.ts')) files.set(path, readFileSync(join(ROOT, path), 'utf8'));
    }
  };
  for (const layer of LAYERS) walk(layer);
  return files;
}

describe('layers point one way: cli → validator → simulator → engine', () => {
  it('finds no import pointing up a layer', () => {
    expect(upwardImports(sources())).toEqual([]);
  });

  it('would catch one: static, type-only and dynamic imports alike', () => {
    const broken = new Map([
      ['simulator/http/app.ts', "import { lintText } from '../../validator/lint.js';"],
      ['engine/world/state.ts', "import type { Simulation } from '../../simulator/simulation.js';"],
      ['validator/x.ts', "const m = await import('../cli/main.js');"],
      ['cli/main.ts', "import { lintText } from '../validator/lint.js';"],
    ]);
    expect(upwardImports(broken)).toEqual([
      'simulator/http/app.ts -> validator/lint.js',
      'engine/world/state.ts -> simulator/simulation.js',
      'validator/x.ts -> cli/main.js',
    ]);
  });
});
