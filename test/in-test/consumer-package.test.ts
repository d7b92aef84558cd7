import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ensureBuilt } from '../helpers/build.js';
import { ROOT } from '../helpers/cli.js';

// tendlc as another project gets it: packed, installed from the tarball into a folder outside the
// repository, imported by its name. That project runs the code blocks of docs/testing.md as its
// vitest suite (type-checked first, through the package's exported types) and the README's
// startSimulator block as a script. Offline: the runtime dependencies come from this checkout,
// and the consumer's tools (vitest, TypeScript, Node's types) are linked from it.

let dir: string;
beforeAll(() => {
  ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'tendlc-consumer-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(command: string, args: string[], cwd: string): SpawnSyncReturns<string> {
  const result = spawnSync(command, args, {
    cwd,
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, CI: '1', NO_COLOR: '1', npm_config_update_notifier: 'false' },
  });
  if (result.error) throw result.error;
  return result;
}

/** The fenced blocks of a markdown file, with their language. */
function blocks(file: string): Array<{ lang: string; code: string }> {
  const text = readFileSync(join(ROOT, file), 'utf8');
  return [...text.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gmu)].map((m) => ({ lang: m[1]!, code: m[2]! }));
}

/** The runtime dependencies of tendlc, as this checkout installed them (from its lockfile). */
function copyRuntimeDependencies(project: string): void {
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { dev?: boolean; devOptional?: boolean }>;
  };
  for (const [path, entry] of Object.entries(lock.packages)) {
    if (!/^node_modules\/(?:@[^/]+\/)?[^/]+$/u.test(path) || entry.dev || entry.devOptional) continue;
    cpSync(join(ROOT, path), join(project, path), { recursive: true });
  }
}

it('installs from its tarball into another project, whose suite runs the documented examples', () => {
  const packed = run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], ROOT);
  expect(packed.status, packed.stderr).toBe(0);
  const tarball = join(dir, (JSON.parse(packed.stdout) as Array<{ filename: string }>)[0]!.filename);

  const project = join(dir, 'project');
  mkdirSync(join(project, 'test'), { recursive: true });
  writeFileSync(join(project, 'package.json'), '{ "name": "consumer", "private": true, "type": "module" }\n');
  copyRuntimeDependencies(project);
  const installed = run(
    'npm',
    ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', '--no-package-lock', tarball],
    project,
  );
  expect(installed.status, installed.stderr).toBe(0);
  for (const tool of ['vitest', 'typescript', '@types/node']) {
    mkdirSync(dirname(join(project, 'node_modules', tool)), { recursive: true });
    symlinkSync(join(ROOT, 'node_modules', tool), join(project, 'node_modules', tool), 'dir');
  }

  const docs = blocks('docs/testing.md').filter((b) => b.lang === 'ts');
  expect(docs.length).toBeGreaterThanOrEqual(2);
  docs.forEach((b, i) => writeFileSync(join(project, 'test', `testing-${String(i + 1)}.test.ts`), b.code));
  writeFileSync(
    join(project, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        strict: true,
        noEmit: true,
        skipLibCheck: true,
        types: ['node'],
      },
      include: ['test'],
    }),
  );
  const typed = run(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', '.'], project);
  expect(typed.status, typed.stdout + typed.stderr).toBe(0);

  const suite = run(process.execPath, [join(ROOT, 'node_modules/vitest/vitest.mjs'), 'run'], project);
  expect(suite.status, suite.stdout + suite.stderr).toBe(0);
  expect(suite.stdout).toMatch(new RegExp(`Tests +${String(docs.length)} passed`, 'u'));

  const readme = blocks('README.md').find((b) => b.code.includes('startSimulator('));
  expect(readme, 'the README shows startSimulator').toBeDefined();
  writeFileSync(join(project, 'readme.mjs'), readme!.code);
  const script = run(process.execPath, ['readme.mjs'], project);
  expect(script.status, script.stdout + script.stderr).toBe(0);

  // What else the package's exports promise: the example files and the OpenAPI document by path.
  writeFileSync(
    join(project, 'exports.mjs'),
    [
      "import { readFileSync } from 'node:fs';",
      "import { fileURLToPath } from 'node:url';",
      "import { examples } from 'tendlc';",
      "const example = fileURLToPath(import.meta.resolve('tendlc/examples/acme.yaml'));",
      "const doc = JSON.parse(readFileSync(fileURLToPath(import.meta.resolve('tendlc/openapi.json')), 'utf8'));",
      'console.log(JSON.stringify({ same: example === examples.acme, openapi: doc.openapi, event: Boolean(doc.components.schemas.Event) }));',
    ].join('\n'),
  );
  const exported = run(process.execPath, ['exports.mjs'], project);
  expect(exported.status, exported.stderr).toBe(0);
  expect(JSON.parse(exported.stdout)).toEqual({
    same: true,
    openapi: expect.stringMatching(/^3\.1/u),
    event: true,
  });
}, 300_000);
