import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { ROOT } from './cli.js';

// A test that fails half way leaves no server behind: whatever is still running when the test
// file ends is killed.
const running = new Set<ChildProcess>();
afterAll(() => {
  for (const child of running) child.kill('SIGKILL');
});

/** A `tendlc serve` process started by a test, with the owner's key of the example account. */
export interface ServeProcess {
  child: ChildProcess;
  url: string;
  key: string;
  admin: string;
  /** What the process wrote to stderr so far. */
  stderr(): string;
}

export interface ServeProcessOptions {
  env?: Record<string, string>;
  /** Extra `serve` flags. */
  args?: string[];
  /** `--clock` (default `manual`). */
  clock?: string;
  /** Another script to run instead of `bin/tendlc.js serve …` (it gets `data` and `args`). */
  script?: string;
}

/** Starts the real server on a state file (manual clock, fast latency, example account). */
export function startServe(
  data: string,
  admin: string,
  options: ServeProcessOptions = {},
): Promise<ServeProcess> {
  const args = options.script
    ? [options.script, data, ...(options.args ?? [])]
    : [
        join(ROOT, 'bin/tendlc.js'),
        'serve',
        '--config',
        join(ROOT, 'examples/acme.yaml'),
        '--data',
        data,
        '--port',
        '0',
        '--clock',
        options.clock ?? 'manual',
        '--latency',
        'fast',
        '--admin-token',
        admin,
        ...(options.args ?? []),
      ];
  const child = spawn(process.execPath, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...options.env },
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  return new Promise((done, fail) => {
    let out = '';
    let err = '';
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const url = /tendlc serve: (http:\/\/\S+)/u.exec(out)?.[1];
      const key = /olga\s+owner\s+(\S+)/u.exec(out)?.[1];
      if (url && key) done({ child, url, key, admin, stderr: () => err });
    });
    child.once('exit', (code) => fail(new Error(`serve exited ${String(code)}: ${err}${out}`)));
  });
}

/** Registers one brand with this id; answers the HTTP status and body. */
export async function registerBrand(
  server: ServeProcess,
  id: string,
): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> {
  const res = await fetch(`${server.url}/v1/brands`, {
    method: 'POST',
    headers: { authorization: `Bearer ${server.key}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      id,
      name: `Brand ${id}`,
      entityType: 'SOLE_PROPRIETOR',
      country: 'US',
      email: 'owner@brand.example',
      vertical: 'RETAIL',
    }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown>, headers: res.headers };
}

/** Every brand id the server holds, page by page. */
export async function brandIds(server: ServeProcess): Promise<Set<string>> {
  const ids = new Set<string>();
  let cursor: string | null = '0';
  while (cursor !== null) {
    const res = await fetch(`${server.url}/v1/brands?limit=1000&cursor=${cursor}`, {
      headers: { authorization: `Bearer ${server.key}` },
    });
    const page = (await res.json()) as { data: Array<{ id: string }>; next: string | null };
    for (const b of page.data) ids.add(b.id);
    cursor = page.next;
  }
  return ids;
}

/** Sends a signal and waits for the process to exit; answers its exit code. */
export function stopWith(server: ServeProcess, signal: 'SIGKILL' | 'SIGTERM'): Promise<number | null> {
  return new Promise((done) => {
    if (server.child.exitCode !== null) return done(server.child.exitCode);
    server.child.once('exit', (code) => done(code));
    server.child.kill(signal);
  });
}
