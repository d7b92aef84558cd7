import type { ProviderKeys } from './faces/credentials.js';
import type { AccountConfig } from '../engine/account-config.js';
import { withOwner } from '../engine/account-owner.js';
import type { CarrierProfile, LatencyName } from '../engine/carrier-profile.js';
import type { Event as ApiEvent } from '../engine/schemas/compiled/api-types.js';
import { readConfigFile } from './files/config-file.js';
import { configPath } from './files/examples.js';
import { handset, type Handset } from './in-test/handset.js';
import { EventWaiter, type EventMatch, type WaitForOptions } from './in-test/event-waiter.js';
import { loadProfile } from './files/profile-file.js';
import { startServer, type ClockControl } from './server.js';
import type { UserKey } from './service.js';
import type { ClockSetting } from './virtual-clock.js';

/** Where a simulator's virtual clock starts unless told otherwise: the scenarios' start too. */
export const DEFAULT_START = '2026-11-02T17:00:00Z';

export interface StartSimulatorOptions {
  /**
   * Account configs to load: a shipped example's name (`'acme'`, see `examples`), YAML file paths
   * (relative to the working directory), or config objects. A config without users gets the
   * owner `owner`.
   */
  config?: string | AccountConfig | Array<string | AccountConfig>;
  /** Default `manual`: a test moves time itself with `clock.advance`. */
  clock?: ClockSetting['mode'] | ClockSetting;
  latency?: LatencyName;
  seed?: number;
  /** A shipped profile name (`seed`, `carriers-2025`), a profile file, or a profile object. */
  profile?: string | CarrierProfile;
  /** A state file; default: in memory. */
  data?: string;
  port?: number;
  host?: string;
  adminToken?: string;
  /** The virtual time the clock starts at: a date, an ISO 8601 text or epoch ms; default 2026-11-02T17:00:00Z. */
  start?: Date | number | string;
}

export interface Simulator {
  /** `http://127.0.0.1:PORT`: point your integration here. */
  url: string;
  clock: ClockControl;
  /** The keys of each account's users, by account id. */
  keys: Record<string, UserKey[]>;
  /**
   * Each account's provider credentials, by account id: `twilio: {accountSid, authToken}` and
   * `telnyx: {apiKey, publicKey}` (docs/twilio.md, docs/telnyx.md).
   */
  providers: Record<string, ProviderKeys>;
  /** The key of one user (`simulator.key('olga')`, or `simulator.key('bo', 'beta')`). */
  key(user: string, account?: string): string;
  adminToken: string;
  /**
   * Fires what is due at the virtual now, then resolves once every webhook delivery due has been
   * made and its attempt recorded. Retries of failed attempts are due later: advance the clock.
   */
  settle(): Promise<void>;
  /**
   * The next event of a type (`campaign.approved`, or a pattern such as `message.*`) or that a
   * predicate accepts, after the last one an earlier `waitFor` returned: one that already happened
   * counts. Rejects after `timeout` wall milliseconds (default 2000), saying what it waited for.
   */
  waitFor(match: EventMatch, options?: WaitForOptions): Promise<ApiEvent>;
  /** An end user's phone: `handset('+12065550123').reply('STOP')`, `.messages()`. */
  handset(e164: string): Handset;
  stop(): Promise<void>;
}

/**
 * Starts the simulator for a test suite: a real HTTP server on 127.0.0.1 and a free port, in
 * memory, on a manual clock unless told otherwise.
 */
export async function startSimulator(options: StartSimulatorOptions = {}): Promise<Simulator> {
  const profile = resolveProfile(options.profile ?? 'seed');
  const configs = [options.config ?? []]
    .flat()
    .flatMap((c) => (typeof c === 'string' ? readConfigs(c, profile) : [c]))
    .map(withOwner);
  const start = startTime(options.start);
  const clock =
    typeof options.clock === 'object'
      ? options.clock
      : options.clock === 'realtime'
        ? { mode: 'realtime' as const, scale: 1 }
        : { mode: 'manual' as const, scale: 0 };
  const server = await startServer({
    profile,
    configs,
    host: options.host ?? '127.0.0.1',
    port: options.port ?? 0,
    clock,
    latency: options.latency ?? 'realistic',
    seed: options.seed ?? 1,
    ...(options.data === undefined ? {} : { data: options.data }),
    ...(options.adminToken === undefined ? {} : { adminToken: options.adminToken }),
    start,
  });
  const waiter = new EventWaiter(server.service);
  return {
    url: server.url,
    clock: server.clock,
    keys: server.keys,
    providers: server.providers,
    key(user, account) {
      const found = Object.entries(server.keys)
        .filter(([id]) => account === undefined || id === account)
        .flatMap(([, keys]) => keys)
        .find((k) => k.user === user);
      if (!found) throw new Error(`no user '${user}'${account ? ` in account '${account}'` : ''}`);
      return found.key;
    },
    adminToken: server.adminToken,
    settle: () => server.settle(),
    waitFor: (match, waitOptions) => waiter.wait(match, waitOptions),
    handset: (e164) => handset(server.url, server.adminToken, e164),
    stop: () => server.stop(),
  };
}

/** RFC 3339: a date, a time and an offset (`Z` or `+02:00`), so that a run reads the same anywhere. */
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/iu;

function startTime(start: StartSimulatorOptions['start']): number {
  const at =
    start === undefined
      ? Date.parse(DEFAULT_START)
      : start instanceof Date
        ? start.getTime()
        : typeof start === 'number'
          ? start
          : RFC3339.test(start)
            ? Date.parse(start)
            : NaN;
  if (!Number.isFinite(at))
    throw new RangeError(
      `start '${String(start)}' is not a time: give a Date, epoch milliseconds or an RFC 3339 time such as ${DEFAULT_START}`,
    );
  return at;
}

function resolveProfile(profile: string | CarrierProfile): CarrierProfile {
  if (typeof profile !== 'string') return profile;
  const loaded = loadProfile(profile);
  if (!loaded.ok) throw new Error(loaded.error);
  return loaded.profile;
}

function readConfigs(ref: string, profile: CarrierProfile): AccountConfig[] {
  const file = configPath(ref);
  const read = readConfigFile(file, profile);
  if (!read.ok) throw new Error(`${file} cannot be loaded:\n  ${read.errors.join('\n  ')}`);
  return read.configs;
}
