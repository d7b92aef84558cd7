import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PROJECT_ROOT } from '../simulator/files/package-root.js';
import { starterSuite } from '../validator/scenario/starter-suite.js';

export interface InitFlags {
  force?: boolean;
}

/** `tendlc scenario init [DIR]`: writes a starter suite; refuses to overwrite a file unless --force. */
export function initSuite(dir: string, flags: InitFlags): number {
  const root = resolve(dir);
  // The schemas of the tendlc that runs: beside the suite when installed in it (node_modules/tendlc).
  const local = relative(root, resolve(PROJECT_ROOT, 'schemas'));
  const schemas = local.startsWith('..')
    ? pathToFileURL(resolve(PROJECT_ROOT, 'schemas')).href
    : local.split(sep).join('/');
  const files = starterSuite(schemas);
  const existing = [...files.keys()].filter((name) => existsSync(resolve(root, name)));
  if (existing.length > 0 && !flags.force) {
    process.stderr.write(
      `tendlc scenario init: ${existing.join(', ')} already exist${existing.length === 1 ? 's' : ''} in ${dir}; give --force to overwrite\n`,
    );
    return 2;
  }
  for (const [name, text] of files) {
    const path = resolve(root, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
    process.stdout.write(`wrote ${relative(process.cwd(), path) || name}\n`);
  }
  process.stdout.write(
    `run it: tendlc scenario run ${relative(process.cwd(), resolve(root, 'scenarios')) || 'scenarios'}\n`,
  );
  return 0;
}
