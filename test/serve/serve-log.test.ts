import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { ensureBuilt } from '../helpers/build.js';
import { ROOT } from '../helpers/cli.js';

// `tendlc serve` as people run it: a line per request (method, path, status, ms), JSON lines for
// machines, a line when it stops; and never a key or a token in any of it, nor in an error.

const ADMIN = 'adm1n-s3cret-token';
/** A request's line in the text format: time, method, path, status, milliseconds, and who. */
const TEXT_LINE =
  /^\d\d:\d\d:\d\d (?:GET|POST|PATCH|DELETE) \/\S* \d{3} \d+\.\dms(?: [\w.-]+@[\w.-]+| admin)?$/u;
const running = new Set<ChildProcess>();
beforeAll(() => ensureBuilt());
afterAll(() => {
  for (const child of running) child.kill('SIGKILL');
});

interface Served {
  url: string;
  keys: string[];
  /** Stops the server (SIGTERM) and answers everything it wrote. */
  stop(): Promise<{ stdout: string; stderr: string; banner: string }>;
}

/** The real CLI on a free port (in memory unless told), until its banner shows a URL and a key. */
function serve(
  args: string[],
  config = join(ROOT, 'examples/acme.yaml'),
  storage = ['--in-memory'],
): Promise<Served> {
  const child = spawn(
    process.execPath,
    [
      join(ROOT, 'bin/tendlc.js'),
      'serve',
      '--config',
      config,
      ...storage,
      '--port',
      '0',
      '--clock',
      'manual',
      '--admin-token',
      ADMIN,
      ...args,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } },
  );
  running.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  return new Promise((resolve, reject) => {
    const ready = (): void => {
      const url = /tendlc serve: (http:\/\/\S+)/u.exec(stdout)?.[1];
      const end = stdout.indexOf('events: ws://');
      if (!url || end === -1 || !stdout.includes('\n', end)) return;
      child.stdout!.off('data', ready);
      const bannerEnd = stdout.indexOf('\n', end) + 1;
      resolve({
        url,
        keys: [...stdout.slice(0, bannerEnd).matchAll(/\btdk_\S+/gu)].map((m) => m[0]),
        async stop() {
          child.kill('SIGTERM');
          await exited;
          running.delete(child);
          return { stdout: stdout.slice(bannerEnd), stderr, banner: stdout.slice(0, bannerEnd) };
        },
      });
    };
    child.stdout!.on('data', ready);
    child.once('exit', (code) => reject(new Error(`serve exited ${String(code)}: ${stderr}${stdout}`)));
  });
}

/** Requests that carry keys every way a client might, answered with errors too; the bodies of the errors. */
async function traffic(s: Served): Promise<string[]> {
  const [olga, , sam] = s.keys as [string, string, string];
  const bodies: string[] = [];
  const call = async (path: string, init: RequestInit = {}): Promise<number> => {
    const res = await fetch(`${s.url}${path}`, init);
    const text = await res.text();
    if (res.status >= 400) bodies.push(text);
    return res.status;
  };
  const bearer = (key: string) => ({ authorization: `Bearer ${key}` });
  expect(await call('/v1/numbers', { headers: bearer(olga) })).toBe(200);
  expect(await call('/v1/sim/clock', { headers: bearer(ADMIN) })).toBe(200);
  expect(await call('/v1/sim/clock', { headers: bearer(olga) })).toBe(403);
  expect(await call('/v1/numbers/+12065550100', { headers: bearer(sam) })).toBe(404);
  expect(await call('/v1/brands', { headers: bearer(`${olga}x`) })).toBe(401);
  expect(await call(`/v1/brands?limit=2&token=${olga}`, { headers: bearer(olga) })).toBeGreaterThanOrEqual(
    200,
  );
  await call(`/v1/brands?token=${encodeURIComponent(ADMIN)}`);
  await call(`/v1/brands/${olga}`, { headers: bearer(olga) });
  await call('/v1/messages', {
    method: 'POST',
    headers: { ...bearer(olga), 'content-type': 'application/json' },
    body: JSON.stringify({ from: '+12065550100', to: olga, body: 'hi' }),
  });
  // A browser's WebSocket passes its key in the query; a bad one is refused at the upgrade.
  for (const token of [sam, 'tdk_not-a-key']) {
    const ws = new WebSocket(`${s.url.replace('http', 'ws')}/v1/events?types=message.*&token=${token}`);
    await new Promise<void>((done) => {
      ws.once('open', () => {
        ws.close();
        done();
      });
      ws.once('error', () => done());
    });
  }
  return bodies;
}

describe('tendlc serve, the request log', () => {
  it('writes a line per request on a terminal format: method, path, status, milliseconds, and who', async () => {
    const s = await serve(['--log-format', 'text']);
    const bodies = await traffic(s);
    const { stdout, stderr, banner } = await s.stop();
    const lines = stdout.trim().split('\n');
    expect(lines.slice(0, 3)).toEqual([
      expect.stringMatching(/^\d\d:\d\d:\d\d GET \/v1\/numbers 200 \d+\.\dms olga@acme$/u),
      expect.stringMatching(/^\d\d:\d\d:\d\d GET \/v1\/sim\/clock 200 \d+\.\dms admin$/u),
      expect.stringMatching(/^\d\d:\d\d:\d\d GET \/v1\/sim\/clock 403 \d+\.\dms olga@acme$/u),
    ]);
    expect(lines.slice(0, -1)).toEqual(lines.slice(0, -1).map(() => expect.stringMatching(TEXT_LINE)));
    expect(stdout).toMatch(/ GET \/v1\/brands 401 \d+\.\dms\n/u);
    expect(stdout).toContain(' GET /v1/brands?limit=2&token=[redacted] ');
    expect(stdout).toMatch(/ GET \/v1\/events\?types=message\.\*&token=\[redacted\] 101 \d+\.\dms\n/u);
    expect(stdout).toMatch(/ GET \/v1\/events\?types=message\.\*&token=\[redacted\] 401 \d+\.\dms\n/u);
    expect(lines.at(-1)).toMatch(
      /^tendlc serve: stopped \(SIGTERM\) after 9 requests; the state was in memory$/u,
    );
    // The banner shows the keys; nothing after it does, and neither does an error.
    expect(banner).toContain(s.keys[0]);
    for (const secret of [...s.keys, ADMIN]) {
      expect(stdout).not.toContain(secret);
      expect(stderr).not.toContain(secret);
      for (const body of bodies) expect(body).not.toContain(secret);
    }
    expect(stdout).not.toMatch(/bearer|authorization/iu);
  });

  it('writes one JSON object per line with --log-format json, a line when it listens and when it stops', async () => {
    const s = await serve(['--log-format', 'json']);
    await traffic(s);
    const { stdout, stderr } = await s.stop();
    const lines = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines[0]).toEqual({ time: expect.any(String), event: 'listening', url: s.url });
    expect(lines[1]).toEqual({
      event: 'request',
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/u),
      method: 'GET',
      path: '/v1/numbers',
      status: 200,
      ms: expect.any(Number),
      caller: 'olga@acme',
    });
    expect(lines.filter((l) => l.upgrade === 'websocket').map((l) => l.status)).toEqual([101, 401]);
    expect(lines.at(-1)).toEqual({
      time: expect.any(String),
      event: 'stopped',
      signal: 'SIGTERM',
      requests: 9,
    });
    for (const secret of [...s.keys, ADMIN]) expect(stdout + stderr).not.toContain(secret);
  });

  it('logs no request when not on a terminal unless asked, and still says when it stops', async () => {
    const s = await serve([]);
    await traffic(s);
    const { stdout } = await s.stop();
    expect(stdout).toBe('tendlc serve: stopped (SIGTERM) after 9 requests; the state was in memory\n');
  });
});

it('shows log lines in docs/serve.md as serve writes them', () => {
  const page = readFileSync(join(ROOT, 'docs/serve.md'), 'utf8');
  const sample = /## Logs[\s\S]*?^```\n([\s\S]*?)^```$/mu.exec(page)?.[1];
  expect(sample?.trim().split('\n')).toEqual([
    expect.stringMatching(TEXT_LINE),
    expect.stringMatching(TEXT_LINE),
  ]);
});

describe('tendlc serve --config, an account without users', () => {
  it('gives it an owner, whose key the banner prints with a curl line to try', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tendlc-serve-log-'));
    const file = join(dir, 'solo.yaml');
    writeFileSync(file, 'version: 1\naccount: { id: solo, name: Solo Shop, kind: standard, country: US }\n');
    const data = join(dir, 'state.json');
    const s = await serve(['--log-format', 'off'], file, ['--data', data]);
    const { banner, stdout } = await s.stop();
    expect(stdout).toBe(`tendlc serve: stopped (SIGTERM) after 0 requests; state kept in ${data}\n`);
    expect(banner).toContain("  account solo (no users in its config: added 'owner', role owner):\n");
    expect(banner).toMatch(/^ {4}owner {8}owner {5}tdk_\S+$/mu);
    expect(banner).toContain(`curl -H 'Authorization: Bearer ${s.keys[0]!}' ${s.url}/v1/numbers`);
  });
});
