import type { AccountConfig, Brand, Campaign, PhoneNumber, User } from '../account-config.js';

/** Lookups over one account config, built once per check so that checks stay linear. */
export interface ConfigIndex {
  readonly brands: ReadonlyMap<string, Brand>;
  readonly campaigns: ReadonlyMap<string, Campaign>;
  readonly numbers: ReadonlyMap<string, PhoneNumber>;
  readonly users: ReadonlyMap<string, User>;
}

const cache = new WeakMap<AccountConfig, ConfigIndex>();

/** The config's lookups by id (the first item wins where an id repeats: `duplicate-id` reports the rest). */
export function indexConfig(config: AccountConfig): ConfigIndex {
  const cached = cache.get(config);
  if (cached) return cached;
  const index: ConfigIndex = {
    brands: byKey(config.brands, (b) => b.id),
    campaigns: byKey(config.campaigns, (c) => c.id),
    numbers: byKey(config.numbers, (n) => n.e164),
    users: byKey(config.users, (u) => u.id),
  };
  cache.set(config, index);
  return index;
}

function byKey<T>(items: readonly T[] | undefined, key: (item: T) => string): Map<string, T> {
  const map = new Map<string, T>();
  for (const item of items ?? []) if (!map.has(key(item))) map.set(key(item), item);
  return map;
}

/** Number statuses that hold a number for the account: it counts against limits and can carry a campaign. */
export const HELD_STATUSES: ReadonlySet<string> = new Set(['ordered', 'provisioning', 'active']);

/** Whether a number is a dedicated campaign number (the catalog's "dedicated number"). */
export function isDedicated(number: PhoneNumber): boolean {
  return number.kind === 'campaign' && number.lifetime !== 'single-use';
}

/** A campaign that has been submitted to the registry, so that its registration fields matter. */
export function isSubmitted(campaign: Campaign): boolean {
  return campaign.status !== 'draft';
}
