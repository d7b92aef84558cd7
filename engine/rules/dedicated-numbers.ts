import type { AccountConfig, Outreach, PhoneNumber } from '../account-config.js';
import { pointer } from '../finding.js';
import { areaCode } from '../phone.js';
import type { RuleDefinition } from '../rule.js';
import { HELD_STATUSES, indexConfig, isDedicated } from './config-index.js';
import { defineRule, SEEDS } from './define.js';
import { BRAND_AND_CAMPAIGN, USERS, yaml } from './example-parts.js';

function dedicatedLines(count: number, areaCodeFrom = 200): string {
  const lines = Array.from(
    { length: count },
    (_, i) =>
      `  - { e164: "+1${areaCodeFrom + i}5550100", kind: campaign, lifetime: dedicated, status: active, campaign: acme-mkt }`,
  );
  return `numbers:\n${lines.join('\n')}\n`;
}

const dedicatedNumberLimit = defineRule(
  {
    id: 'dedicated-number-limit',
    family: 'dedicated-numbers',
    severity: 'error',
    where: 'L+S',
    description:
      'An account holds at most N dedicated numbers, counting those ordered or still provisioning (not failed or released ones).',
    why: 'Dedicated campaign numbers are limited per account; more outreach runs on single-use numbers.',
    fix: 'Release a dedicated number you no longer use, or run the outreach with single-use numbers.',
    source: SEEDS.S1,
    params: ['numbers.dedicatedLimit'],
    examples: {
      failing: {
        title: 'six dedicated numbers',
        config: yaml(BRAND_AND_CAMPAIGN, dedicatedLines(6, 302)),
        steps: `- order_number: { areaCode: "503", kind: campaign, lifetime: dedicated, campaign: acme-mkt }
  expect_error: dedicated-number-limit`,
      },
      passing: {
        title: 'five dedicated numbers, and a released one that no longer counts',
        config: yaml(
          BRAND_AND_CAMPAIGN,
          dedicatedLines(5, 302),
          `  - { e164: "+15035550100", kind: campaign, lifetime: dedicated, status: released }`,
        ),
        steps: `- release_number: { number: "+13025550100" }
- order_number: { areaCode: "503", kind: campaign, lifetime: dedicated, campaign: acme-mkt }
  expect: { status: provisioning }`,
      },
    },
  },
  (config, { profile }, report) => {
    const limit = profile.numbers.dedicatedLimit;
    let count = 0;
    (config.numbers ?? []).forEach((number, i) => {
      if (!isDedicated(number) || !HELD_STATUSES.has(number.status)) return;
      count += 1;
      if (count > limit)
        report(
          pointer('numbers', i),
          `account '${config.account.id}' has ${count} dedicated numbers; at most ${limit} are allowed`,
          'release a dedicated number or use a single-use number for this outreach',
        );
    });
  },
);

const useCaseNumberLimit = defineRule(
  {
    id: 'use-case-number-limit',
    family: 'dedicated-numbers',
    severity: 'error',
    where: 'L+S',
    description:
      'A campaign can be associated with at most N numbers over its life; every single-use launch associates a new number.',
    why: 'T-Mobile limits a campaign to 49 numbers against snowshoeing (spreading traffic over many numbers to dodge filters); more needs an approved number pool. Every single-use launch buys a new number.',
    fix: 'Reuse a dedicated number for consecutive outreach, or register another campaign for the extra traffic.',
    source: `${SEEDS.S1}; public: T-Mobile's 49-number limit per campaign`,
    params: ['numbers.campaignNumberLimit'],
    examples: {
      failing: {
        title: 'fifty numbers associated with one campaign over its life',
        config: yaml(BRAND_AND_CAMPAIGN, singleUseLines(50)),
        steps: `- launch_outreach: { id: drive-50, type: bulk, campaign: acme-mkt, numberMode: single-use, areaCode: "503" }
  expect_error: use-case-number-limit`,
      },
      passing: {
        title: 'forty-eight associations leave room for one more launch',
        config: yaml(BRAND_AND_CAMPAIGN, singleUseLines(48)),
        steps: `- launch_outreach: { id: drive-49, type: bulk, campaign: acme-mkt, numberMode: single-use, areaCode: "503" }
  expect: { status: launching }`,
      },
    },
  },
  (config, { profile }, report) => {
    const limit = profile.numbers.campaignNumberLimit;
    const counts = new Map<string, number>();
    (config.numbers ?? []).forEach((number, i) => {
      if (number.kind !== 'campaign' || number.campaign === undefined) return;
      const count = (counts.get(number.campaign) ?? 0) + 1;
      counts.set(number.campaign, count);
      if (count > limit)
        report(
          pointer('numbers', i),
          `campaign '${number.campaign}' is associated with ${count} numbers; at most ${limit} are allowed over its life`,
          'reuse a dedicated number, or register another campaign',
        );
    });
  },
);

function singleUseLines(count: number): string {
  const lines = Array.from(
    { length: count },
    (_, i) =>
      `  - { e164: "+1503555${String(1000 + i)}", kind: campaign, lifetime: single-use, status: active, campaign: acme-mkt }`,
  );
  return `numbers:\n${lines.join('\n')}\n`;
}

const dedicatedNeedsApprovedCampaign = defineRule(
  {
    id: 'dedicated-needs-approved-campaign',
    family: 'dedicated-numbers',
    severity: 'error',
    where: 'L+S',
    description:
      'A dedicated number is ordered with one approved campaign, which becomes its assignment once provisioning finishes.',
    why: 'A dedicated number is provisioned for one approved use case; without one the carriers have nothing to register it under.',
    fix: 'Wait for the campaign to be approved, then order the number with `campaign:` set to it.',
    source: SEEDS.S2,
    params: [],
    examples: {
      failing: {
        title: 'a dedicated number ordered for a pending campaign',
        config: yaml(
          BRAND_AND_CAMPAIGN.replace('status: approved', 'status: pending'),
          `numbers:
  - { e164: "+12065550100", kind: campaign, lifetime: dedicated, status: provisioning, campaign: acme-mkt }`,
        ),
        steps: `- order_number: { areaCode: "503", kind: campaign, lifetime: dedicated, campaign: acme-mkt }
  expect_error: dedicated-needs-approved-campaign`,
      },
      passing: {
        title: 'a dedicated number ordered for an approved campaign',
        config: yaml(
          BRAND_AND_CAMPAIGN,
          `numbers:
  - { e164: "+12065550100", kind: campaign, lifetime: dedicated, status: provisioning, campaign: acme-mkt }`,
        ),
        steps: `- order_number: { areaCode: "503", kind: campaign, lifetime: dedicated, campaign: acme-mkt }
  expect: { status: provisioning }
- advance: 6h
- expect: { number: last, status: active, campaign: acme-mkt }`,
      },
    },
  },
  (config, _ctx, report) => {
    const { campaigns } = indexConfig(config);
    (config.numbers ?? []).forEach((number, i) => {
      if (!isDedicated(number) || (number.status !== 'ordered' && number.status !== 'provisioning')) return;
      if (number.campaign === undefined) {
        report(
          pointer('numbers', i),
          `dedicated number ${number.e164} is ${number.status} without a campaign`,
          'order a dedicated number with `campaign:` set to an approved campaign',
        );
        return;
      }
      const campaign = campaigns.get(number.campaign);
      if (campaign && campaign.status !== 'approved')
        report(
          pointer('numbers', i, 'campaign'),
          `dedicated number ${number.e164} is ${number.status} for campaign '${campaign.id}', which is ${campaign.status}, not approved`,
          'order dedicated numbers only for approved campaigns',
        );
    });
  },
);

const dedicatedUsOnly = defineRule(
  {
    id: 'dedicated-us-only',
    family: 'dedicated-numbers',
    severity: 'error',
    where: 'L+S',
    description: 'Dedicated numbers exist for US accounts only.',
    why: 'Dedicated 10DLC numbers are a US registration product; other accounts use single-use numbers.',
    fix: 'Use single-use numbers in a non-US account, or move the numbers to a US account.',
    source: SEEDS.S2,
    params: [],
    examples: {
      failing: {
        title: 'a Canadian account with a dedicated number',
        config: `account: { id: acme-ca, name: Acme Canada, kind: standard, country: CA }
numbers:
  - { e164: "+12065550100", kind: campaign, lifetime: dedicated, status: active }`,
        steps: `- order_number: { areaCode: "503", kind: campaign, lifetime: dedicated }
  expect_error: dedicated-us-only`,
      },
      passing: {
        title: 'a Canadian account with a single-use number',
        config: `account: { id: acme-ca, name: Acme Canada, kind: standard, country: CA }
numbers:
  - { e164: "+12065550100", kind: campaign, lifetime: single-use, status: active }`,
        steps: `- order_number: { areaCode: "503", kind: one-to-one }
  expect: { status: provisioning }`,
      },
    },
  },
  (config, _ctx, report) => {
    if (config.account.country === 'US') return;
    (config.numbers ?? []).forEach((number, i) => {
      if (isDedicated(number) && HELD_STATUSES.has(number.status))
        report(
          pointer('numbers', i),
          `account '${config.account.id}' is in ${config.account.country}; dedicated number ${number.e164} needs a US account`,
          'use single-use numbers outside the US',
        );
    });
  },
);

/** Outreach that is running or about to: the numbers it lists are in use. */
function isRunning(outreach: Outreach): boolean {
  return outreach.status === 'active' || outreach.status === 'launching';
}

function eachRunningNumber(
  config: AccountConfig,
  visit: (outreach: Outreach, number: PhoneNumber, path: string) => void,
): void {
  const { numbers } = indexConfig(config);
  (config.outreach ?? []).forEach((outreach, i) => {
    if (!isRunning(outreach)) return;
    (outreach.numbers ?? []).forEach((e164, j) => {
      const number = numbers.get(e164);
      if (number) visit(outreach, number, pointer('outreach', i, 'numbers', j));
    });
  });
}

const numberNotActive = defineRule(
  {
    id: 'number-not-active',
    family: 'dedicated-numbers',
    severity: 'error',
    where: 'L+S',
    description:
      'A number that has not finished provisioning (or failed, or was released) cannot send; a failed or released number cannot be assigned or used by active outreach.',
    why: 'A number exists on the carriers only once provisioning finishes; until then, and after a failure or release, nothing can go out from it.',
    fix: 'Wait until the number is active, or use another active number.',
    source: SEEDS.S1,
    params: [],
    examples: {
      failing: {
        title: 'an active outreach on a number that is still provisioning',
        config: yaml(
          BRAND_AND_CAMPAIGN,
          `numbers:
  - { e164: "+12065550100", kind: campaign, lifetime: dedicated, status: provisioning, campaign: acme-mkt }
outreach:
  - { id: spring, type: bulk, campaign: acme-mkt, numbers: ["+12065550100"], status: active }`,
        ),
        steps: `- launch_outreach: { id: fall-drive, type: bulk, campaign: acme-mkt, numberMode: single-use, areaCode: "503" }
- send: { outreach: fall-drive, to: "+12065550199", body: "Acme Realty: open house Sat. Reply STOP to opt out" }
  expect_error: number-not-active`,
      },
      passing: {
        title: 'an active outreach on an active number',
        config: yaml(
          BRAND_AND_CAMPAIGN,
          `numbers:
  - { e164: "+12065550100", kind: campaign, lifetime: dedicated, status: active, campaign: acme-mkt }
outreach:
  - { id: spring, type: bulk, campaign: acme-mkt, numbers: ["+12065550100"], status: active }`,
        ),
        steps: `- launch_outreach: { id: fall-drive, type: bulk, campaign: acme-mkt, numberMode: single-use, areaCode: "503" }
- advance: 6h
- send: { outreach: fall-drive, to: "+12065550199", body: "Acme Realty: open house Sat. Reply STOP to opt out" }
  expect: { status: queued }`,
      },
    },
  },
  (config, _ctx, report) =>
    eachRunningNumber(config, (outreach, number, path) => {
      if (number.status === 'active' || number.status === 'released') return;
      report(
        path,
        `${outreach.status} outreach '${outreach.id}' uses ${number.e164}, which is ${number.status}, not active`,
        number.status === 'failed'
          ? 'order another number'
          : 'wait until the number is active before launching',
      );
    }),
);

const singleUseProvisioning = defineRule({
  id: 'single-use-provisioning',
  family: 'dedicated-numbers',
  severity: 'info',
  where: 'S',
  description:
    'A single-use number is bought when its outreach launches and waits in the provisioning queue; the outreach stays launching until it is active.',
  why: '"provisioning can take hours". This is a behaviour of the simulator (info), shown in time: integrations must wait for the outreach to become active.',
  fix: 'Launch single-use outreach hours ahead, or use a dedicated number that is already active.',
  source: SEEDS.S1,
  params: ['latency.realistic.provisioning'],
  examples: {
    failing: {
      title: 'sending right after launching a single-use outreach',
      config: BRAND_AND_CAMPAIGN,
      steps: `- launch_outreach: { id: fall-drive, type: bulk, campaign: acme-mkt, numberMode: single-use, areaCode: "503" }
- expect: { outreach: fall-drive, status: launching }
- send: { outreach: fall-drive, to: "+12065550199", body: "Acme Realty: open house Sat. Reply STOP to opt out" }
  expect_error: number-not-active`,
    },
    passing: {
      title: 'sending once the provisioning queue is through',
      config: BRAND_AND_CAMPAIGN,
      steps: `- launch_outreach: { id: fall-drive, type: bulk, campaign: acme-mkt, numberMode: single-use, areaCode: "503" }
- advance: 6h
- expect: { outreach: fall-drive, status: active }`,
    },
  },
});

const dedicatedDefault = defineRule({
  id: 'dedicated-default',
  family: 'dedicated-numbers',
  severity: 'info',
  where: 'S',
  description:
    'An outreach uses a dedicated number unless single-use is asked for; a dedicated number serves consecutive and concurrent outreach in one continuing thread.',
  why: 'Recipients see one continuing thread from a dedicated number. This is a behaviour (info): no new number is bought and no association is added.',
  fix: 'Ask for `numberMode: single-use` only when each outreach needs a fresh number.',
  source: SEEDS.S1,
  params: [],
  examples: {
    failing: {
      title: 'a single-use launch adds a new number to the campaign',
      config: yaml(
        BRAND_AND_CAMPAIGN,
        `numbers:
  - { e164: "+12065550100", kind: campaign, lifetime: dedicated, status: active, campaign: acme-mkt }`,
      ),
      steps: `- launch_outreach: { id: fall-drive, type: bulk, campaign: acme-mkt, numberMode: single-use, areaCode: "503" }
- expect: { outreach: fall-drive, numberMode: single-use, status: launching }`,
    },
    passing: {
      title: 'two outreach share the dedicated number',
      config: yaml(
        BRAND_AND_CAMPAIGN,
        `numbers:
  - { e164: "+12065550100", kind: campaign, lifetime: dedicated, status: active, campaign: acme-mkt }`,
      ),
      steps: `- launch_outreach: { id: first, type: bulk, campaign: acme-mkt, numbers: ["+12065550100"] }
- launch_outreach: { id: second, type: bulk, campaign: acme-mkt, numbers: ["+12065550100"] }
- expect: { outreach: second, numberMode: dedicated, status: active }`,
    },
  },
});

const areaCodeUnavailable = defineRule({
  id: 'area-code-unavailable',
  family: 'dedicated-numbers',
  severity: 'error',
  where: 'S',
  description:
    'Ordering in an area code with no inventory fails with a clear error; another area code must be chosen.',
  why: 'Numbers are bought from carrier inventory, which runs out. A refusal (error) of the simulator; every ordinary area code has seeded inventory.',
  fix: 'Order in a neighbouring area code, or list available numbers first (`GET /v1/available-numbers`).',
  source: SEEDS.S1,
  params: ['numbers.inventoryPerAreaCode', 'numbers.emptyAreaCodes'],
  examples: {
    failing: {
      title: 'ordering in an area code with no inventory',
      config: BRAND_AND_CAMPAIGN,
      steps: `- order_number: { areaCode: "555", kind: one-to-one }
  expect_error: area-code-unavailable`,
    },
    passing: {
      title: 'ordering in an ordinary area code',
      config: BRAND_AND_CAMPAIGN,
      steps: `- order_number: { areaCode: "503", kind: one-to-one }
  expect: { status: provisioning }`,
    },
  },
});

const areaCodeExcluded = defineRule(
  {
    id: 'area-code-excluded',
    family: 'dedicated-numbers',
    severity: 'error',
    where: 'L+S',
    description:
      "New Hampshire's area code (603) cannot hold dedicated numbers; an order for one is refused before any inventory check.",
    why: 'Dedicated numbers are not offered in New Hampshire.',
    fix: 'Choose a dedicated number in another area code, or use a single-use number for New Hampshire outreach.',
    source: SEEDS.S2,
    params: ['numbers.excludedAreaCodes'],
    examples: {
      failing: {
        title: 'a dedicated number in 603',
        config: yaml(
          BRAND_AND_CAMPAIGN,
          `numbers:
  - { e164: "+16035550100", kind: campaign, lifetime: dedicated, status: active, campaign: acme-mkt }`,
        ),
        steps: `- order_number: { areaCode: "603", kind: campaign, lifetime: dedicated, campaign: acme-mkt }
  expect_error: area-code-excluded`,
      },
      passing: {
        title: 'a dedicated number in 802',
        config: yaml(
          BRAND_AND_CAMPAIGN,
          `numbers:
  - { e164: "+18025550100", kind: campaign, lifetime: dedicated, status: active, campaign: acme-mkt }`,
        ),
        steps: `- order_number: { areaCode: "802", kind: campaign, lifetime: dedicated, campaign: acme-mkt }
  expect: { status: provisioning }`,
      },
    },
  },
  (config, { profile }, report) => {
    const excluded = new Set(profile.numbers.excludedAreaCodes);
    (config.numbers ?? []).forEach((number, i) => {
      if (isDedicated(number) && HELD_STATUSES.has(number.status) && excluded.has(areaCode(number.e164)))
        report(
          pointer('numbers', i, 'e164'),
          `dedicated number ${number.e164} is in area code ${areaCode(number.e164)}, which cannot hold dedicated numbers`,
          'choose another area code, or a single-use number',
        );
    });
  },
);

const scarceAreaCode = defineRule(
  {
    id: 'scarce-area-code',
    family: 'dedicated-numbers',
    severity: 'info',
    where: 'L+S',
    description: 'Hard-to-get area codes (206, 212, 646, 917, 202, 207, 406, 907) have little inventory.',
    why: "These area codes are in high demand or are a whole state's only code; orders there often fail or wait.",
    fix: 'Have a second area code ready for orders in these markets.',
    source: SEEDS.S1,
    params: ['numbers.scarceAreaCodes'],
    examples: {
      failing: {
        title: 'a number on order in New York (212)',
        config: `numbers:
  - { e164: "+12125550100", kind: one-to-one, status: ordered }`,
        steps: `- order_number: { areaCode: "907", kind: one-to-one }
- order_number: { areaCode: "907", kind: one-to-one }
- order_number: { areaCode: "907", kind: one-to-one }
  expect_error: area-code-unavailable`,
      },
      passing: {
        title: 'a number on order in Portland (503)',
        config: `numbers:
  - { e164: "+15035550100", kind: one-to-one, status: ordered }`,
        steps: `- order_number: { areaCode: "907", kind: one-to-one }
  expect: { status: provisioning }`,
      },
    },
  },
  (config, { profile }, report) => {
    const scarce = profile.numbers.scarceAreaCodes;
    (config.numbers ?? []).forEach((number, i) => {
      const code = areaCode(number.e164);
      if ((number.status === 'ordered' || number.status === 'provisioning') && code in scarce)
        report(
          pointer('numbers', i, 'e164'),
          `${number.e164} is on order in area code ${code}, which holds about ${String(scarce[code])} numbers`,
          'keep another area code ready in case this order fails',
        );
    });
    (config.outreach ?? []).forEach((outreach, i) => {
      if (outreach.numberMode === 'single-use' && outreach.market && outreach.market in scarce)
        report(
          pointer('outreach', i, 'market'),
          `single-use outreach '${outreach.id}' buys its number in area code ${outreach.market}, which holds about ${String(scarce[outreach.market])} numbers`,
          'keep another area code ready for this outreach',
        );
    });
  },
);

const numberInUse = defineRule(
  {
    id: 'number-in-use',
    family: 'dedicated-numbers',
    severity: 'error',
    where: 'L+S',
    description: 'A number on an active outreach cannot be released or deleted.',
    why: 'Releasing a number mid-outreach cuts contacts off mid-conversation; replies would go nowhere.',
    fix: 'Complete the outreach first, then release the number.',
    source: SEEDS.S2,
    params: [],
    examples: {
      failing: {
        title: 'a released number on an active outreach, and releasing another it uses',
        config: yaml(
          BRAND_AND_CAMPAIGN,
          `numbers:
  - { e164: "+12065550100", kind: campaign, lifetime: dedicated, status: active, campaign: acme-mkt }
  - { e164: "+12065550102", kind: campaign, lifetime: dedicated, status: released }
outreach:
  - { id: spring, type: bulk, campaign: acme-mkt, numbers: ["+12065550100", "+12065550102"], status: active }`,
        ),
        steps: `- release_number: { number: "+12065550100" }
  expect_error: number-in-use`,
      },
      passing: {
        title: 'numbers of a completed outreach can be released',
        config: yaml(
          BRAND_AND_CAMPAIGN,
          `numbers:
  - { e164: "+12065550100", kind: campaign, lifetime: dedicated, status: active, campaign: acme-mkt }
  - { e164: "+12065550102", kind: campaign, lifetime: dedicated, status: released }
outreach:
  - { id: spring, type: bulk, campaign: acme-mkt, numbers: ["+12065550100", "+12065550102"], status: completed }`,
        ),
        steps: `- release_number: { number: "+12065550100" }
  expect: { status: released }`,
      },
    },
  },
  (config, _ctx, report) =>
    eachRunningNumber(config, (outreach, number, path) => {
      if (number.status === 'released')
        report(
          path,
          `${number.e164} is released but ${outreach.status} outreach '${outreach.id}' still uses it`,
          'complete the outreach before releasing its number',
        );
    }),
);

const numberNameInternal = defineRule({
  id: 'number-name-internal',
  family: 'dedicated-numbers',
  severity: 'info',
  where: 'S',
  description: "A number's name is internal: it never appears in anything a contact receives.",
  why: 'Names like "Seattle open houses" organise numbers for staff. A behaviour (info): the simulator never puts the name in a message or a contact-facing field.',
  fix: 'Name numbers for your team; put what contacts should see in the message body.',
  source: SEEDS.S2,
  params: [],
  examples: {
    failing: {
      title: 'a name is not a sender: the contact sees the number, never the name',
      config: yaml(
        BRAND_AND_CAMPAIGN,
        `numbers:
  - { e164: "+12065550100", kind: campaign, lifetime: dedicated, status: active, campaign: acme-mkt, name: Seattle open houses }`,
      ),
      steps: `- send: { from: "+12065550100", to: "+12065550123", body: "Acme Realty: open house Sat. Reply STOP to opt out" }
- advance: 1m
- expect: { handset: "+12065550123", received: 1, from: "+12065550100", notContaining: Seattle open houses }`,
    },
    passing: {
      title: 'a renamed number: the contact sees the body only',
      config: yaml(
        BRAND_AND_CAMPAIGN,
        `numbers:
  - { e164: "+12065550100", kind: campaign, lifetime: dedicated, status: active, campaign: acme-mkt }`,
      ),
      steps: `- rename_number: { number: "+12065550100", name: Seattle open houses }
  expect: { name: Seattle open houses }
- send: { from: "+12065550100", to: "+12065550123", body: "Acme Realty: open house Sat. Reply STOP to opt out" }
- advance: 1m
- expect: { handset: "+12065550123", received: 1, notContaining: Seattle open houses }`,
    },
  },
});

const portProtection = defineRule({
  id: 'port-protection',
  family: 'dedicated-numbers',
  severity: 'error',
  where: 'S',
  description:
    'Dedicated numbers are protected from port-out by a PIN; a port-out request without the right PIN is refused.',
  why: "A dedicated number carries the campaign's reputation; a PIN keeps anyone else from porting it away. A refusal (error) of the simulator.",
  fix: 'Give the port-out PIN shown on the number (`GET /v1/numbers/:e164`).',
  source: SEEDS.S2,
  params: [],
  examples: {
    failing: {
      title: 'a port-out with the wrong PIN',
      config: yaml(
        BRAND_AND_CAMPAIGN,
        USERS,
        `numbers:
  - { e164: "+12065550100", kind: campaign, lifetime: dedicated, status: active, campaign: acme-mkt, portProtected: true }`,
      ),
      steps: `- port_out: { number: "+12065550100", pin: "0000" }
  expect_error: port-protection`,
    },
    passing: {
      title: 'a port-out with the PIN of the number',
      config: yaml(
        BRAND_AND_CAMPAIGN,
        USERS,
        `numbers:
  - { e164: "+12065550100", kind: campaign, lifetime: dedicated, status: active, campaign: acme-mkt, portProtected: true }`,
      ),
      steps: `- port_out: { number: "+12065550100", pin: "{{number.+12065550100.portPin}}" }
  expect: { status: released }`,
    },
  },
});

/** Rules of dedicated and single-use numbers. */
export const dedicatedNumbersRules: readonly RuleDefinition[] = [
  dedicatedNumberLimit,
  useCaseNumberLimit,
  dedicatedNeedsApprovedCampaign,
  dedicatedUsOnly,
  numberNotActive,
  singleUseProvisioning,
  dedicatedDefault,
  areaCodeUnavailable,
  areaCodeExcluded,
  scarceAreaCode,
  numberInUse,
  numberNameInternal,
  portProtection,
];
