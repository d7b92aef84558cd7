import type { AccountConfig, BrandStatus, CampaignStatus, User } from '../../engine/account-config.js';

/** An account config made from a provider account, and the values in it the provider did not give. */
export interface PulledConfig {
  config: AccountConfig;
  /** Each value a default stands for, in words (`account.kind: standard`), for the file's header. */
  defaults: string[];
}

/** The user a pulled account gets: providers have no users of tendlc's kind. */
export const OWNER: User = { id: 'owner', role: 'owner' };

/** The defaults every pull states, whichever the provider (formats: kind, owner, number kind and lifetime). */
export const COMMON_DEFAULTS: readonly string[] = [
  'account.kind: standard',
  'account.country: US',
  'users: one owner (id owner)',
  'numbers[].kind: campaign',
  'numbers[].lifetime: dedicated',
];

/** An RFC 3339 time from a provider's date (ISO 8601 or RFC 2822), or undefined. */
export function isoTime(value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : new Date(at).toISOString();
}

/** Keeps the keys whose value is neither undefined nor null nor an empty string or list. */
export function present<T extends Record<string, unknown>>(
  fields: T,
): { [K in keyof T]?: NonNullable<T[K]> } {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value) && value.length === 0) continue;
    out[key] = value;
  }
  return out as { [K in keyof T]?: NonNullable<T[K]> };
}

/** Keywords written `STOP,END` (Telnyx) as a list. */
export function keywordList(value: string | null | undefined): string[] | undefined {
  const words = (value ?? '')
    .split(',')
    .map((w) => w.trim())
    .filter((w) => w !== '');
  return words.length === 0 ? undefined : words;
}

/** A status the table does not know, read as the nearest safe one and said so. */
export function statusOf<S extends BrandStatus | CampaignStatus>(
  table: Readonly<Record<string, S>>,
  value: string | null | undefined,
  fallback: S,
  what: string,
  defaults: string[],
): S {
  const known = value ? table[value.toUpperCase()] : undefined;
  if (known) return known;
  defaults.push(`${what}: ${fallback} (the provider's status ${value ? `'${value}'` : 'is missing'})`);
  return fallback;
}
