import {
  CAMPAIGN_ONLY_OUTREACH,
  type AccountConfig,
  type Outreach,
  type PhoneNumber,
} from '../account-config.js';
import { pointer } from '../finding.js';
import { areaCode } from '../phone.js';
import type { RuleDefinition } from '../rule.js';
import { HELD_STATUSES, indexConfig } from './config-index.js';
import { defineRule, SEEDS, type Report } from './define.js';
import { BRAND_AND_CAMPAIGN, USERS, yaml } from './example-parts.js';

const AUTOMATION_TYPES = CAMPAIGN_ONLY_OUTREACH.filter((t) => t !== 'bulk');

/** Calls `visit` for each number an outreach lists that the config defines. */
function eachOutreachNumber(
  config: AccountConfig,
  visit: (outreach: Outreach, number: PhoneNumber, path: string, index: number) => void,
): void {
  const numbers = indexConfig(config).numbers;
  (config.outreach ?? []).forEach((outreach, i) =>
    (outreach.numbers ?? []).forEach((e164, j) => {
      const number = numbers.get(e164);
      if (number) visit(outreach, number, pointer('outreach', i, 'numbers', j), i);
    }),
  );
}

function oneToOneCarrying(
  types: readonly string[],
  config: AccountConfig,
  report: Report,
  what: string,
): void {
  eachOutreachNumber(config, (outreach, number, path) => {
    if (number.kind === 'one-to-one' && types.includes(outreach.type))
      report(
        path,
        `${what} outreach '${outreach.id}' (${outreach.type}) uses one-to-one number ${number.e164}`,
        'use a campaign number for this outreach; one-to-one numbers carry direct and scheduled texts only',
      );
  });
}

const ONE_TO_ONE_LINE = `numbers:
  - { e164: "+12065550101", kind: one-to-one, lifetime: dedicated, status: active, rep: ana, inbox: { mode: agent, agents: [ana] } }
  - { e164: "+12065550100", kind: campaign, lifetime: dedicated, status: active, campaign: acme-mkt }
`;

const bulkNeedsCampaignNumber = defineRule(
  {
    id: 'bulk-needs-campaign-number',
    family: 'number-kinds',
    severity: 'error',
    where: 'L+S',
    description:
      'Bulk sends and sends to a list go only from campaign numbers; a one-to-one number cannot send to lists or in bulk.',
    why: 'One-to-one numbers are registered for person-to-person conversation; carriers filter list traffic from them, and texting platforms reserve bulk sends for campaign numbers.',
    fix: 'Send bulk outreach from a campaign number assigned to an approved campaign, or use a single-use number.',
    source: SEEDS.S0,
    params: [],
    examples: {
      failing: {
        title: 'a bulk outreach on a one-to-one number',
        config: yaml(
          BRAND_AND_CAMPAIGN,
          USERS,
          ONE_TO_ONE_LINE,
          `outreach:
  - { id: spring, type: bulk, campaign: acme-mkt, numbers: ["+12065550101"], status: draft }`,
        ),
        steps: `- create_outreach: { id: spring, type: bulk, campaign: acme-mkt, numbers: ["+12065550101"], recipients: [{ to: "+12065550123" }] }
  expect_error: bulk-needs-campaign-number`,
      },
      passing: {
        title: 'a bulk outreach on a campaign number',
        config: yaml(
          BRAND_AND_CAMPAIGN,
          USERS,
          ONE_TO_ONE_LINE,
          `outreach:
  - { id: spring, type: bulk, campaign: acme-mkt, numbers: ["+12065550100"], status: draft }`,
        ),
        steps: `- create_outreach: { id: spring-2, type: bulk, campaign: acme-mkt, numbers: ["+12065550100"], recipients: [{ to: "+12065550123" }] }
  expect: { status: draft }`,
      },
    },
  },
  (config, _ctx, report) => oneToOneCarrying(['bulk'], config, report, 'bulk'),
);

const automationNeedsCampaignNumber = defineRule(
  {
    id: 'automation-needs-campaign-number',
    family: 'number-kinds',
    severity: 'error',
    where: 'L+S',
    description:
      'Lead collectors, automations, ITR menus, language funnels, reply automations and data collectors run only on campaign numbers.',
    why: 'Automated and list-building features send campaign traffic, which carriers accept only from numbers registered to a campaign.',
    fix: 'Move the automation to a campaign number, or make the conversation a direct 1:1 text.',
    source: SEEDS.S0,
    params: [],
    examples: {
      failing: {
        title: 'an ITR menu on a one-to-one number',
        config: yaml(
          BRAND_AND_CAMPAIGN,
          USERS,
          ONE_TO_ONE_LINE,
          `outreach:
  - { id: menu, type: itr-menu, campaign: acme-mkt, numbers: ["+12065550101"], status: draft }`,
        ),
        steps: `- create_outreach: { id: menu, type: itr-menu, campaign: acme-mkt, numbers: ["+12065550101"] }
  expect_error: automation-needs-campaign-number`,
      },
      passing: {
        title: 'an ITR menu on a campaign number',
        config: yaml(
          BRAND_AND_CAMPAIGN,
          USERS,
          ONE_TO_ONE_LINE,
          `outreach:
  - { id: menu, type: itr-menu, campaign: acme-mkt, numbers: ["+12065550100"], status: draft }`,
        ),
        steps: `- create_outreach: { id: menu-2, type: itr-menu, campaign: acme-mkt, numbers: ["+12065550100"] }
  expect: { status: draft }`,
      },
    },
  },
  (config, _ctx, report) => oneToOneCarrying(AUTOMATION_TYPES, config, report, 'automated'),
);

const oneToOneSingleRecipient = defineRule(
  {
    id: 'one-to-one-single-recipient',
    family: 'number-kinds',
    severity: 'error',
    where: 'L+S',
    description:
      'A one-to-one number talks to one contact at a time: outreach on it is direct or scheduled, to one recipient.',
    why: 'A one-to-one number is for real-time conversation or a message scheduled to one person; several recipients make it list traffic.',
    fix: 'Give the direct or scheduled outreach a single recipient, or send to the list from a campaign number.',
    source: SEEDS.S0,
    params: [],
    examples: {
      failing: {
        title: 'a scheduled text to two contacts from a one-to-one number',
        config: yaml(
          USERS,
          ONE_TO_ONE_LINE.replace(/, campaign: acme-mkt/u, ''),
          `outreach:
  - id: reminder
    type: scheduled
    owner: ana
    numbers: ["+12065550101"]
    status: draft
    recipients: [{ to: "+12065550123" }, { to: "+12065550124" }]`,
        ),
        steps: `- create_outreach: { id: reminder, type: scheduled, numbers: ["+12065550101"], recipients: [{ to: "+12065550123" }, { to: "+12065550124" }], as: ana }
  expect_error: one-to-one-single-recipient`,
      },
      passing: {
        title: 'a scheduled text to one contact',
        config: yaml(
          USERS,
          ONE_TO_ONE_LINE.replace(/, campaign: acme-mkt/u, ''),
          `outreach:
  - id: reminder
    type: scheduled
    owner: ana
    numbers: ["+12065550101"]
    status: draft
    recipients: [{ to: "+12065550123" }]`,
        ),
        steps: `- create_outreach: { id: reminder-2, type: scheduled, numbers: ["+12065550101"], recipients: [{ to: "+12065550123" }], as: ana }
  expect: { status: draft }`,
      },
    },
  },
  (config, _ctx, report) => {
    const reported = new Set<number>();
    eachOutreachNumber(config, (outreach, number, _path, i) => {
      if (number.kind !== 'one-to-one' || reported.has(i)) return;
      const count = outreach.recipients?.length ?? 0;
      if (count > 1) {
        reported.add(i);
        report(
          pointer('outreach', i, 'recipients'),
          `outreach '${outreach.id}' on one-to-one number ${number.e164} has ${count} recipients; a one-to-one number talks to one contact at a time`,
          'split it into one direct or scheduled text per contact, or send from a campaign number',
        );
      }
    });
  },
);

const oneToOneNeedsRep = defineRule(
  {
    id: 'one-to-one-needs-rep',
    family: 'number-kinds',
    severity: 'warning',
    where: 'L',
    description: 'A one-to-one number is assigned to a specific rep (a user of the account).',
    why: "A one-to-one number is a rep's own line; without a rep nobody owns the conversations that arrive on it.",
    fix: 'Set `rep` on the number to the user whose direct line it is.',
    source: SEEDS.S0,
    params: [],
    examples: {
      failing: {
        title: 'a one-to-one number without a rep',
        config: `numbers:
  - { e164: "+12065550101", kind: one-to-one, status: active, inbox: { mode: agent, agents: [ana] } }`,
      },
      passing: {
        title: "a one-to-one number that is Ana's line",
        config: yaml(
          USERS,
          `numbers:
  - { e164: "+12065550101", kind: one-to-one, status: active, rep: ana, inbox: { mode: agent, agents: [ana] } }`,
        ),
      },
    },
  },
  (config, _ctx, report) =>
    (config.numbers ?? []).forEach((number, i) => {
      if (number.kind === 'one-to-one' && HELD_STATUSES.has(number.status) && !number.rep)
        report(
          pointer('numbers', i),
          `one-to-one number ${number.e164} has no rep`,
          'set `rep:` to the user whose direct line this is',
        );
    }),
);

function heldCampaignNumbers(config: AccountConfig): PhoneNumber[] {
  return (config.numbers ?? []).filter((n) => n.kind === 'campaign' && HELD_STATUSES.has(n.status));
}

/** Outreach that needs a campaign number of its own: campaign-only type, not single-use, still running. */
function needsCampaignNumber(outreach: Outreach): boolean {
  return (
    CAMPAIGN_ONLY_OUTREACH.includes(outreach.type) &&
    outreach.numberMode !== 'single-use' &&
    outreach.status !== 'completed'
  );
}

const accountNeedsCampaignNumber = defineRule(
  {
    id: 'account-needs-campaign-number',
    family: 'number-kinds',
    severity: 'error',
    where: 'L',
    description: 'An account that runs outreach of a campaign-only type has at least one campaign number.',
    why: 'Bulk sends, lead collectors and automations need a campaign number; with none, the outreach cannot run.',
    fix: 'Order a campaign number for an approved campaign, or run the outreach with single-use numbers.',
    source: SEEDS.S0,
    params: [],
    examples: {
      failing: {
        title: 'a bulk outreach in an account with only a one-to-one number',
        config: yaml(
          USERS,
          `numbers:
  - { e164: "+12065550101", kind: one-to-one, status: active, rep: ana, inbox: { mode: agent, agents: [ana] } }
outreach:
  - { id: spring, type: bulk, status: draft, numbers: [] }`,
        ),
      },
      passing: {
        title: 'the same account with a campaign number',
        config: yaml(
          BRAND_AND_CAMPAIGN,
          `numbers:
  - { e164: "+12065550100", kind: campaign, lifetime: dedicated, status: active, campaign: acme-mkt }
outreach:
  - { id: spring, type: bulk, status: draft, numbers: ["+12065550100"] }`,
        ),
      },
    },
  },
  (config, _ctx, report) => {
    if (heldCampaignNumbers(config).length > 0) return;
    const index = (config.outreach ?? []).findIndex(needsCampaignNumber);
    const outreach = config.outreach?.[index];
    if (outreach)
      report(
        pointer('outreach', index),
        `account '${config.account.id}' runs ${outreach.type} outreach '${outreach.id}' but has no campaign number`,
        'order a campaign number for an approved campaign, or set `numberMode: single-use`',
      );
  },
);

const subgroupNeedsCampaignNumber = defineRule(
  {
    id: 'subgroup-needs-campaign-number',
    family: 'number-kinds',
    severity: 'warning',
    where: 'L',
    description:
      'In an agency account, each subgroup that runs campaign-only outreach has its own campaign number.',
    why: "Numbers belong to one subgroup; a subgroup cannot borrow another's campaign number for its outreach.",
    fix: 'Order a campaign number in the subgroup, or move the outreach to the subgroup that owns a number.',
    source: SEEDS.S2,
    params: [],
    examples: {
      failing: {
        title: 'the south subgroup runs a bulk outreach but only north has a campaign number',
        config: yaml(
          `account: { id: acme, name: Acme Realty, kind: agency, country: US }
subgroups: [{ id: north }, { id: south }]
numbers:
  - { e164: "+12065550100", kind: campaign, lifetime: dedicated, status: active, subgroup: north }
outreach:
  - { id: south-drive, type: bulk, subgroup: south, status: draft, numbers: [] }`,
        ),
      },
      passing: {
        title: 'each subgroup with outreach has its own campaign number',
        config: `account: { id: acme, name: Acme Realty, kind: agency, country: US }
subgroups: [{ id: north }, { id: south }]
numbers:
  - { e164: "+12065550100", kind: campaign, lifetime: dedicated, status: active, subgroup: north }
  - { e164: "+15035550100", kind: campaign, lifetime: dedicated, status: active, subgroup: south }
outreach:
  - { id: south-drive, type: bulk, subgroup: south, status: draft, numbers: ["+15035550100"] }`,
      },
    },
  },
  (config, _ctx, report) => {
    if (config.account.kind !== 'agency') return;
    const covered = new Set(heldCampaignNumbers(config).map((n) => n.subgroup));
    const reported = new Set<string>();
    (config.outreach ?? []).forEach((outreach, i) => {
      const subgroup = outreach.subgroup;
      if (subgroup === undefined || !needsCampaignNumber(outreach)) return;
      if (covered.has(subgroup) || reported.has(subgroup)) return;
      reported.add(subgroup);
      report(
        pointer('outreach', i, 'subgroup'),
        `subgroup '${subgroup}' runs ${outreach.type} outreach '${outreach.id}' but has no campaign number of its own`,
        `order a campaign number with \`subgroup: ${subgroup}\``,
      );
    });
  },
);

/** Whether a user with these subgroups may use something of `subgroup` (no subgroups: the whole account). */
function userReaches(userSubgroups: readonly string[] | undefined, subgroup: string | undefined): boolean {
  if (subgroup === undefined || !userSubgroups || userSubgroups.length === 0) return true;
  return userSubgroups.includes(subgroup);
}

const subgroupIsolation = defineRule(
  {
    id: 'subgroup-isolation',
    family: 'number-kinds',
    severity: 'error',
    where: 'L+S',
    description:
      "A number belongs to one subgroup; it is not shared with, visible to, or usable by another subgroup's users or outreach.",
    why: "An agency's subgroups are separate businesses; one subgroup's contacts must never see another's number.",
    fix: "Use a number of the outreach's own subgroup, or give the user access to the number's subgroup.",
    source: SEEDS.S2,
    params: [],
    examples: {
      failing: {
        title: "a south outreach on north's number",
        config: `account: { id: acme, name: Acme Realty, kind: agency, country: US }
subgroups: [{ id: north }, { id: south }]
users: [{ id: olga, role: owner }, { id: sam, role: admin, subgroups: [south] }]
numbers:
  - { e164: "+12065550100", kind: campaign, lifetime: dedicated, status: active, subgroup: north }
outreach:
  - { id: south-drive, type: bulk, subgroup: south, numbers: ["+12065550100"], status: draft }`,
        steps: `- create_outreach: { id: south-2, type: bulk, subgroup: south, numbers: ["+12065550100"], as: olga }
  expect_error: { rule: subgroup-isolation, status: 422 }
- send: { from: "+12065550100", to: "+12065550123", body: "Acme Realty: hello. Reply STOP to opt out", as: sam }
  expect_error: { status: 404, code: not_found }`,
      },
      passing: {
        title: "a south outreach on south's number",
        config: `account: { id: acme, name: Acme Realty, kind: agency, country: US }
subgroups: [{ id: north }, { id: south }]
users: [{ id: olga, role: owner }, { id: sam, role: admin, subgroups: [south] }]
numbers:
  - { e164: "+12065550100", kind: campaign, lifetime: dedicated, status: active, subgroup: north }
  - { e164: "+15035550100", kind: campaign, lifetime: dedicated, status: active, subgroup: south }
outreach:
  - { id: south-drive, type: bulk, subgroup: south, numbers: ["+15035550100"], status: draft }`,
        steps: `- order_number: { areaCode: "503", kind: one-to-one, subgroup: south, as: olga }
  expect: { status: provisioning }`,
      },
    },
  },
  (config, _ctx, report) => {
    const { users } = indexConfig(config);
    eachOutreachNumber(config, (outreach, number, path) => {
      if (outreach.subgroup && number.subgroup && outreach.subgroup !== number.subgroup)
        report(
          path,
          `outreach '${outreach.id}' of subgroup '${outreach.subgroup}' uses ${number.e164}, which belongs to subgroup '${number.subgroup}'`,
          `use a number of subgroup '${outreach.subgroup}'`,
        );
    });
    (config.numbers ?? []).forEach((number, i) => {
      const people = [
        ...(number.rep ? [{ id: number.rep, path: pointer('numbers', i, 'rep') }] : []),
        ...(number.inbox?.agents ?? []).map((id, j) => ({
          id,
          path: pointer('numbers', i, 'inbox', 'agents', j),
        })),
      ];
      for (const person of people) {
        const user = users.get(person.id);
        if (user && !userReaches(user.subgroups, number.subgroup))
          report(
            person.path,
            `user '${user.id}' (subgroups ${(user.subgroups ?? []).join(', ')}) cannot reach ${number.e164} of subgroup '${number.subgroup ?? ''}'`,
            `give '${user.id}' access to subgroup '${number.subgroup ?? ''}', or choose a user of that subgroup`,
          );
      }
    });
  },
);

const localAreaCode = defineRule(
  {
    id: 'local-area-code',
    family: 'number-kinds',
    severity: 'info',
    where: 'L',
    description: 'Outreach aimed at a market (area code) should send from a number of that area code.',
    why: 'Contacts answer local numbers more often; a number from another area code looks like spam.',
    fix: "Send from a number in the outreach's market, or change `market`.",
    source: SEEDS.S1,
    params: [],
    examples: {
      failing: {
        title: 'a Seattle (206) outreach from a Portland (503) number',
        config: `numbers:
  - { e164: "+15035550100", kind: campaign, lifetime: dedicated, status: active }
outreach:
  - { id: seattle, type: bulk, market: "206", numbers: ["+15035550100"], status: draft }`,
      },
      passing: {
        title: 'a Seattle outreach from a 206 number',
        config: `numbers:
  - { e164: "+12065550100", kind: campaign, lifetime: dedicated, status: active }
outreach:
  - { id: seattle, type: bulk, market: "206", numbers: ["+12065550100"], status: draft }`,
      },
    },
  },
  (config, _ctx, report) =>
    eachOutreachNumber(config, (outreach, number, path) => {
      const code = areaCode(number.e164);
      if (outreach.market && code && code !== outreach.market)
        report(
          path,
          `outreach '${outreach.id}' targets area code ${outreach.market} but sends from ${number.e164} (area code ${code})`,
          `send from a ${outreach.market} number`,
        );
    }),
);

/** Rules of which kind of number carries which traffic. */
export const numberKindsRules: readonly RuleDefinition[] = [
  bulkNeedsCampaignNumber,
  automationNeedsCampaignNumber,
  oneToOneSingleRecipient,
  oneToOneNeedsRep,
  accountNeedsCampaignNumber,
  subgroupNeedsCampaignNumber,
  subgroupIsolation,
  localAreaCode,
];
