import type { AccountState, FaceRecord } from '../../../../engine/world/index.js';
import { providerCode } from '../../provider-ids.js';

/** What the views of each resource share: times, the face's own records, a text field of a record. */

export const iso = (ms: number): string => new Date(ms).toISOString();

/** The face's own data kept beside a world resource (`put_record`), by record id. */
export type Records = Readonly<Record<string, FaceRecord>>;

/** Record ids of the face's own data. */
export const recordIds = {
  counters: 'telnyx:counters',
  brand: (id: string) => `telnyx:brand:${id}`,
  campaign: (id: string) => `telnyx:campaign:${id}`,
  profile: (pool: string) => `telnyx:profile:${pool}`,
  order: (n: number) => `telnyx:order:${String(n)}`,
  number: (e164: string) => `telnyx:number:${e164}`,
  assignment: (e164: string) => `telnyx:assignment:${e164}`,
  vetting: (brand: string) => `telnyx:vetting:${brand}`,
};

/** A record's field, if it is text. */
export function str(data: Record<string, unknown> | undefined, key: string): string | undefined {
  const v = data?.[key];
  return typeof v === 'string' ? v : undefined;
}

/** The CSP id Telnyx shows on brands and campaigns: the account's. */
export function cspIdOf(account: AccountState): string {
  return providerCode('S', account.info.id);
}
