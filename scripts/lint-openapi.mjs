#!/usr/bin/env node
// `npm run lint:openapi`: lints the bundled OpenAPI document (what /openapi.json serves) with a
// standard OpenAPI linter's recommended rules: Redocly CLI 2.x, installed on demand into
// bench-tools/ as the bench tools are (it is not a dependency of the project). Exit code 0 when
// the document lints clean, the linter's own otherwise.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const REDOCLY_VERSION = '2.77.0';
const root = fileURLToPath(new URL('..', import.meta.url));
const tools = join(root, 'bench-tools');
const redocly = join(tools, 'node_modules/.bin/redocly');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

const installed = () => {
  const manifest = join(tools, 'node_modules/@redocly/cli/package.json');
  return existsSync(manifest) ? JSON.parse(readFileSync(manifest, 'utf8')).version : undefined;
};
const run = (what, command, args) => {
  const result = spawnSync(command, args, { stdio: 'inherit', cwd: root });
  if (result.status !== 0) {
    console.error(`lint:openapi: ${what} failed`);
    process.exit(result.status ?? 1);
  }
};

run('compiling the schemas', process.execPath, [join(root, 'scripts/compile-schemas.mjs')]);
if (!existsSync(redocly) || installed() !== REDOCLY_VERSION)
  run(`installing @redocly/cli@${REDOCLY_VERSION} into bench-tools/`, npm, [
    'install',
    '--no-save',
    '--no-audit',
    '--no-fund',
    '--prefix',
    tools,
    `@redocly/cli@${REDOCLY_VERSION}`,
  ]);
run('redocly lint', redocly, [
  'lint',
  join(root, 'engine/schemas/compiled/openapi.json'),
  '--extends',
  'recommended',
  '--format',
  'stylish',
]);
