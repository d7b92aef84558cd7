import type { AccountConfig } from './account-config.js';

/** The user a config without users is given: someone to hold a key and act in the account. */
export const DEFAULT_OWNER = { id: 'owner', role: 'owner' } as const;

/**
 * A config as the simulator loads it: one without users gets the owner `owner`, so that
 * `serve --config`, `startSimulator` and a scenario all have a key to act with.
 */
export function withOwner(config: AccountConfig): AccountConfig {
  return config.users?.length ? config : { ...config, users: [{ ...DEFAULT_OWNER }] };
}
