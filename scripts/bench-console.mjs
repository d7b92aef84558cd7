#!/usr/bin/env node
// `npm run bench:console` (P9): the web console in headless Chromium (Debian's, driven by
// playwright-core) against a simulator holding an account of 5,000 numbers and 100,000 messages
// (and one of 500 and 10,000, to see how the cost grows). Two figures, medians of several runs:
//   first render  — navigation start to the first rows of the Phone Numbers page on screen (the
//                   page marks `tendlc:numbers-first-rows`), in a fresh tab with a cold cache;
//                   also when all 5,000 rows are loaded (the list pages 1,000 at a time);
//   live event    — an API client renames a number; the wall time until its row on the open
//                   Phone Numbers page shows the new name (a MutationObserver in the page), and
//                   a send until the Events page shows it.
// Benchmarks are not tests: this prints the figures for BENCHMARKS.md.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

/* global document, sessionStorage, MutationObserver, location, window */

const root = fileURLToPath(new URL('..', import.meta.url));
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(CHROMIUM)) {
  console.error(`bench-console: no Chromium at ${CHROMIUM} (apt-get install -y chromium)`);
  process.exit(2);
}
if (!existsSync(join(root, 'dist/console/index.html'))) {
  console.error('bench-console: the console is not built: npm run build');
  process.exit(2);
}

const RUNS = Number(process.env.RUNS ?? 7);
const EVENTS = Number(process.env.EVENTS ?? 20);
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--disable-extensions',
];
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (ms) => `${ms.toFixed(0)} ms`;

/**
 * The example account, grown to `numbers` numbers and `messages` delivered messages, served by a
 * simulator in a process of its own, as `tendlc serve` runs beside a browser.
 */
const SERVER = `
  const { join } = await import('node:path');
  const root = ${JSON.stringify(root)};
  const { startServer } = await import(join(root, 'dist/simulator/server.js'));
  const { loadProfile } = await import(join(root, 'dist/simulator/files/profile-file.js'));
  const { readConfigFile } = await import(join(root, 'dist/simulator/files/config-file.js'));
  const [numbers, messages] = process.argv.slice(1).map(Number);
  const profile = structuredClone(loadProfile('seed').profile);
  for (const tier of profile.trust.tiers) tier.dailyCap = 1e9;
  profile.throughput.maxQueueTime = '400d';
  const config = readConfigFile(join(root, 'examples/acme.yaml'), profile).configs[0];
  config.brands[0].trustScore = 95;
  config.account.balance = 1e9;
  for (let i = config.numbers.length; i < numbers; i++)
    config.numbers.push({ e164: '+1425' + String(2000000 + i), kind: 'campaign', lifetime: 'single-use',
      status: 'active', name: 'Bulk line ' + String(i), subgroup: i % 2 === 0 ? 'north' : 'south' });
  const s = await startServer({ profile, configs: [config], port: 0, clock: { mode: 'manual', scale: 0 },
    latency: 'fast', adminToken: 'bench-admin', start: Date.parse('2026-11-02T17:00:00Z') });
  const olga = { account: 'acme', user: 'olga' };
  for (let i = 0; i < messages; i++) {
    s.service.execute({ action: 'send', from: '+12065550100', to: '+1206' + String(2000000 + i),
      body: 'Acme Realty: open house Sat 1-3pm. Reply STOP to opt out' }, olga);
    if (i % 20000 === 19999) s.service.advance(3600000);
  }
  s.clock.advance('2d');
  console.log(JSON.stringify({ url: s.url, key: s.keys.acme.find((k) => k.user === 'olga').key }));
  process.stdin.resume();
  process.stdin.on('end', () => s.stop().then(() => process.exit(0)));
`;

async function server(numbers, messages) {
  const child = spawn(
    process.execPath,
    ['--input-type=module', '-e', SERVER, String(numbers), String(messages)],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  const line = await new Promise((found, failed) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d.toString();
      if (out.includes('\n')) found(out.split('\n')[0]);
    });
    child.once('exit', (code) => failed(new Error(`the simulator exited (${String(code)})`)));
  });
  const { url, key } = JSON.parse(line);
  return { url, key, stop: () => child.stdin.end() };
}

async function tab(browser, url, key) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.route('**/*', (route) =>
    new URL(route.request().url()).hostname === '127.0.0.1' ? route.continue() : route.abort(),
  );
  // Signed in as the sign-in form leaves the tab: the key in sessionStorage.
  await context.addInitScript((k) => {
    sessionStorage.setItem('tendlc.session', JSON.stringify({ key: k, account: 'acme', subgroups: [] }));
  }, key);
  const page = await context.newPage();
  return { context, page };
}

async function firstRender(browser, url, key, total) {
  const first = [];
  const all = [];
  const parts = [];
  for (let i = 0; i < RUNS; i++) {
    const { context, page } = await tab(browser, url, key);
    const t0 = Date.now();
    await page.goto(`${url}/#/numbers`);
    await page.locator('table.numbers tbody tr').first().waitFor();
    const t = await page.evaluate(() => ({
      mark: performance.getEntriesByName('tendlc:numbers-first-rows')[0].startTime,
      modules: performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd,
      list: performance.getEntriesByType('resource').find((e) => e.name.includes('/v1/numbers?limit=200'))
        .responseEnd,
    }));
    first.push(t.mark);
    parts.push(t);
    // Loaded: the count no longer says "loading".
    await page
      .locator('p.shown', { hasText: new RegExp(`^Showing [0-9,]+ of ${total.toLocaleString('en-US')}$`) })
      .waitFor();
    all.push(Date.now() - t0);
    await context.close();
  }
  return {
    first: median(first),
    firstAll: first,
    all: median(all),
    modules: median(parts.map((p) => p.modules)),
    list: median(parts.map((p) => p.list)),
  };
}

async function liveEvents(browser, url, key) {
  const { context, page } = await tab(browser, url, key);
  await page.goto(`${url}/#/numbers`);
  await page.locator('tr[data-e164="+12065550100"]').waitFor();
  const renames = [];
  for (let i = 0; i < EVENTS; i++) {
    const name = `Seattle ${String(i)}`;
    // The observer is in place before the change is made; its promise is awaited after.
    await page.evaluate((n) => {
      window.seen = new Promise((done) => {
        const row = () => document.querySelector('tr[data-e164="+12065550100"]');
        const check = () => row()?.textContent?.includes(n);
        const observer = new MutationObserver(() => {
          if (check()) {
            observer.disconnect();
            done(performance.timeOrigin + performance.now());
          }
        });
        observer.observe(document.querySelector('table.numbers'), {
          subtree: true,
          childList: true,
          characterData: true,
        });
      });
    }, name);
    const t0 = Date.now();
    const res = await fetch(`${url}/v1/numbers/%2B12065550100`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name }),
    });
    if (res.status !== 200) throw new Error(`rename answered ${res.status}`);
    renames.push((await page.evaluate(() => window.seen)) - t0);
  }
  await page.evaluate(() => {
    location.hash = '#/events';
  });
  await page.locator('main h1', { hasText: 'Events' }).waitFor();
  const sends = [];
  for (let i = 0; i < EVENTS; i++) {
    const to = `+1503${String(3000000 + i)}`;
    await page.evaluate((n) => {
      window.seen = new Promise((done) => {
        const list = document.querySelector('ol.events');
        const observer = new MutationObserver(() => {
          if (list.firstElementChild?.textContent?.includes(n)) {
            observer.disconnect();
            done(performance.timeOrigin + performance.now());
          }
        });
        observer.observe(list, { childList: true });
      });
    }, to);
    const t0 = Date.now();
    const res = await fetch(`${url}/v1/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        from: '+15035550110',
        to,
        body: 'Acme Realty: open house Sat. Reply STOP to opt out',
      }),
    });
    if (res.status !== 202) throw new Error(`send answered ${res.status}`);
    sends.push((await page.evaluate(() => window.seen)) - t0);
  }
  await context.close();
  return {
    rename: median(renames),
    renameMax: Math.max(...renames),
    send: median(sends),
    sendMax: Math.max(...sends),
  };
}

const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
console.log(
  `P9  the console in headless Chromium (${await browser.version()}), ${cpus()[0]?.model ?? ''}, ${RUNS} runs, ${EVENTS} events`,
);
const rows = [];
for (const [numbers, messages] of [
  [500, 10_000],
  [5_000, 100_000],
]) {
  const started = performance.now();
  const s = await server(numbers, messages);
  const { key } = s;
  const built = (performance.now() - started) / 1000;
  const render = await firstRender(browser, s.url, key, numbers);
  console.log(`    (${numbers} numbers: first render ${fmt(render.first)})`);
  const live = await liveEvents(browser, s.url, key);
  await s.stop();
  rows.push({ numbers, messages, ...render, ...live });
  console.log(
    `    ${numbers.toLocaleString('en-US')} numbers, ${messages.toLocaleString('en-US')} messages (built in ${built.toFixed(1)} s):` +
      `\n      first render of Phone Numbers ${fmt(render.first)} (runs ${render.firstAll.map((x) => x.toFixed(0)).join(' ')}), all ${numbers.toLocaleString('en-US')} rows loaded ${fmt(render.all)}` +
      `\n        of which: page and modules loaded ${fmt(render.modules)}, first page of the list received ${fmt(render.list)}` +
      `\n      live event on screen: rename → row ${fmt(live.rename)} (max ${fmt(live.renameMax)}), send → Events page ${fmt(live.send)} (max ${fmt(live.sendMax)})`,
  );
}
await browser.close();
const full = rows.at(-1);
console.log(
  `    target first render ≤ 1 s: ${full.first <= 1000 ? 'met' : 'NOT met'}; live event ≤ 1 s: ${Math.max(full.renameMax, full.sendMax) <= 1000 ? 'met' : 'NOT met'}`,
);
