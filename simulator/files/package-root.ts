import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The package root, from the built files in `dist/simulator/files/` or from the TypeScript sources
 * in `simulator/files/` (tests): where `profiles/`, `schemas/` and `examples/` are.
 */
export const PROJECT_ROOT = ((): string => {
  const here = dirname(fileURLToPath(import.meta.url));
  const sources = resolve(here, '..', '..');
  return existsSync(resolve(sources, 'package.json')) ? sources : resolve(sources, '..');
})();

/** The folder of the shipped carrier profiles (`seed`, `carriers-2025`). */
export const PROFILES_DIR = resolve(PROJECT_ROOT, 'profiles');

/** The folder of the shipped example accounts (`acme.yaml`, `broken/`). */
export const EXAMPLES_DIR = resolve(PROJECT_ROOT, 'examples');
