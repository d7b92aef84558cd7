import type { AccountState, BrandState, CampaignState, MessageState } from '../../../engine/world/index.js';
import { providerCode, providerUuid } from '../provider-ids.js';

/**
 * Telnyx's ids for the world's resources, derived from the native ids (so the same world gives the
 * same ids on every run), and the way back: a Telnyx id is looked up among the world's resources of
 * its kind. Every route also takes the native id, so a resource made through another face can be
 * named either way.
 */
export const telnyxIds = {
  brand: (id: string) => providerUuid('telnyx-brand', id),
  tcrBrand: (id: string) => providerCode('B', id),
  campaign: (id: string) => providerUuid('telnyx-campaign', id),
  tcrCampaign: (id: string) => providerCode('C', id),
  profile: (poolId: string) => providerUuid('telnyx-messaging-profile', poolId),
  order: (recordId: string) => providerUuid('telnyx-number-order', recordId),
  message: (id: string) => providerUuid('telnyx-message', id),
  event: (id: number, history: string) => providerUuid('telnyx-event', `${history}:${String(id)}`),
  vetting: (brand: string) => providerUuid('telnyx-vetting', brand),
  /** Telnyx's phone-number ids are decimal strings: 18 digits from the number's digest. */
  phoneNumber: (e164: string) =>
    BigInt(`0x${providerUuid('telnyx-phone-number', e164).replace(/-/gu, '').slice(0, 15)}`)
      .toString()
      .padStart(18, '1'),
};

/** The brand a path names: by Telnyx's `brandId`, TCR's `tcrBrandId`, or the native id. */
export function findBrand(account: AccountState, id: string): BrandState | undefined {
  if (Object.hasOwn(account.brands, id)) return account.brands[id];
  return Object.values(account.brands).find(
    (b) => telnyxIds.brand(b.id) === id || telnyxIds.tcrBrand(b.id) === id,
  );
}

/** The campaign a path or a body names: Telnyx's `campaignId`, TCR's `tcrCampaignId`, or the native id. */
export function findCampaign(account: AccountState, id: string): CampaignState | undefined {
  if (Object.hasOwn(account.campaigns, id)) return account.campaigns[id];
  return Object.values(account.campaigns).find(
    (c) => telnyxIds.campaign(c.id) === id || telnyxIds.tcrCampaign(c.id) === id,
  );
}

/** The pool (messaging profile) a Telnyx id names. */
export function findProfile(account: AccountState, id: string): string | undefined {
  if (Object.hasOwn(account.pools, id) && account.pools[id]?.origin === 'telnyx') return id;
  return Object.values(account.pools).find((p) => p.origin === 'telnyx' && telnyxIds.profile(p.id) === id)
    ?.id;
}

/** The number a path names: Telnyx's phone-number id, or the number itself (E.164, with or without `+`). */
export function findNumberId(account: AccountState, id: string): string | undefined {
  const e164 = /^\+?1?\d{10}$/u.test(id) ? `+1${id.replace(/^\+?1?/u, '')}` : undefined;
  if (e164 !== undefined && Object.hasOwn(account.numbers, e164)) return e164;
  return Object.keys(account.numbers).find((n) => telnyxIds.phoneNumber(n) === id);
}

// A message is looked up by its Telnyx id often (fetches, webhooks). Each account's messages keep a
// map from the Telnyx ids made so far to the native ones, and how far a scan has gone, so a lookup
// hashes each message at most once. The maps are caches of a pure function, keyed by the world's
// own message maps: a restore or a reset brings new maps, and the old caches go with the old world.
const caches = new WeakMap<Map<string, MessageState>, { ids: Map<string, string>; scanned: number }>();

function cacheOf(messages: Map<string, MessageState>): { ids: Map<string, string>; scanned: number } {
  let cache = caches.get(messages);
  if (!cache) caches.set(messages, (cache = { ids: new Map(), scanned: 0 }));
  return cache;
}

/** Telnyx's id of a message of an account, remembered for the way back. */
export function messageId(id: string, account?: AccountState): string {
  const uuid = telnyxIds.message(id);
  if (account) cacheOf(account.messages).ids.set(uuid, id);
  return uuid;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/u;

/** The message a Telnyx id (or a native id) names. */
export function findMessage(account: AccountState, id: string): MessageState | undefined {
  const direct = account.messages.get(id);
  if (direct) return direct;
  if (!UUID.test(id)) return undefined;
  const cache = cacheOf(account.messages);
  const known = cache.ids.get(id);
  if (known !== undefined) return account.messages.get(known);
  // Only the messages no scan has reached yet are hashed.
  let i = 0;
  for (const m of account.messages.values()) {
    if (i++ < cache.scanned) continue;
    cache.scanned = i;
    const uuid = telnyxIds.message(m.id);
    cache.ids.set(uuid, m.id);
    if (uuid === id) return m;
  }
  return undefined;
}
