import { ONE_TO_ONE_OUTREACH } from '../account-config.js';
import { pointer } from '../finding.js';
import type { RuleDefinition } from '../rule.js';
import { indexConfig } from './config-index.js';
import { defineRule, SEEDS } from './define.js';
import { BRAND_AND_CAMPAIGN, yaml } from './example-parts.js';

const TEAM = `users:
  - { id: olga, role: owner }
  - { id: ana, role: standard }
  - { id: lee, role: limited }
`;
const LINE = (agents: string): string => `numbers:
  - { e164: "+12065550101", kind: one-to-one, status: active, rep: ana, inbox: { mode: agent, agents: [${agents}] } }
`;
const DIRECT = (owner: string): string => `outreach:
  - { id: follow-up, type: direct, owner: ${owner}, numbers: ["+12065550101"], status: draft, recipients: [{ to: "+12065550123" }] }
`;
const TEXT = (as: string): string =>
  `- send: { from: "+12065550101", to: "+12065550123", body: "Hi, this is Ana from Acme Realty", as: ${as} }`;

const directFromReusableNumber = defineRule(
  {
    id: 'direct-from-reusable-number',
    family: 'direct-texts',
    severity: 'error',
    where: 'L+S',
    description:
      "A 1:1 text goes from a one-to-one number to which the sending user has access in that number's unsolicited message inbox settings.",
    why: "1:1 texts use reusable lines, and only the agents of a line's inbox may text from it.",
    fix: 'Send from a one-to-one number whose inbox lists the user, or add the user to its agents.',
    source: SEEDS.S4,
    params: [],
    examples: {
      failing: {
        title: "Olga texts from Ana's line without being one of its agents",
        config: yaml(TEAM, LINE('ana'), DIRECT('olga')),
        steps: `${TEXT('olga')}
  expect_error: direct-from-reusable-number`,
      },
      passing: {
        title: 'Ana texts from her own line',
        config: yaml(TEAM, LINE('ana'), DIRECT('ana')),
        steps: `${TEXT('ana')}
  expect: { status: queued }`,
      },
    },
  },
  (config, _ctx, report) => {
    const { numbers } = indexConfig(config);
    (config.outreach ?? []).forEach((outreach, i) => {
      if (!ONE_TO_ONE_OUTREACH.includes(outreach.type)) return;
      (outreach.numbers ?? []).forEach((e164, j) => {
        const number = numbers.get(e164);
        if (!number) return;
        if (number.kind !== 'one-to-one') {
          if (outreach.type === 'direct')
            report(
              pointer('outreach', i, 'numbers', j),
              `direct outreach '${outreach.id}' sends from campaign number ${e164}; 1:1 texts go from one-to-one numbers`,
              'send 1:1 texts from a one-to-one number',
            );
          return;
        }
        if (outreach.owner !== undefined && !(number.inbox?.agents ?? []).includes(outreach.owner))
          report(
            pointer('outreach', i, 'owner'),
            `user '${outreach.owner}' sends 1:1 outreach '${outreach.id}' from ${e164} but is not an agent of its inbox`,
            `add '${outreach.owner}' to the inbox agents of ${e164}`,
          );
      });
    });
  },
);

const directRole = defineRule(
  {
    id: 'direct-role',
    family: 'direct-texts',
    severity: 'error',
    where: 'L+S',
    description:
      'Only owner, admin and standard users initiate 1:1 texts; limited users only reply in existing conversations (403).',
    why: 'The limited role is for staff who answer contacts, not start conversations.',
    fix: "Have an owner, admin or standard user start the conversation, or change the user's role.",
    source: SEEDS.S4,
    params: [],
    examples: {
      failing: {
        title: 'a limited user starts a 1:1 text',
        config: yaml(TEAM, LINE('ana, lee'), DIRECT('lee')),
        steps: `${TEXT('lee')}
  expect_error: direct-role`,
      },
      passing: {
        title: 'a standard user starts it',
        config: yaml(TEAM, LINE('ana, lee'), DIRECT('ana')),
        steps: `${TEXT('ana')}
  expect: { status: queued }`,
      },
    },
  },
  (config, _ctx, report) => {
    const { users } = indexConfig(config);
    (config.outreach ?? []).forEach((outreach, i) => {
      const owner = outreach.owner === undefined ? undefined : users.get(outreach.owner);
      if (ONE_TO_ONE_OUTREACH.includes(outreach.type) && owner?.role === 'limited')
        report(
          pointer('outreach', i, 'owner'),
          `limited user '${owner.id}' cannot start 1:1 outreach '${outreach.id}'`,
          'make an owner, admin or standard user its owner',
        );
    });
  },
);

const inboxNeedsAgents = defineRule(
  {
    id: 'inbox-needs-agents',
    family: 'direct-texts',
    severity: 'error',
    where: 'L',
    description:
      'A number used for 1:1 texts has inbox settings with at least one agent, or a bot with associated agents.',
    why: "A 1:1 conversation shows in the inbox of the number's agents; with none, replies reach nobody.",
    fix: 'Set `inbox: { mode: agent, agents: [...] }` on the number.',
    source: SEEDS.S4,
    params: [],
    examples: {
      failing: {
        title: 'a one-to-one line with a bot and no agents',
        config: yaml(
          TEAM,
          `numbers:
  - { e164: "+12065550101", kind: one-to-one, status: active, rep: ana, inbox: { mode: bot, agents: [] } }`,
        ),
      },
      passing: { title: 'a one-to-one line answered by Ana', config: yaml(TEAM, LINE('ana')) },
    },
  },
  (config, _ctx, report) =>
    (config.numbers ?? []).forEach((number, i) => {
      if (number.kind !== 'one-to-one' || number.status === 'released' || number.status === 'failed') return;
      if (!number.inbox)
        report(
          pointer('numbers', i),
          `one-to-one number ${number.e164} has no inbox settings`,
          'add `inbox: { mode: agent, agents: [...] }`',
        );
      else if (number.inbox.agents.length === 0)
        report(
          pointer('numbers', i, 'inbox', 'agents'),
          `the ${number.inbox.mode} inbox of ${number.e164} has no agents`,
          'list at least one agent',
        );
    }),
);

const inboxRouting = defineRule({
  id: 'inbox-routing',
  family: 'direct-texts',
  severity: 'info',
  where: 'S',
  description:
    "A 1:1 conversation shows for every agent of the number's inbox: agent-backed in Participating until the contact replies, then in Needs Attention; bot-backed in Participating.",
  why: 'Inbox tabs tell agents which conversations wait for them. A behaviour (info) of the simulator.',
  fix: 'Read conversations per tab (`GET /v1/conversations?tab=needs-attention`).',
  source: SEEDS.S4,
  params: [],
  examples: {
    failing: {
      title: 'a conversation with no reply stays in Participating',
      config: yaml(TEAM, LINE('ana')),
      steps: `${TEXT('ana')}
- advance: 1m
- expect: { conversations: { user: ana, tab: needs-attention, count: 0 } }`,
    },
    passing: {
      title: 'a reply moves it to Needs Attention',
      config: yaml(TEAM, LINE('ana')),
      steps: `${TEXT('ana')}
- advance: 1m
- reply: { from: "+12065550123", to: "+12065550101", body: "Yes, Saturday works" }
- expect: { conversations: { user: ana, tab: needs-attention, count: 1 } }`,
    },
  },
});

const contactName = defineRule({
  id: 'contact-name',
  family: 'direct-texts',
  severity: 'info',
  where: 'S',
  description:
    "A conversation shows the contact's name if the contact was in a previously launched outreach, else the phone number.",
  why: 'Names come from outreach recipient lists. A behaviour (info) of the simulator.',
  fix: 'Give recipients names in outreach so that conversations show them.',
  source: SEEDS.S4,
  params: [],
  examples: {
    failing: {
      title: 'an unknown contact shows as a number',
      config: yaml(TEAM, LINE('ana')),
      steps: `${TEXT('ana')}
- expect: { conversations: { user: ana, contact: "+12065550123", name: "+12065550123" } }`,
    },
    passing: {
      title: 'a contact from a launched outreach shows by name',
      config: yaml(
        TEAM,
        BRAND_AND_CAMPAIGN,
        LINE('ana'),
        `  - { e164: "+12065550100", kind: campaign, lifetime: dedicated, status: active, campaign: acme-mkt }`,
      ),
      steps: `- launch_outreach: { id: spring, type: bulk, campaign: acme-mkt, numbers: ["+12065550100"], recipients: [{ to: "+12065550123", name: Jo Park }] }
${TEXT('ana')}
- expect: { conversations: { user: ana, contact: "+12065550123", name: Jo Park } }`,
    },
  },
});

const numberAdminRole = defineRule({
  id: 'number-admin-role',
  family: 'direct-texts',
  severity: 'error',
  where: 'S',
  description: 'Only owners and admins order, rename and release numbers and register brands and campaigns.',
  why: 'Numbers and registrations cost money and carry compliance duties. A refusal (403) of the simulator.',
  fix: "Ask an owner or admin to do it, or raise the user's role.",
  source: `${SEEDS.S2}; ${SEEDS.S4}`,
  params: [],
  examples: {
    failing: {
      title: 'a standard user orders a number',
      config: TEAM,
      steps: `- order_number: { areaCode: "503", kind: one-to-one, as: ana }
  expect_error: number-admin-role`,
    },
    passing: {
      title: 'the owner orders it',
      config: TEAM,
      steps: `- order_number: { areaCode: "503", kind: one-to-one, as: olga }
  expect: { status: provisioning }`,
    },
  },
});

/** Rules of 1:1 texts, users and inboxes. */
export const directTextsRules: readonly RuleDefinition[] = [
  directFromReusableNumber,
  directRole,
  inboxNeedsAgents,
  inboxRouting,
  contactName,
  numberAdminRole,
];
