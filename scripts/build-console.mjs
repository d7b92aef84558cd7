// Builds the web console into dist/console: the TypeScript modules of console/src compiled by tsc
// (plain ES modules the browser loads as they are: no bundler, no UI framework), and the static
// files of console/static copied beside them. Run by `npm run build`; the output is not in git.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
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

// The modules of the first load as modulepreload links: the browser fetches them in parallel at
// once instead of discovering them import by import (three round trips deep), which keeps the
// first render short without a bundler.
const modules = readdirSync(out, { recursive: true })
  .map((f) => String(f).split('\\').join('/'))
  .filter((f) => f.endsWith('.js'))
  // Every page loads when first visited, but the first page a visit usually opens.
  .filter((f) => !f.startsWith('pages/') || f === 'pages/numbers.js' || f === 'pages/signin.js')
  // The entry first, then its pages and parts: the order the browser needs them.
  .sort((a, b) => (a === 'main.js' ? -1 : b === 'main.js' ? 1 : a.localeCompare(b)));
const page = `${out}/index.html`;
const links = modules.map((m) => `<link rel="modulepreload" href="/console/${m}" />`).join('\n    ');
const html = readFileSync(page, 'utf8');
const marker = /<!-- modules:[^>]*-->/u;
if (!marker.test(html)) {
  console.error('build-console: index.html has no <!-- modules: --> marker');
  process.exit(1);
}
writeFileSync(page, html.replace(marker, links));
