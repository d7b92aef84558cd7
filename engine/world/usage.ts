import { tierFor, type CarrierProfile } from '../carrier-profile.js';
import { reaches } from './access.js';
import { dayOf } from './day.js';
import { holdsDedicated } from './numbers.js';
import type { AccountState, Actor } from './types.js';

/** A campaign's numbers against `use-case-number-limit`, and the daily cap its traffic counts against. */
export interface CampaignUsage {
  campaign: string;
  brand: string;
  status: string;
  associations: number;
  limit: number;
  dailyCap: number;
}

/** A brand's throughput: its tier's rate and daily cap, today's segments, the messages waiting for a slot. */
export interface BrandUsage {
  brand: string;
  tier: string;
  trustScore: number;
  mps: number;
  dailyCap: number;
  segmentsToday: number;
  queued: number;
}

/** What `GET /v1/usage` answers: the account's limits and how much of each is used. */
export interface Usage {
  account: string;
  /** The subgroups the figures of numbers and messages are limited to; `[]`: the whole account. */
  subgroups: string[];
  /** The day of the daily caps, in the carrier profile's time zone (`YYYY-MM-DD`). */
  day: string;
  dedicatedNumbers: { held: number; limit: number };
  campaigns: CampaignUsage[];
  brands: BrandUsage[];
}

/**
 * The account's limits and usage as the actor may see them. Brands and campaigns belong to the
 * account, so their figures are the account's (a brand's daily cap counts all its traffic, as the
 * carriers do); numbers and queued messages belong to subgroups, so a key limited to some counts
 * only theirs, as every other read does (`subgroup-isolation`).
 */
export function usageOf(
  account: AccountState,
  actor: Actor | undefined,
  profile: CarrierProfile,
  now: number,
): Usage {
  const inScope = (subgroup: string | undefined): boolean => reaches(actor, subgroup);
  const day = dayOf(now, profile.throughput.timeZone).key;
  const tierOf = (brandId: string) => {
    const brand = account.brands[brandId];
    return brand ? tierFor(profile, brand.trustScore, brand.vetted) : undefined;
  };
  const held = Object.values(account.numbers).filter((n) => holdsDedicated(n) && inScope(n.subgroup)).length;
  const campaigns = Object.values(account.campaigns).map((c) => {
    const associated = account.associations[c.id] ?? [];
    const counted =
      actor === undefined || actor.subgroups.length === 0
        ? associated.length
        : associated.filter((e164) => {
            const number = account.numbers[e164];
            return number !== undefined && inScope(number.subgroup);
          }).length;
    return {
      campaign: c.id,
      brand: c.brand,
      status: c.status,
      associations: counted,
      limit: profile.numbers.campaignNumberLimit,
      dailyCap: profile.trust.useCaseDailyCaps[c.useCase] ?? tierOf(c.brand)?.dailyCap ?? 0,
    };
  });
  const queued = queuedByBrand(account, inScope);
  const brands = Object.values(account.brands).map((b) => {
    const tier = tierFor(profile, b.trustScore, b.vetted);
    const used = account.usage[`brand:${b.id}`];
    return {
      brand: b.id,
      tier: tier.name,
      trustScore: b.trustScore,
      mps: tier.mps,
      dailyCap: tier.dailyCap,
      segmentsToday: used?.day === day ? used.count : 0,
      queued: queued.get(b.id) ?? 0,
    };
  });
  return {
    account: account.info.id,
    subgroups: actor ? [...actor.subgroups] : [],
    day,
    dedicatedNumbers: { held, limit: profile.numbers.dedicatedLimit },
    campaigns,
    brands,
  };
}

/** Messages waiting for their slot at the tier's rate, by the brand their number's campaign belongs to. */
function queuedByBrand(
  account: AccountState,
  inScope: (subgroup: string | undefined) => boolean,
): Map<string, number> {
  const out = new Map<string, number>();
  for (const m of account.messages.values()) {
    if (m.status !== 'queued' || !inScope(m.subgroup)) continue;
    const campaign = account.numbers[m.from]?.campaign;
    const brand = campaign === undefined ? undefined : account.campaigns[campaign]?.brand;
    if (brand !== undefined) out.set(brand, (out.get(brand) ?? 0) + 1);
  }
  return out;
}
