import { pointer } from '../finding.js';
import { normalizePhone } from '../phone.js';
import type { RuleDefinition } from '../rule.js';
import { mentionsBrand } from '../text/brand-name.js';
import { findLinkHosts, hasEmail, hasPhoneNumber } from '../text/urls.js';
import { indexConfig } from './config-index.js';
import { defineRule, SEEDS } from './define.js';
import { BRAND_AND_CAMPAIGN, yaml } from './example-parts.js';

const NUMBER = `numbers:
  - { e164: "+12065550100", kind: campaign, lifetime: dedicated, status: active, campaign: acme-mkt }
`;
const CTIA = 'public: CTIA messaging principles and best practices';
const SEND = (to: string): string =>
  `- send: { from: "+12065550100", to: "${to}", body: "Acme Realty: open house Sat. Reply STOP to opt out" }`;

const optOutKeywords = defineRule({
  id: 'opt-out-keywords',
  family: 'messages',
  severity: 'info',
  where: 'S',
  description:
    "A contact's STOP, STOPALL, UNSUBSCRIBE, CANCEL, END or QUIT (one word, any case, surrounding spaces and punctuation ignored: `Stop.`, ` stop! `; under carriers-2025 also the FCC's 2025 revocation words REVOKE and OPT OUT) opts them out of all the account's numbers with one confirmation; START, YES or UNSTOP opts back in; HELP or INFO gets the help message.",
  why: 'Carriers require standard opt-out keywords to work on every number of a sender. A behaviour (info) of the simulator.',
  fix: 'Handle `optout.recorded` and `optout.cleared` events; never message an opted-out contact.',
  source: CTIA,
  params: ['messages.optOutKeywords', 'messages.optInKeywords', 'messages.helpKeywords'],
  examples: {
    failing: {
      title: 'a contact texts " Stop! " and later messages fail',
      config: yaml(BRAND_AND_CAMPAIGN, NUMBER),
      steps: `- reply: { from: "+12065550123", to: "+12065550100", body: " Stop! " }
- expect: { handset: "+12065550123", received: 1 }
${SEND('+12065550123')}
- advance: 1m
- expect: { message: last, status: failed, errorCode: 21610 }`,
    },
    passing: {
      title: 'the contact texts START and is reachable again',
      config: yaml(BRAND_AND_CAMPAIGN, NUMBER),
      steps: `- reply: { from: "+12065550123", to: "+12065550100", body: STOP }
- reply: { from: "+12065550123", to: "+12065550100", body: START }
${SEND('+12065550123')}
- advance: 1m
- expect: { message: last, status: delivered }`,
    },
  },
});

const optOutHonored = defineRule({
  id: 'opt-out-honored',
  family: 'messages',
  severity: 'error',
  where: 'S',
  description:
    'No message goes to a contact who opted out (21610), except the answers to their own keywords (the STOP confirmation, a HELP answer).',
  why: 'Messaging an opted-out contact breaks the TCPA and carrier rules. A refusal at send time: the message fails with 21610.',
  fix: 'Keep a suppression list from `optout.recorded` events and filter recipients before sending.',
  source: CTIA,
  params: [],
  examples: {
    failing: {
      title: 'sending to a contact who texted STOP',
      config: yaml(BRAND_AND_CAMPAIGN, NUMBER),
      steps: `- reply: { from: "+12065550123", to: "+12065550100", body: STOP }
${SEND('+12065550123')}
- advance: 1m
- expect: { message: last, status: failed, errorCode: 21610 }`,
    },
    passing: {
      title: 'sending to a contact who did not',
      config: yaml(BRAND_AND_CAMPAIGN, NUMBER),
      steps: `${SEND('+12065550124')}
- advance: 1m
- expect: { message: last, status: delivered }`,
    },
  },
});

const helpMessageContent = defineRule(
  {
    id: 'help-message-content',
    family: 'messages',
    severity: 'warning',
    where: 'L',
    description:
      'The help message names the brand and a way to get help; the opt-out confirmation names the brand.',
    why: 'Carriers check that HELP and STOP replies identify the sender and, for HELP, how to reach a person.',
    fix: 'Put the brand name and a phone number, email address or link in the help message; name the brand in the opt-out message.',
    source: CTIA,
    params: ['registration.legalSuffixes'],
    examples: {
      failing: {
        title: 'a help message without the brand or a contact',
        config: BRAND_AND_CAMPAIGN.replace(
          '"Acme Realty: for help call 206-555-0100. Reply STOP to opt out."',
          '"Thanks for your message. Reply STOP to opt out."',
        ),
      },
      passing: { title: 'a help message with the brand and a phone number', config: BRAND_AND_CAMPAIGN },
    },
  },
  (config, { profile }, report) => {
    const { brands } = indexConfig(config);
    const suffixes = profile.registration.legalSuffixes;
    (config.campaigns ?? []).forEach((campaign, i) => {
      const brand = brands.get(campaign.brand);
      if (!brand) return;
      const help = campaign.helpMessage;
      if (help !== undefined) {
        const lacks = [
          ...(mentionsBrand(help, brand.name, suffixes) ? [] : ['the brand name']),
          ...(hasPhoneNumber(help) || hasEmail(help) || findLinkHosts(help).length > 0
            ? []
            : ['a way to get help']),
        ];
        if (lacks.length > 0)
          report(
            pointer('campaigns', i, 'helpMessage'),
            `help message of campaign '${campaign.id}' lacks ${lacks.join(' and ')}`,
            `name "${brand.name}" and give a phone number, email or link`,
          );
      }
      const optOut = campaign.optOutMessage;
      if (optOut !== undefined && !mentionsBrand(optOut, brand.name, suffixes))
        report(
          pointer('campaigns', i, 'optOutMessage'),
          `opt-out message of campaign '${campaign.id}' does not name brand '${brand.name}'`,
          `start it with "${brand.name}: "`,
        );
    });
  },
);

const recipientUs10Digit = defineRule(
  {
    id: 'recipient-us-10-digit',
    family: 'messages',
    severity: 'error',
    where: 'L+S',
    description:
      'Every phone number is a US number: optionally +1 or 1, then 10 digits whose area code and exchange start with 2–9, with or without hyphens, spaces, dots or parentheses.',
    why: 'US A2P 10DLC carries US numbers only; a malformed number is undeliverable and often a data-entry error.',
    fix: 'Write the number as +1 and ten digits, e.g. +12065550123 or (206) 555-0123.',
    source: 'public: North American Numbering Plan format',
    params: [],
    examples: {
      failing: {
        title: 'a nine-digit number',
        config: `numbers:
  - { e164: "206-555-010", kind: one-to-one, status: active }`,
        runConfig: `users:
  - { id: ana, role: owner }
numbers:
  - { e164: "+12065550100", kind: one-to-one, status: active, inbox: { mode: agent, agents: [ana] } }`,
        steps: `${SEND('555-0123')}
  expect_error: recipient-us-10-digit`,
      },
      passing: {
        title: 'a number with parentheses and a hyphen',
        config: `users:
  - { id: ana, role: owner }
numbers:
  - { e164: "(206) 555-0100", kind: one-to-one, status: active, inbox: { mode: agent, agents: [ana] } }`,
        steps: `${SEND('(206) 555-0123')}
  expect: { to: "+12065550123" }`,
      },
    },
  },
  (config, _ctx, report) => {
    const check = (value: string, path: string): void => {
      const result = normalizePhone(value);
      if (!result.ok) report(path, result.reason, 'write it as +1 and ten digits, e.g. +12065550123');
    };
    (config.numbers ?? []).forEach((number, i) => check(number.e164, pointer('numbers', i, 'e164')));
    (config.outreach ?? []).forEach((outreach, i) => {
      (outreach.numbers ?? []).forEach((e164, j) => check(e164, pointer('outreach', i, 'numbers', j)));
      (outreach.recipients ?? []).forEach((r, j) =>
        check(r.to, pointer('outreach', i, 'recipients', j, 'to')),
      );
    });
  },
);

const balanceRequired = defineRule(
  {
    id: 'balance-required',
    family: 'messages',
    severity: 'warning',
    where: 'L+S',
    description:
      "Sending needs an account balance that pays for the message's segments; a message it cannot pay for fails, and at zero every message fails.",
    why: 'Texting is paid per segment from the account balance; with none, nothing goes out.',
    fix: 'Top up the balance before go-live.',
    source: SEEDS.S2,
    params: ['messages.pricePerSegment'],
    examples: {
      failing: {
        title: 'an account with a zero balance',
        config: yaml(
          'account: { id: acme, name: Acme Realty, kind: standard, country: US, balance: 0 }',
          BRAND_AND_CAMPAIGN,
          NUMBER,
        ),
        steps: `${SEND('+12065550123')}
- advance: 1m
- expect: { message: last, status: failed }`,
      },
      passing: {
        title: 'an account with a balance',
        config: yaml(
          'account: { id: acme, name: Acme Realty, kind: standard, country: US, balance: 25 }',
          BRAND_AND_CAMPAIGN,
          NUMBER,
        ),
        steps: `${SEND('+12065550123')}
- advance: 1m
- expect: { message: last, status: delivered }`,
      },
    },
  },
  (config, { profile }, report) => {
    const balance = config.account.balance;
    if (balance !== undefined && balance < profile.messages.pricePerSegment)
      report(
        pointer('account', 'balance'),
        `account '${config.account.id}' has a balance of ${String(balance)}, too little to send one segment`,
        'top up the balance before go-live',
      );
  },
);

const quietHours = defineRule({
  id: 'quiet-hours',
  family: 'messages',
  severity: 'info',
  where: 'S',
  description:
    'Optional policy (off by default): marketing messages outside 8:00–21:00 recipient-local time are held or refused.',
  why: "Many states restrict marketing texts at night. A behaviour (info), enabled by `messages.quietHours.enabled` in the profile: a marketing text is held until the hours start in the recipient's time zone, read from their area code (every zone of the few that span two), and then takes its slot at the tier's rate; other traffic is not held. scenarios/journeys/quiet-hours.yaml shows it.",
  fix: "Schedule marketing sends (`sendAt`) within the recipient's daytime.",
  source: 'public: state telemarketing quiet-hour laws (e.g. Florida, Oklahoma)',
  params: ['messages.quietHours'],
  examples: {
    failing: {
      title: 'with the policy off, a 3 a.m. marketing text goes out',
      config: yaml(BRAND_AND_CAMPAIGN, NUMBER),
      steps: `- send: { from: "+12065550100", to: "+12065550123", body: "Acme Realty: open house Sat. Reply STOP to opt out", sendAt: "2026-11-02T11:00:00Z" }
- advance: 2d
- expect: { message: last, status: delivered }`,
    },
    passing: {
      title: 'a marketing text scheduled for the afternoon',
      config: yaml(BRAND_AND_CAMPAIGN, NUMBER),
      steps: `- send: { from: "+12065550100", to: "+12065550123", body: "Acme Realty: open house Sat. Reply STOP to opt out", sendAt: "2026-11-02T22:00:00Z" }
- advance: 2d
- expect: { message: last, status: delivered }`,
    },
  },
});

/** Rules of messages and contacts. */
export const messagesRules: readonly RuleDefinition[] = [
  optOutKeywords,
  optOutHonored,
  helpMessageContent,
  recipientUs10Digit,
  balanceRequired,
  quietHours,
];
