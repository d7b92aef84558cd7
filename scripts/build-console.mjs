// Builds the web console into dist/console: the TypeScript modules of console/src compiled by tsc
// (plain ES modules the browser loads as they are: no bundler, no UI framework), and the static
// files of console/static copied beside them. Run by `npm run build`; the output is not in git.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = `${root}dist/console`;
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const built = spawnSync(process.execPath, [tsc, '-p', `${root}console/tsconfig.json`], { stdio: 'inherit' });
if (built.status !== 0) {
  console.error('build-console: tsc failed');
  process.exit(built.status ?? 1);
}
cpSync(`${root}console/static`, out, { recursive: true });
