import type { Brand } from '../account-config.js';
import { pointer } from '../finding.js';
import type { RuleDefinition } from '../rule.js';
import { indexConfig } from './config-index.js';
import { defineRule, SEEDS } from './define.js';
import { BRAND_AND_CAMPAIGN, yaml } from './example-parts.js';

const TCR = 'public: The Campaign Registry (TCR) brand registration requirements';

/** The fields a brand registration lacks, in the registry's terms (`brand-required-fields`). */
export function missingBrandFields(brand: Partial<Brand>): string[] {
  const missing: string[] = [];
  for (const field of ['name', 'entityType', 'country', 'email', 'vertical'] as const)
    if (isBlank(brand[field])) missing.push(field);
  if (brand.entityType !== 'SOLE_PROPRIETOR' && isBlank(brand.ein)) missing.push('ein');
  if (brand.entityType === 'PUBLIC_PROFIT') {
    if (isBlank(brand.stockSymbol)) missing.push('stockSymbol');
    if (isBlank(brand.stockExchange)) missing.push('stockExchange');
  }
  return missing;
}

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

const brandRequiredFields = defineRule(
  {
    id: 'brand-required-fields',
    family: 'brands',
    severity: 'error',
    where: 'L+S',
    description:
      'A brand has entityType, name, country, email and vertical; PUBLIC_PROFIT also stockSymbol and stockExchange; an EIN except for SOLE_PROPRIETOR.',
    why: "The registry verifies a brand's identity from these fields; a registration without them is refused.",
    fix: 'Fill in the missing fields of the brand.',
    source: TCR,
    params: [],
    examples: {
      failing: {
        title: 'a public company without its stock symbol',
        config: `brands:
  - { id: acme-brand, name: Acme Corp, entityType: PUBLIC_PROFIT, ein: "12-3456789", country: US,
      email: ir@acme.example, vertical: REAL_ESTATE, status: pending }`,
        steps: `- register_brand: { name: Acme Corp, entityType: PUBLIC_PROFIT, ein: "12-3456789", country: US, email: ir@acme.example, vertical: REAL_ESTATE }
  expect_error: brand-required-fields`,
      },
      passing: {
        title: 'a public company with its listing',
        config: `brands:
  - { id: acme-brand, name: Acme Corp, entityType: PUBLIC_PROFIT, ein: "12-3456789", country: US,
      email: ir@acme.example, vertical: REAL_ESTATE, status: pending, stockSymbol: ACME, stockExchange: NASDAQ }`,
        steps: `- register_brand: { name: Acme Corp, entityType: PUBLIC_PROFIT, ein: "12-3456789", country: US, email: ir@acme.example, vertical: REAL_ESTATE, stockSymbol: ACME, stockExchange: NASDAQ }
  expect: { status: pending }`,
      },
    },
  },
  (config, _ctx, report) =>
    (config.brands ?? []).forEach((brand, i) => {
      const missing = missingBrandFields(brand);
      if (missing.length > 0)
        report(
          pointer('brands', i),
          `brand '${brand.id}' (${brand.entityType}) lacks ${missing.join(', ')}`,
          `add ${missing.join(', ')} to the brand`,
        );
    }),
);

const brandLifecycle = defineRule({
  id: 'brand-lifecycle',
  family: 'brands',
  severity: 'info',
  where: 'S',
  description:
    'A brand is pending, then verified or unverified after the identity check; it can be suspended. Secondary vetting sets vetted and a new trust score after its latency.',
  why: "The registry checks a brand's identity before campaigns can be registered. A behaviour (info): the EIN 00-0000000 is the documented way to get an unverified brand in the simulator.",
  fix: 'Wait for `brand.verified` before submitting campaigns; correct the registration if the brand comes back unverified.',
  source: TCR,
  params: ['registration.unverifiedEin', 'latency.realistic.brandReview', 'latency.realistic.brandVetting'],
  examples: {
    failing: {
      title: 'a brand with the unverifiable EIN',
      config: '{}',
      steps: `- register_brand: { id: shady, name: Shady LLC, entityType: PRIVATE_PROFIT, ein: "00-0000000", country: US, email: a@shady.example, vertical: RETAIL }
- advance: 3d
- expect: { brand: shady, status: unverified }`,
    },
    passing: {
      title: 'a brand verified within three days',
      config: '{}',
      steps: `- register_brand: { id: acme-brand, name: Acme Realty LLC, entityType: PRIVATE_PROFIT, ein: "12-3456789", country: US, email: c@acme.example, vertical: REAL_ESTATE }
- expect: { brand: acme-brand, status: pending }
- advance: 3d
- expect: { brand: acme-brand, status: verified }`,
    },
  },
});

const SUBMIT_CARE = `- submit_campaign: { id: acme-care, brand: acme-brand, useCase: CUSTOMER_CARE, description: "Answers to buyers' questions about listings and showings", messageFlow: "Buyers text our listing number after seeing a yard sign", sampleMessages: ["Acme Realty: the showing is at 3pm. Reply STOP to opt out", "Acme Realty: your agent will call you back. Reply STOP to opt out"], helpMessage: "Acme Realty: help at 206-555-0100. Reply STOP to opt out.", optOutMessage: "Acme Realty: you are unsubscribed from our texts." }`;

const brandMustBeVerified = defineRule(
  {
    id: 'brand-must-be-verified',
    family: 'brands',
    severity: 'error',
    where: 'L+S',
    description: 'Campaigns can be submitted only for verified brands, vetted or not (30991).',
    why: 'The registry refuses campaign registration for a brand whose identity is not verified (error 30991).',
    fix: 'Wait for the brand to be verified, or correct its registration and register it again.',
    source: TCR,
    params: [],
    examples: {
      failing: {
        title: 'an approved campaign of an unverified brand',
        config: BRAND_AND_CAMPAIGN.replace('status: verified', 'status: unverified'),
        steps: `${SUBMIT_CARE}
  expect_error: brand-must-be-verified`,
      },
      passing: {
        title: 'an approved campaign of a verified brand',
        config: BRAND_AND_CAMPAIGN,
        steps: `${SUBMIT_CARE}
  expect: { status: pending }`,
      },
    },
  },
  (config, _ctx, report) => {
    const { brands } = indexConfig(config);
    (config.campaigns ?? []).forEach((campaign, i) => {
      const brand = brands.get(campaign.brand);
      if (!brand || campaign.status === 'draft' || brand.status === 'verified') return;
      report(
        pointer('campaigns', i, 'brand'),
        `campaign '${campaign.id}' is ${campaign.status} but brand '${brand.id}' is ${brand.status}, not verified (30991)`,
        'get the brand verified before submitting its campaigns',
      );
    });
  },
);

function draftCampaigns(count: number): string {
  const lines = Array.from(
    { length: count },
    (_, i) => `  - { id: c${String(i + 1)}, brand: acme-brand, useCase: MARKETING, status: draft }`,
  );
  return `campaigns:\n${lines.join('\n')}\n`;
}

const BRAND_ONLY = BRAND_AND_CAMPAIGN.slice(0, BRAND_AND_CAMPAIGN.indexOf('campaigns:'));

const brandCampaignLimit = defineRule(
  {
    id: 'brand-campaign-limit',
    family: 'brands',
    severity: 'error',
    where: 'L+S',
    description: 'At most N campaigns per brand (30930).',
    why: 'The registry caps the campaigns one brand may register (error 30930).',
    fix: 'Retire campaigns you no longer use, or combine use cases into a MIXED campaign.',
    source: TCR,
    params: ['registration.campaignsPerBrand'],
    examples: {
      failing: {
        title: 'a brand with 101 campaigns',
        config: yaml(BRAND_ONLY, draftCampaigns(101)),
        steps: `${SUBMIT_CARE}
  expect_error: brand-campaign-limit`,
      },
      passing: {
        title: 'a brand with 99 campaigns registers one more',
        config: yaml(BRAND_ONLY, draftCampaigns(99)),
        steps: `${SUBMIT_CARE}
  expect: { status: pending }`,
      },
    },
  },
  (config, { profile }, report) => {
    const limit = profile.registration.campaignsPerBrand;
    const counts = new Map<string, number>();
    (config.campaigns ?? []).forEach((campaign, i) => {
      const count = (counts.get(campaign.brand) ?? 0) + 1;
      counts.set(campaign.brand, count);
      if (count > limit)
        report(
          pointer('campaigns', i),
          `brand '${campaign.brand}' has ${String(count)} campaigns; at most ${String(limit)} are allowed (30930)`,
          'retire unused campaigns or combine use cases',
        );
    });
  },
);

const trustTier = defineRule({
  id: 'trust-tier',
  family: 'brands',
  severity: 'info',
  where: 'S',
  description:
    "The trust score (0–100) sets the brand's tier, and the tier sets throughput; a new brand's score is drawn from the seeded source unless given.",
  why: "Carriers grant throughput by the brand's trust score. A behaviour (info) of the simulator; under `carriers-2025`, unvetted brands get the lowest tier.",
  fix: 'Request secondary vetting to raise a low score.',
  source: SEEDS.S3,
  params: ['trust.tiers', 'trust.unvettedTier'],
  examples: {
    failing: {
      title: 'a brand with score 10 lands in the low tier',
      config: '{}',
      steps: `- register_brand: { id: small, name: Small Shop LLC, entityType: PRIVATE_PROFIT, ein: "12-3456789", country: US, email: a@small.example, vertical: RETAIL, trustScore: 10 }
- advance: 3d
- expect: { brand: small, tier: low }`,
    },
    passing: {
      title: 'a brand with score 80 lands in the high tier',
      config: '{}',
      steps: `- register_brand: { id: big, name: Big Shop LLC, entityType: PRIVATE_PROFIT, ein: "12-3456789", country: US, email: a@big.example, vertical: RETAIL, trustScore: 80 }
- advance: 3d
- expect: { brand: big, tier: high }`,
    },
  },
});

/** Rules of brands (public registry facts). */
export const brandsRules: readonly RuleDefinition[] = [
  brandRequiredFields,
  brandLifecycle,
  brandMustBeVerified,
  brandCampaignLimit,
  trustTier,
];
