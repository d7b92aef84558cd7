import type { AccountState } from '../../../engine/world/index.js';
import { twilioSid } from '../provider-ids.js';

/**
 * Twilio's SIDs for the world's things, derived from their native ids (provider-ids.ts), and the
 * way back: a lookup among the account's things of that kind. The face's own records (TrustHub
 * profiles, end users, assignments…) and its Messaging Services are stored under their SIDs.
 */
export const PREFIX = {
  message: 'SM',
  number: 'PN',
  service: 'MG',
  brand: 'BN',
  campaign: 'QE',
  customerProfile: 'BU',
  trustProduct: 'BU',
  endUser: 'IT',
  entityAssignment: 'BV',
  evaluation: 'EL',
  vetting: 'VT',
  address: 'AD',
  supportingDocument: 'RD',
} as const;

export const numberSid = (e164: string): string => twilioSid(PREFIX.number, e164);
export const messageSid = (id: string): string => twilioSid(PREFIX.message, id);
export const brandSid = (id: string): string => twilioSid(PREFIX.brand, id);
export const campaignSid = (id: string): string => twilioSid(PREFIX.campaign, id);

/** The face record that numbers the SIDs the face makes: journaled, so a replay makes the same. */
export const SEQUENCE_RECORD = 'twilio-sequence';

/**
 * A new SID for something the face creates and keeps under it (a record, a pool): derived from
 * the account, the kind and `ordinal`, the face's own sequence (never reused, so a deleted thing's
 * SID does not come back for another), skipping any SID taken.
 */
export function newSid(
  account: Readonly<AccountState>,
  prefix: string,
  kind: string,
  ordinal: number,
): string {
  const taken = (sid: string): boolean => sid in account.records || sid in account.pools;
  for (let n = ordinal; ; n++) {
    const sid = twilioSid(prefix, `${account.info.id}:${kind}:${String(n)}`);
    if (!taken(sid)) return sid;
  }
}

/** Reverse lookups, cached: a derived SID never changes, so a hit only needs re-checking. */
const cache = new Map<string, string>();

function lookup<T>(
  sid: string,
  items: Iterable<[string, T]>,
  derive: (id: string) => string,
  exists: (id: string) => boolean,
): string | undefined {
  const hit = cache.get(sid);
  if (hit !== undefined && exists(hit)) return hit;
  for (const [id] of items)
    if (derive(id) === sid) {
      cache.set(sid, id);
      return id;
    }
  return undefined;
}

/** The number (E.164) a `PN…` SID names, if the account holds it. */
export function numberOfSid(account: Readonly<AccountState>, sid: string): string | undefined {
  return lookup(sid, Object.entries(account.numbers), numberSid, (id) => id in account.numbers);
}

/** The message id an `SM…` SID names. */
export function messageOfSid(account: Readonly<AccountState>, sid: string): string | undefined {
  return lookup(sid, account.messages.entries(), messageSid, (id) => account.messages.has(id));
}

/** The brand id a `BN…` SID names. */
export function brandOfSid(account: Readonly<AccountState>, sid: string): string | undefined {
  return lookup(sid, Object.entries(account.brands), brandSid, (id) => id in account.brands);
}

/** The campaign id a `QE…` SID names. */
export function campaignOfSid(account: Readonly<AccountState>, sid: string): string | undefined {
  return lookup(sid, Object.entries(account.campaigns), campaignSid, (id) => id in account.campaigns);
}
