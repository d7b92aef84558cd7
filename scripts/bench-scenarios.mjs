#!/usr/bin/env node
// P3 and P5 (BENCHMARKS.md): the scenario runner and the fuzzer, whole processes.
//   P3  bench/p3-thirty-days.yaml: 30 simulated days, a brand, a campaign approval, 49 numbers
//       provisioned and assigned, 100,000 messages at the high tier; also at 10,000 messages,
//       beside a one-step scenario (the fixed cost of starting).
//   P5  tendlc fuzz --runs 200 --steps 50, in process: runs a second.
// Usage: npm run bench:scenarios [-- --rounds 5]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { rounds: { type: 'string', default: '5' } } });
const rounds = Number(values.rounds);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
if (!existsSync(join(root, 'dist/cli/main.js')))
  spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });

function tendlc(args) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [join(root, 'bin/tendlc.js'), ...args], {
    cwd: root,
    encoding: 'utf8',
  });
  const s = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`tendlc ${args.join(' ')} exited ${r.status}: ${r.stdout}${r.stderr}`);
  return { s, stdout: r.stdout };
}

console.log(`date: ${new Date().toISOString()}`);
console.log(`machine: ${cpus()[0]?.model ?? '?'}, ${cpus().length} cpus, node ${process.version}`);

// P3
const dir = mkdtempSync(join(tmpdir(), 'tendlc-p3-'));
const full = readFileSync(join(root, 'bench/p3-thirty-days.yaml'), 'utf8');
const tenth = join(dir, 'p3-tenth.yaml');
writeFileSync(tenth, full.replace('count: 100000', 'count: 10000'));
const fullFile = join(dir, 'p3-full.yaml');
writeFileSync(fullFile, full);
const tiny = join(dir, 'one-step.yaml');
writeFileSync(
  tiny,
  'name: one step\naccount: { version: 1, account: { id: a, name: A, kind: standard, country: US } }\nsteps:\n  - advance: 30d\n',
);
const times = { full: [], tenth: [], tiny: [] };
for (let i = 0; i < rounds; i++)
  for (const [name, file] of i % 2
    ? [
        ['tiny', tiny],
        ['tenth', tenth],
        ['full', fullFile],
      ]
    : [
        ['full', fullFile],
        ['tenth', tenth],
        ['tiny', tiny],
      ])
    times[name].push(tendlc(['scenario', 'run', file]).s);
console.log(`\nP3  tendlc scenario run, whole process, ${rounds} runs each alternating (medians)`);
console.log(
  `    30 days, 49 numbers, 100,000 messages: ${median(times.full).toFixed(2)} s (${times.full.map((t) => t.toFixed(2)).join(' ')})`,
);
console.log(`    the same with 10,000 messages:          ${median(times.tenth).toFixed(2)} s`);
console.log(`    a one-step scenario (fixed cost):       ${median(times.tiny).toFixed(2)} s`);
console.log(
  `    ×10 messages: time ×${((median(times.full) - median(times.tiny)) / (median(times.tenth) - median(times.tiny))).toFixed(2)} beyond the fixed cost`,
);
console.log(`    target ≤ 3 s: ${median(times.full) <= 3 ? 'met' : 'NOT met'}`);
rmSync(dir, { recursive: true, force: true });

// P5
const out = mkdtempSync(join(tmpdir(), 'tendlc-p5-'));
const rates = [];
const wall = [];
for (let i = 0; i < rounds; i++) {
  const { s, stdout } = tendlc([
    'fuzz',
    '--runs',
    '200',
    '--steps',
    '50',
    '--seed',
    String(100 + i),
    '--out',
    out,
  ]);
  const ms = Number(/\((\d+) ms\)/u.exec(stdout)?.[1]);
  rates.push(200 / (ms / 1000));
  wall.push(200 / s);
}
console.log(`\nP5  tendlc fuzz --runs 200 --steps 50, in process, ${rounds} seeds (medians)`);
console.log(
  `    ${Math.round(median(rates))} runs/s in the fuzzer; ${Math.round(median(wall))} runs/s counting the process start`,
);
console.log(`    target ≥ 20 runs/s: ${median(wall) >= 20 ? 'met' : 'NOT met'}`);
rmSync(out, { recursive: true, force: true });
