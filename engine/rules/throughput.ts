import { tierFor } from '../carrier-profile.js';
import { pointer } from '../finding.js';
import type { RuleDefinition } from '../rule.js';
import { indexConfig } from './config-index.js';
import { defineRule, SEEDS } from './define.js';
import { BRAND_AND_CAMPAIGN, yaml } from './example-parts.js';

const NUMBER = `numbers:
  - { e164: "+12065550100", kind: campaign, lifetime: dedicated, status: active, campaign: acme-mkt }
`;
const SEND = (to: string, body = 'Acme Realty: open house Sat. Reply STOP to opt out'): string =>
  `- send: { from: "+12065550100", to: "${to}", body: "${body}" }`;

const trustScoreThroughput = defineRule({
  id: 'trust-score-throughput',
  family: 'throughput',
  severity: 'info',
  where: 'S',
  description:
    "Per brand tier, a daily cap in segments (reset at midnight in the profile's time zone) and a messages-per-second rate; over the rate messages queue, over the cap they fail (30027).",
  why: "Carriers grant throughput by trust score. A behaviour (info): queued messages go out at the tier's rate; a message queued past the maximum queue time fails with 30022. A profile with carrier campaign classes (carriers-2025: AT&T's messages a minute by class) also holds each campaign to its class's rate, set by its use case or its brand's tier (scenarios/journeys/campaign-class-limit.yaml).",
  fix: 'Spread sends over the day, raise the trust score through vetting, or split traffic across brands legitimately.',
  source: SEEDS.S3,
  params: ['trust.tiers', 'trust.useCaseDailyCaps', 'throughput.timeZone', 'throughput.maxQueueTime'],
  examples: {
    failing: {
      title: 'a low-tier brand sends past its daily cap',
      config: yaml(BRAND_AND_CAMPAIGN.replace('trustScore: 80', 'trustScore: 10'), NUMBER),
      steps: `- send_many: { from: "+12065550100", count: 2001, body: "Acme Realty: open house Sat. Reply STOP to opt out" }
- advance: 4h
- expect: { message: last, status: failed, errorCode: 30027 }`,
    },
    passing: {
      title: 'the same brand, after midnight Pacific',
      config: yaml(BRAND_AND_CAMPAIGN.replace('trustScore: 80', 'trustScore: 10'), NUMBER),
      steps: `${SEND('+12065550123')}
- advance: 1d
${SEND('+12065550124')}
- advance: 1m
- expect: { message: last, status: delivered }`,
    },
  },
});

const declaredVolumeWithinCap = defineRule(
  {
    id: 'declared-volume-within-cap',
    family: 'throughput',
    severity: 'warning',
    where: 'L',
    description: "An outreach's declared daily volume fits the brand's daily cap.",
    why: "Past the tier's daily cap messages fail (30027); an outreach planned above it cannot reach all its contacts in a day.",
    fix: "Lower the daily volume, spread it over more days, or raise the brand's trust score through vetting.",
    source: SEEDS.S3,
    params: ['trust.tiers', 'trust.unvettedTier', 'trust.useCaseDailyCaps'],
    examples: {
      failing: {
        title: '5,000 a day on a low-tier brand (2,000/day)',
        config: yaml(
          BRAND_AND_CAMPAIGN.replace('trustScore: 80', 'trustScore: 10'),
          NUMBER,
          `outreach:
  - { id: spring, type: bulk, campaign: acme-mkt, numbers: ["+12065550100"], status: draft, dailyVolume: 5000 }`,
        ),
      },
      passing: {
        title: '1,500 a day on the same brand',
        config: yaml(
          BRAND_AND_CAMPAIGN.replace('trustScore: 80', 'trustScore: 10'),
          NUMBER,
          `outreach:
  - { id: spring, type: bulk, campaign: acme-mkt, numbers: ["+12065550100"], status: draft, dailyVolume: 1500 }`,
        ),
      },
    },
  },
  (config, { profile }, report) => {
    const { brands, campaigns } = indexConfig(config);
    (config.outreach ?? []).forEach((outreach, i) => {
      const campaign = outreach.campaign === undefined ? undefined : campaigns.get(outreach.campaign);
      const brand = campaign ? brands.get(campaign.brand) : undefined;
      if (!campaign || !brand || outreach.dailyVolume === undefined || brand.trustScore === undefined) return;
      const tier = tierFor(profile, brand.trustScore, brand.vetted ?? false);
      const cap = profile.trust.useCaseDailyCaps[campaign.useCase] ?? tier.dailyCap;
      if (outreach.dailyVolume > cap)
        report(
          pointer('outreach', i, 'dailyVolume'),
          `outreach '${outreach.id}' declares ${String(outreach.dailyVolume)} messages a day; brand '${brand.id}' (${tier.name} tier) may send ${String(cap)}`,
          'lower the daily volume or spread it over more days',
        );
    });
  },
);

const oneToOneThroughput = defineRule({
  id: 'one-to-one-throughput',
  family: 'throughput',
  severity: 'info',
  where: 'S',
  description: "One-to-one numbers have their own carrier allowance, apart from the brand's campaign caps.",
  why: "1:1 conversations are person-to-person traffic with a per-number allowance. A behaviour (info): they do not count against the brand's daily cap.",
  fix: 'Keep 1:1 texting conversational; move volume to campaign numbers.',
  source: SEEDS.S0,
  params: ['throughput.oneToOne'],
  examples: {
    failing: {
      title: 'a one-to-one number past its own daily allowance',
      config: `users: [{ id: olga, role: owner }]
numbers:
  - { e164: "+12065550101", kind: one-to-one, status: active, rep: olga, inbox: { mode: agent, agents: [olga] } }`,
      steps: `- send_many: { from: "+12065550101", count: 1001, body: "Hi, this is Olga from Acme Realty" }
- advance: 1h
- expect: { message: last, status: failed, errorCode: 30027 }`,
    },
    passing: {
      title: 'a 1:1 text goes out whatever the brand cap',
      config: `users: [{ id: olga, role: owner }]
numbers:
  - { e164: "+12065550101", kind: one-to-one, status: active, rep: olga, inbox: { mode: agent, agents: [olga] } }`,
      steps: `- send: { from: "+12065550101", to: "+12065550123", body: "Hi, this is Olga from Acme Realty" }
- advance: 1m
- expect: { message: last, status: delivered }`,
    },
  },
});

const unassignedThroughput = defineRule({
  id: 'unassigned-throughput',
  family: 'throughput',
  severity: 'info',
  where: 'S',
  description:
    "Under the profile's older regime, an unassigned US number is limited and filtered instead of blocked.",
  why: 'An older regime gave unassigned numbers "limited throughput and filtering"; today carriers block them (30034). A behaviour (info), chosen by `throughput.unregistered` in the profile.',
  fix: 'Assign every sending number to an approved campaign.',
  source: SEEDS.S3,
  params: ['throughput.unregistered', 'throughput.unassigned'],
  examples: {
    failing: {
      title: 'an unassigned number is blocked under the seed profile',
      config: `numbers:
  - { e164: "+12065550100", kind: campaign, lifetime: dedicated, status: active }`,
      steps: `${SEND('+12065550123')}
- advance: 1m
- expect: { message: last, status: failed, errorCode: 30034 }`,
    },
    passing: {
      title: 'an assigned number delivers',
      config: yaml(BRAND_AND_CAMPAIGN, NUMBER),
      steps: `${SEND('+12065550123')}
- advance: 1m
- expect: { message: last, status: delivered }`,
    },
  },
});

const messageSegments = defineRule({
  id: 'message-segments',
  family: 'throughput',
  severity: 'info',
  where: 'S',
  description:
    'Caps count segments: 160 GSM-7 or 70 UCS-2 characters in one segment, 153 or 67 per part when concatenated.',
  why: 'Carriers bill and cap by segment; one emoji switches a message to UCS-2 and can triple its segments. A behaviour (info).',
  fix: 'Keep messages within one segment, and avoid characters outside GSM-7 in long ones.',
  source: 'public: 3GPP TS 23.038 (GSM-7) and carrier segment billing',
  params: ['messages.segments'],
  examples: {
    failing: {
      title: 'an emoji makes a 100-character message two segments',
      config: yaml(BRAND_AND_CAMPAIGN, NUMBER),
      steps: `${SEND('+12065550123', 'Acme Realty 🏠: open house this Saturday from 1 to 3pm at 12 Elm Street. Bring a friend! Reply STOP to opt out')}
- expect: { message: last, segments: 2 }`,
    },
    passing: {
      title: 'the same text without the emoji is one segment',
      config: yaml(BRAND_AND_CAMPAIGN, NUMBER),
      steps: `${SEND('+12065550123', 'Acme Realty: open house this Saturday from 1 to 3pm at 12 Elm Street. Bring a friend! Reply STOP to opt out')}
- expect: { message: last, segments: 1 }`,
    },
  },
});

/** Rules of throughput. */
export const throughputRules: readonly RuleDefinition[] = [
  trustScoreThroughput,
  declaredVolumeWithinCap,
  oneToOneThroughput,
  unassignedThroughput,
  messageSegments,
];
