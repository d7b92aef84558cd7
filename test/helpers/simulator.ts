import { join } from 'node:path';
import type { AccountConfig } from '../../engine/account-config.js';
import { readConfigFile } from '../../simulator/files/config-file.js';
import { startServer, type RunningServer, type ServerOptions } from '../../simulator/server.js';
import { loadProfile } from '../../simulator/files/profile-file.js';
import { ROOT } from './cli.js';

export interface ApiResponse<T = Record<string, unknown>> {
  status: number;
  body: T;
  headers: Headers;
}

export interface Api {
  get<T = Record<string, unknown>>(path: string): Promise<ApiResponse<T>>;
  post<T = Record<string, unknown>>(path: string, body?: unknown): Promise<ApiResponse<T>>;
  patch<T = Record<string, unknown>>(path: string, body: unknown): Promise<ApiResponse<T>>;
  delete<T = Record<string, unknown>>(path: string): Promise<ApiResponse<T>>;
  raw(path: string, init: RequestInit): Promise<ApiResponse<unknown>>;
}

export interface TestServer {
  server: RunningServer;
  url: string;
  /** The API as a user of the example account (`olga` owner, `ana` admin/north, `sam` standard/south, `lee` limited/north), or as the admin. */
  as(user: string): Api;
  keyOf(user: string, account?: string): string;
  stop(): Promise<void>;
}

/** The example account, as `serve --config examples/acme.yaml` loads it. */
export function acmeConfig(): AccountConfig {
  const profile = loadProfile('seed');
  if (!profile.ok) throw new Error(profile.error);
  const read = readConfigFile(join(ROOT, 'examples/acme.yaml'), profile.profile);
  if (!read.ok) throw new Error(read.errors.join('\n'));
  return read.configs[0]!;
}

/** A real server on 127.0.0.1, a free port, in memory, on a manual clock: tests move time themselves. */
export async function startTestServer(options: Partial<ServerOptions> = {}): Promise<TestServer> {
  const profile = loadProfile('seed');
  if (!profile.ok) throw new Error(profile.error);
  const server = await startServer({
    profile: profile.profile,
    configs: [acmeConfig()],
    host: '127.0.0.1',
    port: 0,
    clock: { mode: 'manual', scale: 0 },
    latency: 'realistic',
    seed: 42,
    adminToken: 'test-admin',
    start: Date.parse('2026-11-02T16:00:00Z'),
    ...options,
  });
  const keyOf = (user: string, account = 'acme'): string => {
    const key = server.service.keysOf(account).find((k) => k.user === user)?.key;
    if (!key) throw new Error(`no key for ${user} in ${account}`);
    return key;
  };
  return {
    server,
    url: server.url,
    as: (user) => api(server.url, user === 'admin' ? server.adminToken : keyOf(user)),
    keyOf,
    stop: () => server.stop(),
  };
}

/** A small JSON client with a bearer token. */
export function api(url: string, token: string | undefined): Api {
  const call = async <T>(method: string, path: string, body?: unknown): Promise<ApiResponse<T>> => {
    const headers: Record<string, string> = {};
    if (token !== undefined) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${url}${path}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T, headers: res.headers };
  };
  return {
    get: (path) => call('GET', path),
    post: (path, body) => call('POST', path, body),
    patch: (path, body) => call('PATCH', path, body),
    delete: (path) => call('DELETE', path),
    async raw(path, init) {
      const res = await fetch(`${url}${path}`, init);
      const text = await res.text();
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // not JSON: keep the text
      }
      return { status: res.status, body, headers: res.headers };
    },
  };
}

/** A real server with no account, on a manual clock: the target of `--target` runs. */
export function startBareServer(
  adminToken: string,
  options: Partial<ServerOptions> = {},
): Promise<RunningServer> {
  const profile = loadProfile('seed');
  if (!profile.ok) throw new Error(profile.error);
  return startServer({
    profile: profile.profile,
    port: 0,
    clock: { mode: 'manual', scale: 0 },
    adminToken,
    ...options,
  });
}
