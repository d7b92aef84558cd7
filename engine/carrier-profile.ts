/**
 * A carrier profile: every parameter a rule reads. Profiles are data (YAML in
 * `profiles/`, checked by `schemas/carrier-profile.schema.json`); the engine only reads them.
 * Durations are strings such as `4h` or `1d12h` (see `engine/duration.ts`).
 */

export interface Range {
  min: number;
  max: number;
}

export interface TrustTier {
  name: string;
  minScore: number;
  maxScore: number;
  dailyCap: number;
  mps: number;
}

export type LatencyName = 'realistic' | 'fast' | 'instant';
export type LatencyKey =
  'brandReview' | 'brandVetting' | 'campaignReview' | 'provisioning' | 'propagation' | 'delivery';
/** Each latency is a `[min, max]` pair of durations; draws are uniform between them. */
export type LatencyProfile = Record<LatencyKey, [string, string]>;

export interface MagicNumber {
  outcome: 'failed' | 'replies-stop' | 'delayed' | 'undelivered-once';
  errorCode?: number;
  delay?: string;
}

export interface CampaignClasses {
  perMinute: Record<string, number>;
  perNumber: string[];
  byUseCase: Record<string, string>;
  byTier: Record<string, string>;
}

export interface CarrierProfile {
  name: string;
  description?: string;
  numbers: {
    dedicatedLimit: number;
    campaignNumberLimit: number;
    excludedAreaCodes: string[];
    scarceAreaCodes: Record<string, number>;
    inventoryPerAreaCode: number;
    emptyAreaCodes: string[];
    nonUsAreaCodes: string[];
  };
  registration: {
    campaignsPerBrand: number;
    campaignNonUseDays: number;
    unverifiedEin: string;
    standardUseCases: string[];
    specialUseCases: string[];
    subUseCaseCount: Range;
    fieldLengths: Record<
      'description' | 'messageFlow' | 'sampleMessage' | 'sampleMessages' | 'helpMessage' | 'optOutMessage',
      Range
    >;
    legalSuffixes: string[];
    optOutLanguage: string[];
    charityNonprofitTypes: string[];
    politicalExemptNonprofitTypes: string[];
    urlShorteners: string[];
    shaft: { prohibited: string[]; ageGated: string[] };
  };
  trust: {
    tiers: TrustTier[];
    /** When set, brands without secondary vetting get this tier whatever their score. */
    unvettedTier: string | null;
    useCaseDailyCaps: Record<string, number>;
  };
  throughput: {
    timeZone: string;
    maxQueueTime: string;
    oneToOne: { mps: number; dailyCap: number };
    unregistered: 'blocked' | 'limited';
    unassigned: { mps: number; filteredRate: number };
    campaignClasses: CampaignClasses | null;
  };
  messages: {
    segments: { gsm7Single: number; gsm7Part: number; ucs2Single: number; ucs2Part: number };
    optOutKeywords: string[];
    optInKeywords: string[];
    helpKeywords: string[];
    pricePerSegment: number;
    quietHours: { enabled: boolean; start: number; end: number };
  };
  magicNumbers: Record<string, MagicNumber>;
  latency: Record<LatencyName, LatencyProfile>;
}

/** The tier a trust score falls in; scores outside every band fall in the lowest tier. */
export function tierFor(profile: CarrierProfile, score: number, vetted = true): TrustTier {
  const tiers = profile.trust.tiers;
  if (!vetted && profile.trust.unvettedTier !== null) {
    const forced = tiers.find((t) => t.name === profile.trust.unvettedTier);
    if (forced) return forced;
  }
  return tiers.find((t) => score >= t.minScore && score <= t.maxScore) ?? lowestTier(profile);
}

function lowestTier(profile: CarrierProfile): TrustTier {
  return profile.trust.tiers.reduce((low, t) => (t.minScore < low.minScore ? t : low));
}
