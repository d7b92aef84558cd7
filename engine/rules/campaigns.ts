import type { AccountConfig, Campaign } from '../account-config.js';
import { durationMs } from '../duration.js';
import { pointer } from '../finding.js';
import type { RuleDefinition } from '../rule.js';
import { mentionsBrand } from '../text/brand-name.js';
import { findShaft } from '../text/shaft.js';
import { findLinkHosts, findShorteners, hasPhoneNumber } from '../text/urls.js';
import { findWords } from '../text/words.js';
import { campaignFieldProblems, eligibilityProblems, useCaseProblems } from './campaign-fields.js';
import { indexConfig, isSubmitted } from './config-index.js';
import { defineRule, SEEDS } from './define.js';
import { BRAND_AND_CAMPAIGN } from './example-parts.js';

const TCR = 'public: The Campaign Registry (TCR) campaign requirements';

/** Calls `visit` for every sample message of every campaign, with its JSON Pointer. */
function eachSample(
  config: AccountConfig,
  visit: (campaign: Campaign, sample: string, path: string) => void,
): void {
  (config.campaigns ?? []).forEach((campaign, i) =>
    (campaign.sampleMessages ?? []).forEach((sample, j) =>
      visit(campaign, sample, pointer('campaigns', i, 'sampleMessages', j)),
    ),
  );
}

/** Calls `visit` for each text the account sends: sample messages, and outreach bodies. */
function eachSentText(
  config: AccountConfig,
  visit: (text: string, path: string, ageGated: boolean) => void,
): void {
  eachSample(config, (campaign, sample, path) => visit(sample, path, campaign.ageGated === true));
  const { campaigns } = indexConfig(config);
  (config.outreach ?? []).forEach((outreach, i) => {
    const gated = outreach.campaign !== undefined && campaigns.get(outreach.campaign)?.ageGated === true;
    if (outreach.body !== undefined) visit(outreach.body, pointer('outreach', i, 'body'), gated);
  });
}

/** The campaign fragment of the examples with some lines replaced. */
function campaignWith(replace: Record<string, string>): string {
  let text = BRAND_AND_CAMPAIGN;
  for (const [from, to] of Object.entries(replace)) text = text.replace(from, to);
  return text;
}

const ASSIGNED_NUMBER = `numbers:
  - { e164: "+12065550100", kind: campaign, lifetime: dedicated, status: active, campaign: acme-mkt }
`;

const FIRST_SAMPLE = '"Acme Realty: open house Sat 1-3pm at 12 Elm St. Reply STOP to opt out"';

const SUBMIT = (overrides: string): string =>
  `- submit_campaign: { id: acme-2, brand: acme-brand, description: "Listings and open-house announcements to opted-in buyers", messageFlow: "Buyers opt in on the open-house sign-in form and confirm by text", helpMessage: "Acme Realty: for help call 206-555-0100. Reply STOP to opt out.", optOutMessage: "Acme Realty: you are unsubscribed. No more messages will be sent.", ${overrides} }`;

const GOOD_SAMPLES = `sampleMessages: ["Acme Realty: open house Sat 1-3pm. Reply STOP to opt out", "Acme Realty: new listing this week. Reply STOP to opt out"]`;

const campaignUseCase = defineRule(
  {
    id: 'campaign-use-case',
    family: 'campaigns',
    severity: 'error',
    where: 'L+S',
    description:
      "useCase is one of the registry's standard or special use cases; MIXED and LOW_VOLUME name 2–5 standard sub-use-cases.",
    why: 'The registry knows a fixed list of use cases and refuses any other (21720).',
    fix: 'Choose a use case of the registry; for MIXED and LOW_VOLUME list the standard sub-use-cases.',
    source: TCR,
    params: ['registration.standardUseCases', 'registration.specialUseCases', 'registration.subUseCaseCount'],
    examples: {
      failing: {
        title: 'a made-up use case',
        config: campaignWith({ 'useCase: MARKETING': 'useCase: PROMOTIONS' }),
        steps: `${SUBMIT(`useCase: PROMOTIONS, ${GOOD_SAMPLES}`)}
  expect_error: campaign-use-case`,
      },
      passing: {
        title: 'a MIXED campaign with two sub-use-cases',
        config: campaignWith({
          'useCase: MARKETING': 'useCase: MIXED\n    subUseCases: [MARKETING, CUSTOMER_CARE]',
        }),
        steps: `${SUBMIT(`useCase: MIXED, subUseCases: [MARKETING, CUSTOMER_CARE], ${GOOD_SAMPLES}`)}
  expect: { status: pending }`,
      },
    },
  },
  (config, { profile }, report) =>
    (config.campaigns ?? []).forEach((campaign, i) => {
      for (const problem of useCaseProblems(campaign, profile))
        report(
          pointer('campaigns', i) + problem.field,
          `campaign '${campaign.id}': ${problem.message}`,
          'choose a use case of the registry',
        );
    }),
);

const campaignSpecialEligibility = defineRule(
  {
    id: 'campaign-special-eligibility',
    family: 'campaigns',
    severity: 'error',
    where: 'L+S',
    description:
      'SOLE_PROPRIETOR only for sole-proprietor brands (one campaign); CHARITY needs a 501(c)(3); POLITICAL needs a Campaign Verify token unless the brand is a 501(c)(4/5/6).',
    why: 'Special use cases carry carrier privileges, so the registry checks who may register them.',
    fix: "Register the campaign under a standard use case, or complete the brand's eligibility (non-profit type, Campaign Verify token).",
    source: TCR,
    params: ['registration.charityNonprofitTypes', 'registration.politicalExemptNonprofitTypes'],
    examples: {
      failing: {
        title: 'a CHARITY campaign of a for-profit brand',
        config: campaignWith({ 'useCase: MARKETING': 'useCase: CHARITY' }),
        steps: `${SUBMIT(`useCase: CHARITY, ${GOOD_SAMPLES}`)}
  expect_error: campaign-special-eligibility`,
      },
      passing: {
        title: 'a CHARITY campaign of a 501(c)(3)',
        config: campaignWith({
          'useCase: MARKETING': 'useCase: CHARITY',
          'entityType: PRIVATE_PROFIT': 'entityType: NON_PROFIT, nonprofitType: 501c3',
        }),
        steps: `${SUBMIT(`useCase: CHARITY, ${GOOD_SAMPLES}`)}
  expect: { status: pending }`,
      },
    },
  },
  (config, { profile }, report) => {
    const { brands } = indexConfig(config);
    const soleProprietorCampaigns = new Set<string>();
    (config.campaigns ?? []).forEach((campaign, i) => {
      const brand = brands.get(campaign.brand);
      if (!brand) return;
      for (const problem of eligibilityProblems(campaign, brand, profile))
        report(
          pointer('campaigns', i, 'useCase'),
          `campaign '${campaign.id}': ${problem.message}`,
          "use a standard use case, or complete the brand's eligibility",
        );
      if (campaign.useCase !== 'SOLE_PROPRIETOR' || brand.entityType !== 'SOLE_PROPRIETOR') return;
      if (soleProprietorCampaigns.has(brand.id))
        report(
          pointer('campaigns', i),
          `sole-proprietor brand '${brand.id}' already has a SOLE_PROPRIETOR campaign; it may have one`,
          'keep one SOLE_PROPRIETOR campaign per sole-proprietor brand',
        );
      soleProprietorCampaigns.add(brand.id);
    });
  },
);

const campaignRequiredFields = defineRule(
  {
    id: 'campaign-required-fields',
    family: 'campaigns',
    severity: 'error',
    where: 'L+S',
    description:
      'description 40–4096 chars; messageFlow 40–2048; 2–5 sample messages of 20–1024 chars; help and opt-out messages 20–320 chars.',
    why: 'Reviewers judge a campaign from these fields; the registry refuses a submission without them, and short ones are a common cause of rejection.',
    fix: 'Complete the fields within the lengths; a draft campaign may stay incomplete until it is submitted.',
    source: TCR,
    params: ['registration.fieldLengths'],
    examples: {
      failing: {
        title: 'a submitted campaign with one short sample message',
        config: campaignWith({
          '      - "Acme Realty: new listing in Ballard this week. Reply STOP to opt out"\n': '',
        }),
        steps: `${SUBMIT('useCase: MARKETING, sampleMessages: ["Acme Realty: hi. STOP to end"]')}
  expect_error: campaign-required-fields`,
      },
      passing: {
        title: 'a submitted campaign with two sample messages',
        config: BRAND_AND_CAMPAIGN,
        steps: `${SUBMIT(`useCase: MARKETING, ${GOOD_SAMPLES}`)}
  expect: { status: pending }`,
      },
    },
  },
  (config, { profile }, report) =>
    (config.campaigns ?? []).forEach((campaign, i) => {
      if (!isSubmitted(campaign)) return;
      const problems = campaignFieldProblems(campaign, profile);
      const missing = problems.filter((p) => p.message.endsWith('is missing')).map((p) => p.field.slice(1));
      if (missing.length > 0)
        report(
          pointer('campaigns', i),
          `${campaign.status} campaign '${campaign.id}' lacks ${missing.join(', ')}`,
          'complete the registration fields; a draft campaign may stay incomplete',
        );
      for (const problem of problems.filter((p) => !p.message.endsWith('is missing')))
        report(
          pointer('campaigns', i) + problem.field,
          `campaign '${campaign.id}': ${problem.message}`,
          'keep the field within its lengths',
        );
    }),
);

const campaignSamplesOptOut = defineRule(
  {
    id: 'campaign-samples-opt-out',
    family: 'campaigns',
    severity: 'error',
    where: 'L',
    description: 'Sample messages include opt-out language (e.g. "Reply STOP to opt out").',
    why: 'Reviewers reject campaigns whose samples do not show contacts how to stop messages.',
    fix: 'Add "Reply STOP to opt out" to the sample messages.',
    source: TCR,
    params: ['registration.optOutLanguage'],
    examples: {
      failing: {
        title: 'samples without opt-out language',
        config: campaignWith({
          [FIRST_SAMPLE]: '"Acme Realty: open house Sat 1-3pm at 12 Elm St. See you there"',
          '"Acme Realty: new listing in Ballard this week. Reply STOP to opt out"':
            '"Acme Realty: new listing in Ballard this week, come by"',
        }),
      },
      passing: { title: 'samples that say how to stop', config: BRAND_AND_CAMPAIGN },
    },
  },
  (config, { profile }, report) =>
    (config.campaigns ?? []).forEach((campaign, i) => {
      const samples = campaign.sampleMessages ?? [];
      if (samples.length === 0) return;
      if (samples.some((s) => findWords(s, profile.registration.optOutLanguage).length > 0)) return;
      report(
        pointer('campaigns', i, 'sampleMessages'),
        `no sample message of campaign '${campaign.id}' tells contacts how to opt out`,
        'add "Reply STOP to opt out" to the sample messages',
      );
    }),
);

const campaignSamplesBrand = defineRule(
  {
    id: 'campaign-samples-brand',
    family: 'campaigns',
    severity: 'warning',
    where: 'L',
    description: 'Sample messages name the brand: its name, case-insensitive, with legal suffixes optional.',
    why: 'Contacts must know who is texting them; reviewers reject samples that do not identify the sender.',
    fix: 'Start each sample with the brand name, e.g. "Acme Realty: …".',
    source: TCR,
    params: ['registration.legalSuffixes'],
    examples: {
      failing: {
        title: 'a sample that does not say who sends it',
        config: campaignWith({
          [FIRST_SAMPLE]: '"Open house Sat 1-3pm at 12 Elm St. Reply STOP to opt out"',
        }),
      },
      passing: { title: 'samples that name Acme Realty', config: BRAND_AND_CAMPAIGN },
    },
  },
  (config, { profile }, report) => {
    const { brands } = indexConfig(config);
    eachSample(config, (campaign, sample, path) => {
      const brand = brands.get(campaign.brand);
      if (brand && !mentionsBrand(sample, brand.name, profile.registration.legalSuffixes))
        report(
          path,
          `sample message of campaign '${campaign.id}' does not name brand '${brand.name}'`,
          `start it with "${brand.name}: "`,
        );
    });
  },
);

const campaignEmbeddedLink = defineRule(
  {
    id: 'campaign-embedded-link',
    family: 'campaigns',
    severity: 'error',
    where: 'L',
    description:
      'A sample message with a URL requires embeddedLinks: true; one with a phone number requires embeddedPhone: true.',
    why: 'Reviewers compare samples with the declared content attributes; a mismatch gets the campaign rejected.',
    fix: 'Declare `embeddedLinks: true` or `embeddedPhone: true`, or take the link or number out of the samples.',
    source: TCR,
    params: [],
    examples: {
      failing: {
        title: 'a sample with a link and embeddedLinks false',
        config: campaignWith({
          [FIRST_SAMPLE]: '"Acme Realty: open house Sat, see acme.example/elm. Reply STOP to opt out"',
          'useCase: MARKETING': 'useCase: MARKETING\n    embeddedLinks: false',
        }),
      },
      passing: {
        title: 'a sample with a link and embeddedLinks true',
        config: campaignWith({
          [FIRST_SAMPLE]: '"Acme Realty: open house Sat, see acme.example/elm. Reply STOP to opt out"',
          'useCase: MARKETING': 'useCase: MARKETING\n    embeddedLinks: true',
        }),
      },
    },
  },
  (config, _ctx, report) =>
    eachSample(config, (campaign, sample, path) => {
      if (campaign.embeddedLinks !== true && findLinkHosts(sample).length > 0)
        report(
          path,
          `sample message of campaign '${campaign.id}' has a link but embeddedLinks is not true`,
          'set `embeddedLinks: true`',
        );
      if (campaign.embeddedPhone !== true && hasPhoneNumber(sample))
        report(
          path,
          `sample message of campaign '${campaign.id}' has a phone number but embeddedPhone is not true`,
          'set `embeddedPhone: true`',
        );
    }),
);

const publicUrlShortener = defineRule(
  {
    id: 'public-url-shortener',
    family: 'campaigns',
    severity: 'error',
    where: 'L+S',
    description:
      'Public URL shorteners (bit.ly, tinyurl.com, goo.gl, t.co, …) in samples or messages cause rejection (30963) and filtering (30007).',
    why: 'Spammers hide destinations behind shared shorteners, so carriers filter them and the registry rejects campaigns that use them.',
    fix: 'Use full links on your own domain, or a branded short domain.',
    source: 'public: carrier content policies (CTIA); registry error 30963',
    params: ['registration.urlShorteners'],
    examples: {
      failing: {
        title: 'a bit.ly link in a sample',
        config: campaignWith({
          [FIRST_SAMPLE]: '"Acme Realty: open house Sat, see bit.ly/3xYz. Reply STOP to opt out"',
          'useCase: MARKETING': 'useCase: MARKETING\n    embeddedLinks: true',
        }),
        steps: `${SUBMIT('useCase: MARKETING, embeddedLinks: true, sampleMessages: ["Acme Realty: open house Sat, see bit.ly/3xYz. Reply STOP to opt out", "Acme Realty: new listing this week. Reply STOP to opt out"]')}
- advance: 15d
- expect: { campaign: acme-2, status: rejected, errorCode: 30963 }`,
      },
      passing: {
        title: "a link on the brand's own domain",
        config: campaignWith({
          [FIRST_SAMPLE]: '"Acme Realty: open house Sat, see acme.example/elm. Reply STOP to opt out"',
          'useCase: MARKETING': 'useCase: MARKETING\n    embeddedLinks: true',
        }),
        steps: `${SUBMIT('useCase: MARKETING, embeddedLinks: true, sampleMessages: ["Acme Realty: open house Sat, see acme.example/elm. Reply STOP to opt out", "Acme Realty: new listing this week. Reply STOP to opt out"]')}
- advance: 15d
- expect: { campaign: acme-2, status: approved }`,
      },
    },
  },
  (config, { profile }, report) =>
    eachSentText(config, (text, path) => {
      const found = findShorteners(text, profile.registration.urlShorteners);
      if (found.length > 0)
        report(
          path,
          `message links through public URL shortener ${found.join(', ')} (30963, filtered as 30007)`,
          'use a full link on your own domain',
        );
    }),
);

const shaftContent = defineRule(
  {
    id: 'shaft-content',
    family: 'campaigns',
    severity: 'error',
    where: 'L+S',
    description:
      'Sex and hate content is prohibited; alcohol, firearms and tobacco require ageGated: true; cannabis, payday lending and lead generation are prohibited.',
    why: 'Carriers filter SHAFT content (sex, hate, alcohol, firearms, tobacco) and the registry rejects it without age gating (30007 at send).',
    fix: 'Remove prohibited content; declare `ageGated: true` for age-restricted products.',
    source: 'public: CTIA messaging principles (SHAFT)',
    params: ['registration.shaft.prohibited', 'registration.shaft.ageGated'],
    examples: {
      failing: {
        title: 'wine tasting without an age gate',
        config:
          ASSIGNED_NUMBER +
          campaignWith({
            [FIRST_SAMPLE]: '"Acme Realty: wine tasting at the open house Sat. Reply STOP to opt out"',
          }),
        steps: `- send: { from: "+12065550100", to: "+12065550123", body: "Acme Realty: free cannabis at the open house. Reply STOP to opt out" }
- advance: 1m
- expect: { message: last, status: failed, errorCode: 30007 }`,
      },
      passing: {
        title: 'wine tasting with an age gate',
        config:
          ASSIGNED_NUMBER +
          campaignWith({
            [FIRST_SAMPLE]: '"Acme Realty: wine tasting at the open house Sat. Reply STOP to opt out"',
            'useCase: MARKETING': 'useCase: MARKETING\n    ageGated: true',
          }),
        steps: `- send: { from: "+12065550100", to: "+12065550123", body: "Acme Realty: coffee at the open house. Reply STOP to opt out" }
- advance: 1m
- expect: { message: last, status: delivered }`,
      },
    },
  },
  (config, { profile }, report) =>
    eachSentText(config, (text, path, ageGated) => {
      const found = findShaft(text, profile);
      if (found.prohibited.length > 0)
        report(
          path,
          `message carries prohibited content: ${found.prohibited.join(', ')}`,
          'remove the prohibited content',
        );
      if (!ageGated && found.ageGated.length > 0)
        report(
          path,
          `message mentions ${found.ageGated.join(', ')} but the campaign is not age-gated`,
          'set `ageGated: true` on the campaign',
        );
    }),
);

const campaignLifecycle = defineRule({
  id: 'campaign-lifecycle',
  family: 'campaigns',
  severity: 'info',
  where: 'S',
  description:
    'A submitted campaign is pending for the review latency, then approved or rejected; approved can be suspended or expired. Use case and brand are immutable.',
  why: 'Review takes 5–15 days. A behaviour (info): integrations must wait for `campaign.approved` and handle rejection by creating a new campaign. The simulator suspends and expires approved campaigns under the `campaign-suspension` and `campaign-expiry` faults; an expiry is final (scenarios/journeys/campaign-expiry.yaml).',
  fix: 'Submit campaigns two weeks before go-live; on rejection fix the reasons and submit a new campaign.',
  source: SEEDS.S0,
  params: ['latency.realistic.campaignReview'],
  examples: {
    failing: {
      title: 'a campaign is still pending after four days',
      config: BRAND_AND_CAMPAIGN,
      steps: `${SUBMIT(`useCase: MARKETING, ${GOOD_SAMPLES}`)}
- advance: 4d
- expect: { campaign: acme-2, status: pending }`,
    },
    passing: {
      title: 'a campaign is decided within fifteen days',
      config: BRAND_AND_CAMPAIGN,
      steps: `${SUBMIT(`useCase: MARKETING, ${GOOD_SAMPLES}`)}
- advance: 15d
- expect: { campaign: acme-2, status: approved }`,
    },
  },
});

const campaignLeadTime = defineRule(
  {
    id: 'campaign-lead-time',
    family: 'campaigns',
    severity: 'warning',
    where: 'L',
    description:
      'A campaign not approved yet, for an account whose goLive is sooner than its submittedAt (or the lint date) plus the longest review latency, will not be ready in time.',
    why: 'Campaign review takes 5–15 days; outreach cannot start before approval.',
    fix: 'Submit the campaign earlier, or move the go-live date.',
    source: SEEDS.S0,
    params: ['latency.realistic.campaignReview'],
    examples: {
      failing: {
        title: 'go-live five days after the lint date, campaign still pending',
        config: `account: { id: acme, name: Acme Realty, kind: standard, country: US, goLive: 2026-11-06 }
${campaignWith({ 'status: approved': 'status: pending' })}`,
      },
      passing: {
        title: 'go-live twenty days after submission',
        config: `account: { id: acme, name: Acme Realty, kind: standard, country: US, goLive: 2026-11-21 }
${campaignWith({ 'status: approved': 'status: pending\n    submittedAt: 2026-11-01' })}`,
      },
    },
  },
  (config, { profile, now }, report) => {
    const goLive = config.account.goLive === undefined ? NaN : Date.parse(config.account.goLive);
    if (Number.isNaN(goLive)) return;
    const longest = durationMs(profile.latency.realistic.campaignReview[1]);
    (config.campaigns ?? []).forEach((campaign, i) => {
      if (campaign.status !== 'draft' && campaign.status !== 'pending') return;
      const submitted = campaign.submittedAt === undefined ? now : Date.parse(campaign.submittedAt);
      const ready = (Number.isNaN(submitted) ? now : submitted) + longest;
      if (ready > goLive)
        report(
          pointer('campaigns', i),
          `campaign '${campaign.id}' is ${campaign.status}; review may take until ${new Date(ready).toISOString().slice(0, 10)}, after go-live ${config.account.goLive ?? ''}`,
          'submit the campaign earlier, or move the go-live date',
        );
    });
  },
);

/** Rules of 10DLC campaigns (use cases). */
export const campaignsRules: readonly RuleDefinition[] = [
  campaignUseCase,
  campaignSpecialEligibility,
  campaignRequiredFields,
  campaignSamplesOptOut,
  campaignSamplesBrand,
  campaignEmbeddedLink,
  publicUrlShortener,
  shaftContent,
  campaignLifecycle,
  campaignLeadTime,
];
