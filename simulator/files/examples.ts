import { existsSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { EXAMPLES_DIR } from './package-root.js';

/**
 * The account configs shipped with tendlc, by name, as absolute paths: what another project
 * passes to `startSimulator({ config: 'acme' })` (or `config: examples.acme`), wherever tendlc is
 * installed.
 */
export const examples = {
  /** Acme Realty: an agency with two subgroups, a vetted brand, two approved campaigns, numbers. */
  acme: resolve(EXAMPLES_DIR, 'acme.yaml'),
} as const;

export type ExampleName = keyof typeof examples;

/**
 * The file a `config` text names: a shipped example's name (`acme`), else a path relative to
 * `cwd`. A path that does not exist is an error that says where it looked and, when it names a
 * shipped example's file, how to reach that one.
 */
export function configPath(ref: string, cwd = process.cwd()): string {
  const path = resolve(cwd, ref);
  if (existsSync(path)) return path;
  if (Object.hasOwn(examples, ref)) return examples[ref as ExampleName];
  const example = Object.entries(examples).find(([, file]) => basename(file) === basename(ref));
  const hint = example
    ? `; the example shipped with tendlc is config: '${example[0]}' (or examples.${example[0]})`
    : `; the shipped examples are ${Object.keys(examples)
        .map((n) => `'${n}'`)
        .join(', ')}`;
  throw new Error(`config '${ref}': no such file (looked in ${cwd})${hint}`);
}
