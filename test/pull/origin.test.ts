import { describe, expect, it } from 'vitest';
import { ruleById, catalog } from '../../engine/catalog.js';
import type { AccountConfig } from '../../engine/account-config.js';
import { withoutOriginNumbers } from '../../engine/rules/define.js';
import { loadProfile } from '../../simulator/files/profile-file.js';
import { lintText } from '../../validator/lint.js';
import { startTestServer } from '../helpers/simulator.js';

const profile = (() => {
  const p = loadProfile('seed');
  if (!p.ok) throw new Error(p.error);
  return p.profile;
})();

const HEAD = `version: 1
account: { id: pulled, name: Pulled, kind: standard, country: US }
users: [{ id: owner, role: owner }]
brands:
  - id: b1
    name: Acme Realty LLC
    entityType: PRIVATE_PROFIT
    ein: "12-3456789"
    country: US
    email: compliance@acme.example
    vertical: REAL_ESTATE
    status: verified
    trustScore: 72
campaigns:
  - id: c1
    brand: b1
    useCase: MARKETING
    status: pending
    description: Listings and open-house announcements to opted-in buyers
    messageFlow: Buyers opt in on the sign-in form at acme.example/open-house
    sampleMessages:
      - "Acme Realty: open house Sat 1-3pm at 12 Elm St. Reply STOP to opt out"
      - "Acme Realty: new listing in Ballard. Reply STOP to opt out, HELP for help"
    optOutKeywords: [STOP]
    optOutMessage: "Acme Realty: you are unsubscribed. No more messages will be sent."
    helpKeywords: [HELP]
    helpMessage: "Acme Realty: help at 206-555-0100. Reply STOP to opt out."
numbers:
`;

function number(i: number, origin?: string, extra = ''): string {
  return `  - { e164: "+1206555${String(100 + i).padStart(4, '0')}", kind: campaign, lifetime: dedicated, status: active${origin ? `, origin: ${origin}` : ''}${extra} }\n`;
}

function lint(text: string): Array<[string, string]> {
  return lintText(text, 'pulled.yaml', {
    rules: catalog,
    profile,
    now: Date.parse('2026-11-27'),
  }).diagnostics.map((d) => [d.ruleId, d.path]);
}

describe('numbers with an origin: pulled from a provider, bound by carrier rules only', () => {
  it('is a field of a config number, twilio or telnyx', () => {
    expect(lint(HEAD + number(0, 'twilio') + number(1, 'telnyx'))).toEqual([]);
    expect(lint(HEAD + number(0, 'plivo'))).toEqual([['schema', '/numbers/0/origin']]);
  });

  it('leaves platform rules out for them, and keeps paths to the numbers as written', () => {
    expect(ruleById('dedicated-number-limit')?.scope).toBe('platform');
    const limit = profile.numbers.dedicatedLimit;
    const many = (origin?: string, from = 0) =>
      Array.from({ length: limit + 1 }, (_, i) => number(from + i, origin)).join('');
    expect(lint(HEAD + many('twilio'))).toEqual([]);
    expect(lint(HEAD + many())).toEqual([['dedicated-number-limit', `/numbers/${String(limit)}`]]);
    // Pulled numbers first: the platform's finding is about the native number past the limit, at its own index.
    expect(lint(HEAD + number(50, 'telnyx') + number(51, 'telnyx') + many(undefined))).toEqual([
      ['dedicated-number-limit', `/numbers/${String(limit + 2)}`],
    ]);
  });

  it('maps a path in the view back to the number as written, deeper paths and other sections alike', () => {
    const n = (e164: string, origin?: 'twilio') => ({
      e164,
      kind: 'campaign' as const,
      status: 'active' as const,
      ...(origin ? { origin } : {}),
    });
    const config: AccountConfig = {
      version: 1,
      account: { id: 'a', name: 'A', kind: 'standard', country: 'US' },
      numbers: [
        n('+12065550100', 'twilio'),
        n('+12065550101'),
        n('+12065550102', 'twilio'),
        n('+12065550103'),
      ],
    };
    const { view, pathOf } = withoutOriginNumbers(config);
    expect(view.numbers?.map((x) => x.e164)).toEqual(['+12065550101', '+12065550103']);
    expect(pathOf('/numbers/0')).toBe('/numbers/1');
    expect(pathOf('/numbers/1/campaign')).toBe('/numbers/3/campaign');
    expect(pathOf('/outreach/1/numbers/0')).toBe('/outreach/1/numbers/0');
    expect(withoutOriginNumbers(config)).toBe(withoutOriginNumbers(config));
    const plain = { ...config, numbers: [n('+12065550101')] };
    expect(withoutOriginNumbers(plain).view).toBe(plain);
  });

  it('still holds them to the carriers: a number on a pending campaign', () => {
    expect(ruleById('assignment-needs-approved-campaign')?.scope).toBe('carrier');
    expect(lint(HEAD + number(0, 'twilio', ', campaign: c1'))).toEqual([
      ['assignment-needs-approved-campaign', '/numbers/0/campaign'],
    ]);
  });

  it('is kept when the simulator loads the config', async () => {
    const config = {
      version: 1 as const,
      account: { id: 'pulled', name: 'Pulled', kind: 'standard' as const, country: 'US' },
      users: [{ id: 'owner', role: 'owner' as const }],
      numbers: [
        {
          e164: '+12065550100',
          kind: 'campaign' as const,
          lifetime: 'dedicated' as const,
          status: 'active' as const,
          origin: 'twilio' as const,
        },
      ],
    };
    const test = await startTestServer({ configs: [config] });
    try {
      const key = test.server.service.keysOf('pulled').find((k) => k.user === 'owner')?.key ?? '';
      const res = await fetch(`${test.url}/v1/numbers/${encodeURIComponent('+12065550100')}`, {
        headers: { authorization: `Bearer ${key}` },
      });
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ e164: '+12065550100', origin: 'twilio', status: 'active' });
    } finally {
      await test.stop();
    }
  });
});
