import type { AccountConfig } from '../engine/account-config.js';
import type { CarrierProfile, LatencyName } from '../engine/carrier-profile.js';
import { readConfigFile } from './files/config-file.js';
import { loadProfile } from './files/profile-file.js';
import { startServer, type ClockControl } from './server.js';
import type { UserKey } from './service.js';
import type { ClockSetting } from './virtual-clock.js';

export interface StartSimulatorOptions {
  /** Account configs to load: YAML file paths or config objects. */
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
  /** The virtual time the clock starts at: a date or epoch ms; default now. */
  start?: Date | number;
}

export interface Simulator {
  /** `http://127.0.0.1:PORT`: point your integration here. */
  url: string;
  clock: ClockControl;
  /** The keys of each account's users, by account id. */
  keys: Record<string, UserKey[]>;
  /** The key of one user (`simulator.key('olga')`, or `simulator.key('bo', 'beta')`). */
  key(user: string, account?: string): string;
  adminToken: string;
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
    .flatMap((c) => (typeof c === 'string' ? readConfigs(c, profile) : [c]));
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
    ...(options.start === undefined ? {} : { start: Number(options.start) }),
  });
  return {
    url: server.url,
    clock: server.clock,
    keys: server.keys,
    key(user, account) {
      const found = Object.entries(server.keys)
        .filter(([id]) => account === undefined || id === account)
        .flatMap(([, keys]) => keys)
        .find((k) => k.user === user);
      if (!found) throw new Error(`no user '${user}'${account ? ` in account '${account}'` : ''}`);
      return found.key;
    },
    adminToken: server.adminToken,
    stop: () => server.stop(),
  };
}

function resolveProfile(profile: string | CarrierProfile): CarrierProfile {
  if (typeof profile !== 'string') return profile;
  const loaded = loadProfile(profile);
  if (!loaded.ok) throw new Error(loaded.error);
  return loaded.profile;
}

function readConfigs(file: string, profile: CarrierProfile): AccountConfig[] {
  const read = readConfigFile(file, profile);
  if (!read.ok) throw new Error(`${file} cannot be loaded:\n  ${read.errors.join('\n  ')}`);
  return read.configs;
}
