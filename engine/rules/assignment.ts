import { pointer } from '../finding.js';
import { areaCode } from '../phone.js';
import type { RuleDefinition } from '../rule.js';
import { HELD_STATUSES, indexConfig } from './config-index.js';
import { defineRule, SEEDS } from './define.js';
import { BRAND_AND_CAMPAIGN, yaml } from './example-parts.js';

const ASSIGNED = (status: string, campaign = 'acme-mkt'): string => `numbers:
  - { e164: "+12065550100", kind: campaign, lifetime: dedicated, status: ${status}, campaign: ${campaign} }
`;

const assignmentNeedsApprovedCampaign = defineRule(
  {
    id: 'assignment-needs-approved-campaign',
    family: 'assignment',
    severity: 'error',
    where: 'L+S',
    description:
      'A number can be assigned only to an approved campaign; if the campaign stops being approved, its assignments stop carrying registered traffic.',
    why: "Carriers accept a number's traffic under a campaign only once the registry has approved that campaign.",
    fix: 'Wait for the campaign to be approved before assigning numbers, or assign the number to an approved campaign.',
    source: SEEDS.S3,
    params: [],
    examples: {
      failing: {
        title: 'a number assigned to a pending campaign',
        config: yaml(BRAND_AND_CAMPAIGN.replace('status: approved', 'status: pending'), ASSIGNED('active')),
        steps: `- assign_number: { number: "+12065550100", campaign: acme-mkt }
  expect_error: assignment-needs-approved-campaign`,
      },
      passing: {
        title: 'a number assigned to an approved campaign',
        config: yaml(BRAND_AND_CAMPAIGN, ASSIGNED('active')),
        steps: `- assign_number: { number: "+12065550100", campaign: acme-mkt }
  expect: { campaign: acme-mkt }`,
      },
    },
  },
  (config, _ctx, report) => {
    const { campaigns } = indexConfig(config);
    (config.numbers ?? []).forEach((number, i) => {
      const campaign = number.campaign === undefined ? undefined : campaigns.get(number.campaign);
      if (number.status === 'active' && campaign && campaign.status !== 'approved')
        report(
          pointer('numbers', i, 'campaign'),
          `${number.e164} is assigned to campaign '${campaign.id}', which is ${campaign.status}, not approved`,
          'assign numbers only to approved campaigns',
        );
    });
  },
);

const assignmentNeedsActiveNumber = defineRule(
  {
    id: 'assignment-needs-active-number',
    family: 'assignment',
    severity: 'error',
    where: 'L+S',
    description:
      'Only an active number can be assigned to a campaign; a failed or released number holding a campaign is an error.',
    why: 'The registry assigns numbers that exist on the carriers; a failed or released number has no line to register.',
    fix: 'Remove the campaign from the failed or released number, and assign an active one instead.',
    source: SEEDS.S3,
    params: [],
    examples: {
      failing: {
        title: 'a released number still holding a campaign',
        config: yaml(BRAND_AND_CAMPAIGN, ASSIGNED('released')),
        steps: `- order_number: { areaCode: "503", kind: campaign, lifetime: dedicated, campaign: acme-mkt }
- assign_number: { number: last, campaign: acme-mkt }
  expect_error: assignment-needs-active-number`,
      },
      passing: {
        title: 'an active number holding a campaign',
        config: yaml(BRAND_AND_CAMPAIGN, ASSIGNED('active')),
        steps: `- order_number: { areaCode: "503", kind: campaign, lifetime: dedicated, campaign: acme-mkt }
- advance: 6h
- assign_number: { number: last, campaign: acme-mkt }
  expect: { campaign: acme-mkt }`,
      },
    },
  },
  (config, _ctx, report) =>
    (config.numbers ?? []).forEach((number, i) => {
      if (number.campaign !== undefined && (number.status === 'failed' || number.status === 'released'))
        report(
          pointer('numbers', i, 'campaign'),
          `${number.e164} is ${number.status} but still holds campaign '${number.campaign}'`,
          'remove `campaign:` from the number, or assign an active number',
        );
    }),
);

const assignmentUsOnly = defineRule(
  {
    id: 'assignment-us-only',
    family: 'assignment',
    severity: 'error',
    where: 'L+S',
    description:
      "Only US numbers take part in 10DLC assignment; a +1 number is US unless its area code is in the profile's non-US list.",
    why: '10DLC is the US registry; Canadian and Caribbean numbers share +1 but are not registered there.',
    fix: 'Assign a US number to the campaign; send to non-US markets on their own regime.',
    source: SEEDS.S3,
    params: ['numbers.nonUsAreaCodes'],
    examples: {
      failing: {
        title: 'a Toronto (416) number assigned to a campaign',
        config: yaml(
          BRAND_AND_CAMPAIGN,
          `numbers:
  - { e164: "+14165550100", kind: campaign, lifetime: dedicated, status: active, campaign: acme-mkt }`,
        ),
        steps: `- assign_number: { number: "+14165550100", campaign: acme-mkt }
  expect_error: assignment-us-only`,
      },
      passing: {
        title: 'a Seattle (206) number assigned to a campaign',
        config: yaml(BRAND_AND_CAMPAIGN, ASSIGNED('active')),
        steps: `- assign_number: { number: "+12065550100", campaign: acme-mkt }
  expect: { campaign: acme-mkt }`,
      },
    },
  },
  (config, { profile }, report) => {
    const nonUs = new Set(profile.numbers.nonUsAreaCodes);
    (config.numbers ?? []).forEach((number, i) => {
      if (number.campaign !== undefined && nonUs.has(areaCode(number.e164)))
        report(
          pointer('numbers', i, 'e164'),
          `${number.e164} (area code ${areaCode(number.e164)}) is not a US number and cannot be assigned to campaign '${number.campaign}'`,
          'assign a US number',
        );
    });
  },
);

const oneCampaignPerNumber = defineRule(
  {
    id: 'one-campaign-per-number',
    family: 'assignment',
    severity: 'error',
    where: 'L+S',
    description:
      'A number is assigned to at most one campaign at a time; assigning it elsewhere moves it, and it propagates again.',
    why: '"select the new campaign" moves a number; the registry holds one campaign per number, so a config that lists a number twice is ambiguous.',
    fix: 'List each number once, with the one campaign it is assigned to.',
    source: SEEDS.S3,
    params: [],
    examples: {
      failing: {
        title: 'one number listed under two campaigns',
        config: yaml(
          BRAND_AND_CAMPAIGN,
          `  - { id: acme-care, brand: acme-brand, useCase: CUSTOMER_CARE, status: draft }
numbers:
  - { e164: "+12065550100", kind: campaign, lifetime: dedicated, status: active, campaign: acme-mkt }
  - { e164: "+12065550100", kind: campaign, lifetime: dedicated, status: active, campaign: acme-care }`,
        ),
        steps: `- assign_number: { number: "+12065550100", campaign: acme-mkt }
- expect: { number: "+12065550100", campaign: acme-mkt }
- expect: { events: { type: assignment.propagating, count: 0 } }`,
      },
      passing: {
        title: 'two numbers sharing one campaign',
        config: yaml(
          BRAND_AND_CAMPAIGN,
          `numbers:
  - { e164: "+12065550100", kind: campaign, lifetime: dedicated, status: active, campaign: acme-mkt }
  - { e164: "+12065550102", kind: campaign, lifetime: dedicated, status: active, campaign: acme-mkt }`,
        ),
        steps: `- assign_number: { number: "+12065550100", campaign: null }
- expect: { number: "+12065550100", campaign: null }`,
      },
    },
  },
  (config, _ctx, report) => {
    const seen = new Map<string, string | undefined>();
    (config.numbers ?? []).forEach((number, i) => {
      if (!seen.has(number.e164)) {
        seen.set(number.e164, number.campaign);
        return;
      }
      const first = seen.get(number.e164);
      if (number.campaign !== undefined && first !== undefined && first !== number.campaign)
        report(
          pointer('numbers', i, 'campaign'),
          `${number.e164} is listed again, assigned to campaign '${number.campaign}'; it is already assigned to '${first}'`,
          'list each number once, under the one campaign it belongs to',
        );
    });
  },
);

const assignmentPropagation = defineRule({
  id: 'assignment-propagation',
  family: 'assignment',
  severity: 'info',
  where: 'S',
  description:
    'An assignment takes minutes to reach all carriers; until it is effective, messages fail with 30024.',
  why: 'Carriers learn assignments from the registry with a delay. A behaviour (info): messages sent in the window fail with 30024 (not yet provisioned on the carrier).',
  fix: 'Wait for `assignment.effective` (webhook or WebSocket) before sending from a newly assigned number.',
  source: SEEDS.S3,
  params: ['latency.realistic.propagation'],
  examples: {
    failing: {
      title: 'sending the moment a number is assigned',
      config: yaml(
        BRAND_AND_CAMPAIGN,
        `numbers:
  - { e164: "+12065550100", kind: campaign, lifetime: dedicated, status: active }`,
      ),
      steps: `- assign_number: { number: "+12065550100", campaign: acme-mkt }
- send: { from: "+12065550100", to: "+12065550123", body: "Acme Realty: open house Sat. Reply STOP to opt out" }
- advance: 1m
- expect: { message: last, status: failed, errorCode: 30024 }`,
    },
    passing: {
      title: 'sending once the assignment is effective',
      config: yaml(
        BRAND_AND_CAMPAIGN,
        `numbers:
  - { e164: "+12065550100", kind: campaign, lifetime: dedicated, status: active }`,
      ),
      steps: `- assign_number: { number: "+12065550100", campaign: acme-mkt }
- advance: 5m
- expect: { number: "+12065550100", assignment: effective }
- send: { from: "+12065550100", to: "+12065550123", body: "Acme Realty: open house Sat. Reply STOP to opt out" }
- advance: 1m
- expect: { message: last, status: delivered }`,
    },
  },
});

const campaignNumberNeedsRegistration = defineRule(
  {
    id: 'campaign-number-needs-registration',
    family: 'assignment',
    severity: 'error',
    where: 'L+S',
    description:
      'A campaign number sends registered traffic only when assigned to an approved campaign and propagated; carriers block unregistered traffic (30034).',
    why: '"Carriers block all unregistered texting traffic". The limited throughput and filtering of unassigned numbers is the older regime, selectable in the carrier profile.',
    fix: 'Assign the number to an approved campaign before outreach uses it.',
    source: `${SEEDS.S2}; ${SEEDS.S3}`,
    params: ['throughput.unregistered'],
    examples: {
      failing: {
        title: 'an active outreach on an unassigned campaign number',
        config: `numbers:
  - { e164: "+12065550100", kind: campaign, lifetime: dedicated, status: active }
outreach:
  - { id: spring, type: bulk, numbers: ["+12065550100"], status: active }`,
        steps: `- send: { from: "+12065550100", to: "+12065550123", body: "Acme Realty: open house Sat. Reply STOP to opt out" }
- advance: 1m
- expect: { message: last, status: failed, errorCode: 30034 }`,
      },
      passing: {
        title: 'the outreach on an assigned number',
        config: yaml(
          BRAND_AND_CAMPAIGN,
          ASSIGNED('active'),
          `outreach:
  - { id: spring, type: bulk, campaign: acme-mkt, numbers: ["+12065550100"], status: active }`,
        ),
        steps: `- send: { from: "+12065550100", to: "+12065550123", body: "Acme Realty: open house Sat. Reply STOP to opt out" }
- advance: 1m
- expect: { message: last, status: delivered }`,
      },
    },
  },
  (config, { profile }, report) => {
    const { numbers } = indexConfig(config);
    const regime = profile.throughput.unregistered === 'blocked' ? 'blocked (30034)' : 'limited and filtered';
    (config.outreach ?? []).forEach((outreach, i) => {
      if (outreach.status !== 'active' && outreach.status !== 'launching') return;
      (outreach.numbers ?? []).forEach((e164, j) => {
        const number = numbers.get(e164);
        if (number?.kind === 'campaign' && number.status === 'active' && number.campaign === undefined)
          report(
            pointer('outreach', i, 'numbers', j),
            `outreach '${outreach.id}' sends from ${e164}, which is assigned to no campaign: its traffic is ${regime}`,
            'assign the number to an approved campaign',
          );
      });
    });
  },
);

const campaignWithoutNumbers = defineRule(
  {
    id: 'campaign-without-numbers',
    family: 'assignment',
    severity: 'warning',
    where: 'L',
    description:
      'An approved campaign with no number assigned (T-Mobile charges a non-use fee after 60 days of it).',
    why: 'Public: T-Mobile bills a non-use fee for a campaign with no numbers for 60 days; Campaigns carry traffic only through assigned numbers.',
    fix: 'Assign a number to the campaign, or let it expire if it is not needed.',
    source: `${SEEDS.S3}; public: T-Mobile's non-use fee`,
    params: ['registration.campaignNonUseDays'],
    examples: {
      failing: {
        title: 'an approved campaign and no number on it',
        config: BRAND_AND_CAMPAIGN,
      },
      passing: {
        title: 'an approved campaign with a number',
        config: yaml(BRAND_AND_CAMPAIGN, ASSIGNED('active')),
      },
    },
  },
  (config, { profile, now }, report) => {
    const used = new Set<string>();
    for (const number of config.numbers ?? [])
      if (number.campaign !== undefined && HELD_STATUSES.has(number.status)) used.add(number.campaign);
    const days = profile.registration.campaignNonUseDays;
    (config.campaigns ?? []).forEach((campaign, i) => {
      if (campaign.status !== 'approved' || used.has(campaign.id)) return;
      const approved = campaign.approvedAt === undefined ? NaN : Date.parse(campaign.approvedAt);
      const idle = Number.isNaN(approved) ? undefined : Math.floor((now - approved) / 86_400_000);
      const since = idle === undefined ? '' : ` for ${String(idle)} days`;
      report(
        pointer('campaigns', i),
        `approved campaign '${campaign.id}' has had no number assigned${since}; a non-use fee applies after ${String(days)} days`,
        'assign a number to the campaign, or let it lapse',
      );
    });
  },
);

/** Rules of assigning numbers to campaigns. */
export const assignmentRules: readonly RuleDefinition[] = [
  assignmentNeedsApprovedCampaign,
  assignmentNeedsActiveNumber,
  assignmentUsOnly,
  oneCampaignPerNumber,
  assignmentPropagation,
  campaignNumberNeedsRegistration,
  campaignWithoutNumbers,
];
