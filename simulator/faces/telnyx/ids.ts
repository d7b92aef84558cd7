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

// A message is looked up by its Telnyx id often (fetches, webhooks): the ids the face has made are
// remembered. The map is a cache of a pure function, so it needs no journal.
const messageIds = new Map<string, string>();

/** Telnyx's id of a message, remembered for the way back. */
export function messageId(id: string): string {
  const uuid = telnyxIds.message(id);
  if (messageIds.size > 100_000) messageIds.clear();
  messageIds.set(uuid, id);
  return uuid;
}

/** The message a Telnyx id (or a native id) names. */
export function findMessage(account: AccountState, id: string): MessageState | undefined {
  const direct = account.messages.get(id) ?? account.messages.get(messageIds.get(id) ?? '');
  if (direct) return direct;
  for (const m of account.messages.values()) if (messageId(m.id) === id) return m;
  return undefined;
}
