import { resolve } from 'node:path';
import type { AccountConfig } from '../engine/account-config.js';
import { DEFAULT_OWNER, withOwner } from '../engine/account-owner.js';
import { readConfigFile } from '../simulator/files/config-file.js';
import { startServer, type RunningServer } from '../simulator/server.js';
import { parseClockSetting } from '../simulator/virtual-clock.js';
import { loadProfile } from '../simulator/files/profile-file.js';
import { serveLog, type LogFormat } from './serve-log.js';

export interface ServeFlags {
  config?: string[];
  host: string;
  port: string;
  data: string;
  inMemory?: boolean;
  clock: string;
  latency: 'realistic' | 'fast' | 'instant';
  seed: string;
  adminToken?: string;
  profile: string;
  reset?: boolean;
  rateLimit?: string;
  logFormat?: LogFormat;
}

/** Runs `tendlc serve` until SIGINT or SIGTERM; returns the exit code. */
export async function runServe(flags: ServeFlags): Promise<number> {
  const usage = (message: string): number => {
    process.stderr.write(`tendlc serve: ${message}\n`);
    return 2;
  };
  const profile = loadProfile(flags.profile);
  if (!profile.ok) return usage(profile.error);
  const clock = parseClockSetting(flags.clock);
  if (!clock) return usage(`--clock '${flags.clock}' is not realtime, manual or scale:N`);
  const port = Number(flags.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    return usage(`--port '${flags.port}' is not a port`);
  const seed = Number(flags.seed);
  if (!Number.isInteger(seed) || seed < 0) return usage(`--seed '${flags.seed}' is not a whole number`);
  const rateLimit = flags.rateLimit === undefined ? undefined : Number(flags.rateLimit);
  if (rateLimit !== undefined && !(rateLimit > 0))
    return usage(`--rate-limit '${String(flags.rateLimit)}' is not a positive number`);
  const configs: AccountConfig[] = [];
  for (const file of flags.config ?? []) {
    const read = readConfigFile(file, profile.profile);
    if (!read.ok)
      return usage(`--config ${file} cannot be loaded:\n  ${read.errors.slice(0, 20).join('\n  ')}`);
    configs.push(...read.configs);
  }
  // An account without users gets an owner, as scenarios give one: someone holds a key.
  const owned = new Set(configs.filter((c) => !c.users?.length).map((c) => c.account.id));
  const log = serveLog(flags.logFormat ?? 'auto');
  let server: RunningServer;
  try {
    server = await startServer({
      profile: profile.profile,
      configs: configs.map(withOwner),
      host: flags.host,
      port,
      ...(flags.inMemory ? {} : { data: resolve(flags.data) }),
      reset: flags.reset ?? false,
      ...(rateLimit === undefined ? {} : { rateLimit }),
      ...(log.requests ? { requestLog: log.requests } : {}),
      // A tuning knob for tests of recovery: snapshots more often than the default.
      ...(process.env.TENDLC_SNAPSHOT_EVERY
        ? { snapshotEvery: Number(process.env.TENDLC_SNAPSHOT_EVERY) }
        : {}),
      clock,
      latency: flags.latency,
      seed,
      ...(flags.adminToken ? { adminToken: flags.adminToken } : {}),
    });
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    if (e.code === 'EADDRINUSE') return usage(`port ${flags.port} is in use; pick another with --port`);
    return usage(e.message);
  }
  // The handlers are in place before the banner tells anyone the server is up: a SIGTERM sent the
  // moment the banner is read stops the server cleanly, rather than the process dying unsaved.
  const stopped = new Promise<void>((done) => {
    const quit = (signal: NodeJS.Signals): void => {
      process.off('SIGINT', quit);
      process.off('SIGTERM', quit);
      void server.stop().then(() => {
        const requests = server.metrics.requestCount;
        const state = flags.inMemory ? 'the state was in memory' : `state kept in ${resolve(flags.data)}`;
        log.note('stopped', `stopped (${signal}) after ${String(requests)} requests; ${state}`, {
          signal,
          requests,
          ...(flags.inMemory ? {} : { state: resolve(flags.data) }),
        });
        log.flush();
        done();
      });
    };
    process.on('SIGINT', quit);
    process.on('SIGTERM', quit);
  });
  process.stdout.write(banner(server, flags, configs.length > 0, server.recovered ? new Set() : owned));
  // A machine reading JSON lines learns the address from one (the banner above is for people).
  if (log.json) log.note('listening', `listening on ${server.url}`, { url: server.url });
  await stopped;
  return 0;
}

function banner(
  server: RunningServer,
  flags: ServeFlags,
  hadConfig: boolean,
  owned: ReadonlySet<string>,
): string {
  const lines = [
    `tendlc serve: ${server.url} (clock ${flags.clock}, latency ${flags.latency}, seed ${flags.seed})`,
  ];
  lines.push(
    flags.inMemory
      ? '  state: in memory'
      : `  state: ${resolve(flags.data)}${server.recovered ? ' (recovered' + (hadConfig ? '; --config ignored, --reset starts over)' : ')') : ''}`,
  );
  lines.push(`  admin token: ${server.adminToken}`);
  for (const [account, keys] of Object.entries(server.keys)) {
    lines.push(
      owned.has(account)
        ? `  account ${account} (no users in its config: added '${DEFAULT_OWNER.id}', role ${DEFAULT_OWNER.role}):`
        : `  account ${account}:`,
    );
    for (const k of keys)
      lines.push(
        `    ${k.user.padEnd(12)} ${k.role.padEnd(9)} ${k.key}${k.subgroups.length ? `  (${k.subgroups.join(', ')})` : ''}`,
      );
    const provider = server.providers[account];
    if (provider)
      lines.push(
        `    twilio: account SID ${provider.twilio.accountSid}, auth token ${provider.twilio.authToken}`,
        `    telnyx: API key ${provider.telnyx.apiKey}, webhook public key ${provider.telnyx.publicKey}`,
      );
  }
  const first = Object.values(server.keys)[0]?.[0];
  if (first)
    lines.push('  try:', `    curl -H 'Authorization: Bearer ${first.key}' ${server.url}/v1/numbers`);
  lines.push(
    `  console: ${server.url}/   (open it in a browser; sign in with a key above or the admin token)`,
    `  OpenAPI: ${server.url}/openapi.json   events: ${server.url.replace('http', 'ws')}/v1/events`,
    '',
  );
  return lines.join('\n');
}
