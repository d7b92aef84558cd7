#!/usr/bin/env node
// P2, P4, P6, P7 (BENCHMARKS.md): the simulator's figures.
//   P2  POST /v1/messages under autocannon -c 50, persistence on, side by side with Prism mocking
//       the same operation from schemas/openapi.json and an express hello-world route (the ceiling).
//   P4  the message pipeline in process on a manual clock, at 1/10, 1 and 10 times 100,000 messages.
//   P6  memory with 1,000,000 stored messages; restart time from a state of 100,000 messages.
//   P7  `tendlc serve` from spawn until /healthz answers, against a bare node http server.
//   P8  (`--only p8`) Twilio's and Telnyx's sends beside the native POST /v1/messages, P2's load.
// Usage: npm run bench:serve [-- --only p2,p4 --rounds 3 --duration 10]
// autocannon and Prism are installed on demand into bench-tools/ (not dependencies of tendlc).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Buffer } from 'node:buffer';
import { URLSearchParams, fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const tools = join(root, 'bench-tools');
const { values } = parseArgs({
  options: {
    only: { type: 'string', default: 'p2,p4,p6,p7' },
    rounds: { type: 'string', default: '3' },
    duration: { type: 'string', default: '10' },
  },
});
const only = new Set(values.only.split(','));
const rounds = Number(values.rounds);
const duration = Number(values.duration);

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function ensureTool(pkg, version) {
  const manifest = join(tools, 'node_modules', pkg, 'package.json');
  if (existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).version === version) return;
  console.log(`$ npm install ${pkg}@${version} into bench-tools/`);
  const r = spawnSync(
    npm,
    ['install', '--prefix', tools, '--save', '--no-audit', '--no-fund', `${pkg}@${version}`],
    {
      stdio: 'inherit',
    },
  );
  if (r.status !== 0) process.exit(1);
}

if (!existsSync(join(root, 'dist/cli/main.js')))
  spawnSync(npm, ['run', 'build'], { cwd: root, stdio: 'inherit' });

console.log(`date: ${new Date().toISOString()}`);
console.log(`machine: ${cpus()[0]?.model ?? '?'}, ${cpus().length} cpus, node ${process.version}`);

/** Starts a process and resolves when `ready(stdout)` returns a URL. */
function startProcess(command, args, ready, env = {}) {
  const child = spawn(command, args, {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const onData = (d) => {
      out += d.toString();
      const url = ready(out);
      if (url) resolve({ child, url, out });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
  });
}
const stop = (child) =>
  new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', resolve);
    child.kill('SIGTERM');
  });

// The start P7 measures, and P6 compares a restart with: the example account, in memory.
const EMPTY_START = [
  join(root, 'bin/tendlc.js'),
  'serve',
  '--config',
  'examples/acme.yaml',
  '--in-memory',
  '--port',
  '0',
];

// ── P7: start-up ──────────────────────────────────────────────────────────────────────────────
async function timeToHealthy(args, path = '/healthz') {
  const t0 = performance.now();
  const { child, url } = await startProcess(
    process.execPath,
    args,
    (out) => /http:\/\/127\.0\.0\.1:\d+/u.exec(out)?.[0],
  );
  for (;;) {
    try {
      const res = await fetch(url + path);
      if (res.ok) break;
    } catch {
      // not yet listening
    }
  }
  const ms = performance.now() - t0;
  await stop(child);
  return ms;
}

async function p7() {
  const bare = [
    '-e',
    "require('http').createServer((q,s)=>s.end('ok')).listen(0,'127.0.0.1',function(){console.log('http://127.0.0.1:'+this.address().port)})",
  ];
  const times = { tendlc: [], bare: [] };
  for (let i = 0; i < 7; i++) {
    for (const which of i % 2 ? ['bare', 'tendlc'] : ['tendlc', 'bare'])
      times[which].push(
        await timeToHealthy(which === 'bare' ? bare : EMPTY_START, which === 'bare' ? '/' : '/healthz'),
      );
  }
  console.log('\nP7  start-up until the first answer (7 runs each, alternating)');
  console.log(
    `    tendlc serve --config examples/acme.yaml: median ${median(times.tendlc).toFixed(0)} ms (${times.tendlc.map((t) => t.toFixed(0)).join(' ')})`,
  );
  console.log(`    bare node http server:                    median ${median(times.bare).toFixed(0)} ms`);
  console.log(`    target ≤ 1000 ms: ${median(times.tendlc) <= 1000 ? 'met' : 'NOT met'}`);
}

// The example account at the high tier with a balance that never runs out, and the size from argv.
const PRELUDE = `
    const { loadProfile } = await import(${JSON.stringify(join(root, 'dist/simulator/files/profile-file.js'))});
    const { readConfigFile } = await import(${JSON.stringify(join(root, 'dist/simulator/files/config-file.js'))});
    const profile = loadProfile('seed').profile;
    const config = readConfigFile(${JSON.stringify(join(root, 'examples/acme.yaml'))}, profile).configs[0];
    config.brands[0].trustScore = 95; config.account.balance = 1e9;
    const n = Number(process.argv[1]);`;

// ── P4: the pipeline in process ───────────────────────────────────────────────────────────────
// The caps stay on (10 a second at the high tier, each message counted against the daily cap),
// but the daily cap and the maximum queue time are raised so that every size does the same work
// per message: queued, dispatched at its slot, delivered. With the seed's own (200,000 a day,
// 4 hours) most of a million would fail at once with 30022, and the sizes would not compare.
async function p4() {
  console.log('\nP4  message pipeline in process (send, dispatch at the tier rate, delivery), manual clock');
  console.log('    anchor: bench/p4-floor.mjs, the same messages and events made and kept with no rules');
  const script = `
    const { Simulation } = await import(${JSON.stringify(join(root, 'dist/simulator/simulation.js'))});
    ${PRELUDE}
    const roomy = structuredClone(profile);
    for (const tier of roomy.trust.tiers) tier.dailyCap = 1e9;
    roomy.throughput.maxQueueTime = '400d';
    const sim = new Simulation({ profile: roomy, seed: 1, latency: 'fast', start: Date.parse('2026-11-02T17:00:00Z') });
    sim.load(config);
    const t0 = performance.now();
    for (let i = 0; i < n; i++)
      sim.execute({ action: 'send', from: '+12065550100', to: '+1206' + String(2000000 + (i % 7000000)), body: 'Acme Realty: open house Sat 1-3pm at 12 Elm St. Reply STOP to opt out' });
    sim.advance(400 * 86400000);
    const s = (performance.now() - t0) / 1000;
    const delivered = [...sim.inspect().accounts.acme.messages.values()].filter((m) => m.status === 'delivered').length;
    console.log(JSON.stringify({ n, s, delivered, rss: process.memoryUsage().rss }));`;
  const run = (args) => {
    const res = spawnSync(process.execPath, ['--max-old-space-size=8192', ...args], {
      encoding: 'utf8',
      maxBuffer: 1 << 24,
    });
    if (res.status !== 0) throw new Error(res.stderr);
    return JSON.parse(res.stdout.trim().split('\n').at(-1));
  };
  const rows = [];
  for (const n of [10_000, 100_000, 1_000_000]) {
    const runs = { tendlc: [], floor: [] };
    for (let r = 0; r < (n >= 1_000_000 ? 1 : rounds); r++) {
      runs.tendlc.push(run(['--input-type=module', '-e', script, String(n)]));
      runs.floor.push(run([join(root, 'bench/p4-floor.mjs'), String(n)]));
    }
    const s = median(runs.tendlc.map((x) => x.s));
    const floor = median(runs.floor.map((x) => x.s));
    const first = runs.tendlc[0];
    rows.push({ n, s });
    console.log(
      `    ${String(n).padStart(9)} messages: ${s.toFixed(2)} s, ${Math.round(n / s).toLocaleString('en-US')} messages/s, ${first.delivered} delivered, RSS ${(first.rss / 2 ** 20).toFixed(0)} MiB; floor ${floor.toFixed(2)} s (${Math.round(n / floor).toLocaleString('en-US')}/s), ×${(s / floor).toFixed(2)} the floor`,
    );
  }
  for (let i = 1; i < rows.length; i++)
    console.log(
      `    ×10 messages (${rows[i - 1].n} → ${rows[i].n}): time ×${(rows[i].s / rows[i - 1].s).toFixed(2)}`,
    );
  console.log(
    `    target ≥ 200,000 messages/s at 100,000: ${rows[1].n / rows[1].s >= 200_000 ? 'met' : 'NOT met'}`,
  );
}

// ── P6: memory and restart ────────────────────────────────────────────────────────────────────
async function p6() {
  console.log('\nP6  memory with 1,000,000 stored messages; restart from 100,000');
  const dir = mkdtempSync(join(tmpdir(), 'tendlc-p6-'));
  const data = join(dir, 'state.json');
  const build = `
    const { startServer } = await import(${JSON.stringify(join(root, 'dist/simulator/server.js'))});
    ${PRELUDE}
    const data = process.argv[2];
    const server = await startServer({ profile, configs: [config], port: 0, clock: { mode: 'manual', scale: 0 }, latency: 'fast', ...(data ? { data } : {}), snapshotEvery: 1e9 });
    const s = server.service;
    for (let i = 0; i < n; i++) {
      s.execute({ action: 'send', from: '+12065550100', to: '+1206' + String(2000000 + (i % 7000000)), body: 'Acme Realty: open house Sat. Reply STOP to opt out' }, { account: 'acme', user: 'olga' });
      if (i % 50000 === 49999) s.advance(86400000);
    }
    s.advance(40 * 86400000);
    global.gc?.();
    const rss = process.memoryUsage().rss;
    await server.stop();
    console.log(JSON.stringify({ n, rss }));`;
  const big = spawnSync(
    process.execPath,
    ['--expose-gc', '--max-old-space-size=8192', '--input-type=module', '-e', build, '1000000', ''],
    { encoding: 'utf8', maxBuffer: 1 << 24 },
  );
  if (big.status !== 0) throw new Error(big.stderr);
  const { rss } = JSON.parse(big.stdout.trim().split('\n').at(-1));
  console.log(
    `    1,000,000 messages held (in memory, after delivery): RSS ${(rss / 2 ** 20).toFixed(0)} MiB (target ≤ 1024 MiB: ${rss <= 2 ** 30 ? 'met' : 'NOT met'})`,
  );
  const small = spawnSync(process.execPath, ['--input-type=module', '-e', build, '100000', data], {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  });
  if (small.status !== 0) throw new Error(small.stderr);
  console.log(`    state file with 100,000 messages: ${(statSync(data).size / 2 ** 20).toFixed(1)} MiB`);
  const restart = [];
  const empty = [];
  for (let i = 0; i < 5; i++) {
    restart.push(
      await timeToHealthy([
        join(root, 'bin/tendlc.js'),
        'serve',
        '--data',
        data,
        '--port',
        '0',
        '--clock',
        'manual',
      ]),
    );
    empty.push(await timeToHealthy(EMPTY_START));
  }
  console.log(
    `    restart from it until /healthz: median ${median(restart).toFixed(0)} ms (${restart.map((t) => t.toFixed(0)).join(' ')}); an empty start: ${median(empty).toFixed(0)} ms`,
  );
  console.log(`    target ≤ 2000 ms: ${median(restart) <= 2000 ? 'met' : 'NOT met'}`);
  rmSync(dir, { recursive: true, force: true });
}

/**
 * `tendlc serve` as P2 and P8 load it: the example account, persistence on in `dir`, a manual
 * clock, a free port. Ready (its URL) once the banner shows olga's key and each of `ready`.
 */
function startServe(dir, ready = []) {
  const banner = [/olga\s+owner\s+(\S+)/u, ...ready];
  return startProcess(
    process.execPath,
    [
      join(root, 'bin/tendlc.js'),
      'serve',
      '--config',
      'examples/acme.yaml',
      '--data',
      join(dir, 'state.json'),
      '--port',
      '0',
      '--clock',
      'manual',
      '--admin-token',
      'bench',
    ],
    (out) => (banner.every((re) => re.test(out)) ? /http:\/\/127\.0\.0\.1:\d+/u.exec(out)?.[0] : undefined),
  );
}

// ── P2: POST /v1/messages under load ──────────────────────────────────────────────────────────
async function p2() {
  ensureTool('autocannon', '8.0.0');
  ensureTool('@stoplight/prism-cli', '5.16.0');
  const require = createRequire(join(tools, 'package.json'));
  const autocannon = require('autocannon');
  const dir = mkdtempSync(join(tmpdir(), 'tendlc-p2-'));
  const body = JSON.stringify({
    from: '+12065550100',
    to: '+12065550123',
    body: 'Acme Realty: open house Sat 1-3pm. Reply STOP to opt out',
  });
  const tendlc = await startServe(dir);
  const key = /olga\s+owner\s+(\S+)/u.exec(tendlc.out)?.[1] ?? '';
  // Prism logs every request at its default level; `-v error` keeps the comparison about serving.
  const prismChild = spawn(
    join(tools, 'node_modules/.bin/prism'),
    [
      'mock',
      join(root, 'engine/schemas/compiled/openapi.json'),
      '--port',
      '4310',
      '--host',
      '127.0.0.1',
      '--errors',
      'false',
      '-v',
      'error',
    ],
    { cwd: root, stdio: 'ignore' },
  );
  const prism = { child: prismChild, url: 'http://127.0.0.1:4310' };
  for (;;) {
    try {
      await fetch(`${prism.url}/healthz`);
      break;
    } catch {
      // not listening yet
    }
  }
  const hello = await startProcess(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `
      const { default: express } = await import(${JSON.stringify(join(root, 'node_modules/express/index.js'))});
      const app = express();
      app.post('/v1/messages', express.json(), (req, res) => res.status(202).json({ id: 'msg-1', status: 'queued', ...req.body }));
      const server = app.listen(0, '127.0.0.1', () => console.log('http://127.0.0.1:' + server.address().port));`,
    ],
    (out) => /http:\/\/127\.0\.0\.1:\d+/u.exec(out)?.[0],
  );
  const targets = { tendlc: tendlc.url, prism: prism.url, express: hello.url };
  const results = { tendlc: [], prism: [], express: [] };
  const order = ['tendlc', 'prism', 'express'];
  for (let r = 0; r < rounds; r++) {
    for (const name of r % 2 ? [...order].reverse() : order) {
      const res = await autocannon({
        url: `${targets[name]}/v1/messages`,
        method: 'POST',
        connections: 50,
        duration,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        body,
      });
      results[name].push({
        rps: res.requests.average,
        p99: res.latency.p99,
        non2xx: res.non2xx,
        errors: res.errors,
      });
      console.log(
        `    round ${r + 1} ${name.padEnd(8)} ${Math.round(res.requests.average)} req/s, p99 ${res.latency.p99} ms, non-2xx ${res.non2xx}, errors ${res.errors}`,
      );
    }
  }
  await Promise.all([stop(tendlc.child), stop(prism.child), stop(hello.child)]);
  rmSync(dir, { recursive: true, force: true });
  const m = (name, field) => median(results[name].map((x) => x[field]));
  console.log(
    `\nP2  POST /v1/messages, autocannon -c 50 -d ${duration}, ${rounds} rounds alternating (medians)`,
  );
  for (const name of order)
    console.log(`    ${name.padEnd(8)} ${Math.round(m(name, 'rps'))} req/s, p99 ${m(name, 'p99')} ms`);
  console.log(
    `    tendlc / prism ${(m('tendlc', 'rps') / m('prism', 'rps')).toFixed(2)}×, tendlc / express hello ${(m('tendlc', 'rps') / m('express', 'rps')).toFixed(2)}×`,
  );
  console.log(
    `    target ≥ 3,000 req/s and p99 ≤ 50 ms: ${m('tendlc', 'rps') >= 3000 && m('tendlc', 'p99') <= 50 ? 'met' : 'NOT met'}; ≥ 1.0× Prism: ${m('tendlc', 'rps') >= m('prism', 'rps') ? 'met' : 'NOT met'}`,
  );
}

// ── P8: the provider faces under P2's load ─────────────────────────────────────────────────────
// Twilio's POST …/Messages.json (form-encoded, HTTP Basic) and Telnyx's POST /telnyx/v2/messages
// beside the native POST /v1/messages: one server, the same sender, recipient and text,
// autocannon -c 50, the three in rotating order each round, medians. All three reach the same
// engine command; a ratio is a face's own cost (its auth, its parsing, its view, its envelope).
async function p8() {
  ensureTool('autocannon', '8.0.0');
  const require = createRequire(join(tools, 'package.json'));
  const autocannon = require('autocannon');
  const dir = mkdtempSync(join(tmpdir(), 'tendlc-p8-'));
  const server = await startServe(dir, [/telnyx: API key (\S+),/u]);
  const key = /olga\s+owner\s+(\S+)/u.exec(server.out)?.[1] ?? '';
  const apiKey = /telnyx: API key (\S+),/u.exec(server.out)?.[1] ?? '';
  const [, accountSid, authToken] = /twilio: account SID (\S+), auth token (\S+)/u.exec(server.out) ?? [];
  const from = '+12065550100';
  const to = '+12065550123';
  const text = 'Acme Realty: open house Sat 1-3pm. Reply STOP to opt out';
  const json = (bearer) => ({ 'content-type': 'application/json', authorization: `Bearer ${bearer}` });
  const runs = {
    native: { path: '/v1/messages', headers: json(key), body: JSON.stringify({ from, to, body: text }) },
    twilio: {
      path: `/twilio/api/2010-04-01/Accounts/${accountSid}/Messages.json`,
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`,
      },
      body: new URLSearchParams({ From: from, To: to, Body: text }).toString(),
    },
    telnyx: { path: '/telnyx/v2/messages', headers: json(apiKey), body: JSON.stringify({ from, to, text }) },
  };
  const names = Object.keys(runs);
  const results = Object.fromEntries(names.map((n) => [n, []]));
  for (let r = 0; r < rounds; r++) {
    // Rotate the order so that no route always runs first (or last) in a round.
    for (const name of [...names.slice(r % names.length), ...names.slice(0, r % names.length)]) {
      const run = runs[name];
      const res = await autocannon({
        url: `${server.url}${run.path}`,
        method: 'POST',
        connections: 50,
        duration,
        headers: run.headers,
        body: run.body,
      });
      results[name].push({ rps: res.requests.average, p99: res.latency.p99 });
      console.log(
        `    round ${r + 1} ${name.padEnd(7)} ${Math.round(res.requests.average)} req/s, p99 ${res.latency.p99} ms, non-2xx ${res.non2xx}, errors ${res.errors}`,
      );
    }
  }
  await stop(server.child);
  rmSync(dir, { recursive: true, force: true });
  const m = (name, field) => median(results[name].map((x) => x[field]));
  console.log(
    `\nP8  the faces' sends beside POST /v1/messages, -c 50 -d ${duration}, ${rounds} rounds rotating (medians)`,
  );
  for (const name of names)
    console.log(`    ${name.padEnd(7)} ${Math.round(m(name, 'rps'))} req/s, p99 ${m(name, 'p99')} ms`);
  for (const face of ['twilio', 'telnyx']) {
    const ratio = m(face, 'rps') / m('native', 'rps');
    console.log(
      `    ${face} / native ${ratio.toFixed(2)}× (target ≥ 0.8×: ${ratio >= 0.8 ? 'met' : 'NOT met'})`,
    );
  }
}

if (only.has('p7')) await p7();
if (only.has('p4')) await p4();
if (only.has('p6')) await p6();
if (only.has('p2')) await p2();
if (only.has('p8')) await p8();
