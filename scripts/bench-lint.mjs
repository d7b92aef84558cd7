#!/usr/bin/env node
// P1 (BENCHMARKS.md): `tendlc lint` of a generated config, whole process, against
// `@stoplight/spectral-cli` linting the same file with a ruleset that only applies
// schemas/account.schema.json. Runs at 1/10, 1 and 10 times the size; the two commands alternate
// run by run, and the figures are medians. Usage: npm run bench:lint [-- --runs 7 --runs-large 5]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generateConfig } from './generate-config.mjs';

const SPECTRAL_VERSION = '6.16.3';
const NOW = '2026-11-20';
const SEED = 42;
const SCALES = [0.1, 1, 10];

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '7' },
    'runs-large': { type: 'string', default: '5' },
    'keep-files': { type: 'boolean', default: false },
  },
});
const runs = Number.parseInt(values.runs, 10);
const runsLarge = Number.parseInt(values['runs-large'], 10);
if (!(runs > 0) || !(runsLarge > 0)) {
  console.error('usage: node scripts/bench-lint.mjs [--runs N] [--runs-large N] [--keep-files]');
  process.exit(2);
}

function run(command, args, options = {}) {
  const start = process.hrtime.bigint();
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 1 << 30,
    ...options,
  });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (result.error) throw result.error;
  return { seconds, status: result.status, stdout: String(result.stdout), stderr: String(result.stderr) };
}

function must(label, command, args) {
  console.log(`$ ${label}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`${label} failed (exit ${String(result.status)})`);
    process.exit(1);
  }
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const fixed = (x, digits) => x.toFixed(digits);

// (a) build, (b) Spectral, on demand.
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
if (!existsSync(join(root, 'dist/cli/main.js'))) must('npm run build', npm, ['run', 'build']);
const spectral = join(root, 'bench-tools/node_modules/.bin/spectral');
const installedVersion = () => {
  const manifest = join(root, 'bench-tools/node_modules/@stoplight/spectral-cli/package.json');
  return existsSync(manifest) ? JSON.parse(readFileSync(manifest, 'utf8')).version : undefined;
};
if (!existsSync(spectral) || installedVersion() !== SPECTRAL_VERSION)
  must(`npm install @stoplight/spectral-cli@${SPECTRAL_VERSION} into bench-tools/`, npm, [
    'install',
    '--prefix',
    join(root, 'bench-tools'),
    '--save',
    '--no-audit',
    '--no-fund',
    `@stoplight/spectral-cli@${SPECTRAL_VERSION}`,
  ]);

// (c) configs, (d) the Spectral ruleset, in a temp dir.
const dir = mkdtempSync(join(tmpdir(), 'tendlc-bench-lint-'));
const schema = JSON.parse(readFileSync(join(root, 'schemas/account.schema.json'), 'utf8'));
const ruleset = join(dir, 'account-schema-ruleset.mjs');
writeFileSync(
  ruleset,
  `// Applies only schemas/account.schema.json to the whole document.
import { schema } from '@stoplight/spectral-functions';

export default {
  rules: {
    'account-schema': {
      description: 'the document matches schemas/account.schema.json',
      message: '{{error}}',
      severity: 'error',
      given: '$',
      then: { function: schema, functionOptions: { allErrors: true, schema: ${JSON.stringify(schema)} } },
    },
  },
};
`,
);

const tendlcArgs = (file) => [join(root, 'bin/tendlc.js'), 'lint', file, '--now', NOW, '--format', 'json'];
const spectralArgs = (file) => ['lint', file, '--ruleset', ruleset, '--format', 'json'];
const tendlc = (file) => run(process.execPath, tendlcArgs(file));
const spectralLint = (file) => run(spectral, spectralArgs(file));

console.log(`date: ${new Date().toISOString()}`);
console.log(`machine: ${cpus()[0]?.model ?? 'unknown cpu'}, ${cpus().length} cpus, node ${process.version}`);
console.log(
  `spectral-cli ${installedVersion() ?? '?'}; runs: ${runs} (scale 10: ${runsLarge}); temp dir ${dir}`,
);
console.log(`tendlc:   node bin/tendlc.js lint FILE --now ${NOW} --format json`);
console.log(`spectral: bench-tools/node_modules/.bin/spectral lint FILE --ruleset ${ruleset} --format json`);

// The ruleset really applies the schema: a broken file must fail with schema errors.
const broken = join(dir, 'broken.yaml');
writeFileSync(
  broken,
  `version: 2
account: { id: broken, name: Broken, kind: weird, country: US }
numbers:
  - { e164: "+12065550100", kind: campaign, status: active, bogus: 1 }
`,
);
const check = spectralLint(broken);
let found = [];
try {
  found = JSON.parse(check.stdout);
} catch {
  found = [];
}
const schemaErrors = found.filter((d) => d.code === 'account-schema');
console.log(
  `check: spectral on a broken file exits ${String(check.status)} with ${schemaErrors.length} account-schema errors` +
    (schemaErrors.length > 0
      ? ` (e.g. ${schemaErrors.map((d) => `${d.path.join('.')}: ${d.message}`).join('; ')})`
      : ''),
);
if (check.status === 0 || schemaErrors.length === 0) {
  console.error('the Spectral ruleset does not apply the schema; stopping');
  console.error(check.stdout, check.stderr);
  process.exit(1);
}

// (e) alternate the two commands, scale by scale.
const rows = [];
for (const scale of SCALES) {
  const file = join(dir, `account-x${scale}.yaml`);
  const text = generateConfig({ scale, seed: SEED });
  writeFileSync(file, text);
  const bytes = statSync(file).size;
  const lines = text.split('\n').length - 1;
  const n = scale >= 10 ? runsLarge : runs;
  // One untimed run of each, so that both read the file and their code from a warm cache.
  const warm = [tendlc(file), spectralLint(file)];
  const times = { tendlc: [], spectral: [] };
  const codes = { tendlc: new Set(), spectral: new Set() };
  for (let i = 0; i < n; i++) {
    const order = i % 2 === 0 ? ['tendlc', 'spectral'] : ['spectral', 'tendlc'];
    for (const which of order) {
      const result = which === 'tendlc' ? tendlc(file) : spectralLint(file);
      times[which].push(result.seconds);
      codes[which].add(result.status);
    }
  }
  let findings = '?';
  try {
    const report = JSON.parse(warm[0].stdout);
    findings = `${report.summary.errors} errors, ${report.summary.warnings} warnings, ${report.summary.infos} infos`;
  } catch {
    findings = 'unreadable report';
  }
  const row = {
    scale,
    mb: bytes / 1e6,
    lines,
    n,
    tendlc: median(times.tendlc),
    spectral: median(times.spectral),
    codes,
    findings,
    times,
  };
  rows.push(row);
  console.log(
    `scale ${scale}: ${fixed(row.mb, 2)} MB, ${lines} lines, ${n} runs each; tendlc exit ${[...codes.tendlc].join('/')} (${findings}), spectral exit ${[...codes.spectral].join('/')}`,
  );
  console.log(`  tendlc   s: ${times.tendlc.map((t) => fixed(t, 3)).join(' ')}`);
  console.log(`  spectral s: ${times.spectral.map((t) => fixed(t, 3)).join(' ')}`);
}

// (f) the table and the growth.
console.log(
  '\n| scale | file (MB) | lines | runs | tendlc median (s) | spectral median (s) | spectral / tendlc |',
);
console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const r of rows)
  console.log(
    `| ${r.scale} | ${fixed(r.mb, 2)} | ${r.lines} | ${r.n} | ${fixed(r.tendlc, 3)} | ${fixed(r.spectral, 3)} | ${fixed(r.spectral / r.tendlc, 2)}× |`,
  );
console.log('\ngrowth per 10× size (ratio of medians; 10.0 would be linear with no fixed cost):');
for (let i = 1; i < rows.length; i++) {
  const [a, b] = [rows[i - 1], rows[i]];
  const marginal = (b.tendlc - a.tendlc) / (b.mb - a.mb);
  console.log(
    `  ${a.scale} → ${b.scale}: size ×${fixed(b.mb / a.mb, 2)}, tendlc ×${fixed(b.tendlc / a.tendlc, 2)} ` +
      `(marginal ${fixed(marginal * 1000, 1)} ms/MB), spectral ×${fixed(b.spectral / a.spectral, 2)}`,
  );
}
const p1 = rows.find((r) => r.scale === 1);
if (p1)
  console.log(
    `\nP1 at scale 1: tendlc median ${fixed(p1.tendlc, 3)} s (target ≤ 1 s: ${p1.tendlc <= 1 ? 'met' : 'NOT met'}), ` +
      `spectral / tendlc ${fixed(p1.spectral / p1.tendlc, 2)}× (target ≥ 3×: ${p1.spectral / p1.tendlc >= 3 ? 'met' : 'NOT met'})`,
  );

if (values['keep-files']) console.log(`files kept in ${dir}`);
else rmSync(dir, { recursive: true, force: true });
