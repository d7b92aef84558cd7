import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { catalog } from '../../engine/catalog.js';
import { loadProfile } from '../../simulator/files/profile-file.js';
import { lintText } from '../../validator/lint.js';
import { PullError } from '../../validator/pull/http.js';
import { pullAccount } from '../../validator/pull/pull-account.js';
import { followTwilio } from '../../validator/pull/twilio.js';
import {
  GOOD_SAMPLES,
  NO_OPT_OUT_SAMPLES,
  SID,
  startFake,
  TELNYX_KEY,
  telnyxRoute,
  TOKEN,
  twilioRoute,
  type FakeProvider,
} from './fake-providers.js';

const AT = new Date('2026-11-27T04:00:00Z');
const NUMBERS = ['+12065550100', '+12065550101', '+12065550102'];

let fake: FakeProvider | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

function lint(text: string): Array<[string, string]> {
  const profile = loadProfile('seed');
  if (!profile.ok) throw new Error(profile.error);
  return lintText(text, 'pulled.yaml', {
    rules: catalog,
    profile: profile.profile,
    now: AT.getTime(),
  }).diagnostics.map((d) => [d.ruleId, d.path]);
}

describe('tendlc pull twilio: a Twilio account as an account config', () => {
  it('reads every page and maps brands, campaigns and numbers with their campaign', async () => {
    fake = await startFake(
      twilioRoute(
        [
          { samples: GOOD_SAMPLES, status: 'VERIFIED', numbers: ['+12065550100'] },
          { samples: GOOD_SAMPLES, status: 'IN_PROGRESS', numbers: ['+12065550101'] },
        ],
        NUMBERS,
      ),
    );
    const pulled = await pullAccount(
      { provider: 'twilio', accountSid: SID, authToken: TOKEN },
      { baseUrl: `${fake.url}/`, at: AT },
    );
    const { config } = pulled;
    expect(config.account).toEqual({ id: SID, name: 'Acme Realty', kind: 'standard', country: 'US' });
    expect(config.users).toEqual([{ id: 'owner', role: 'owner' }]);
    expect(config.brands).toEqual([
      {
        id: `BN${'1'.padStart(32, '0')}`,
        name: 'Acme Realty LLC',
        entityType: 'PRIVATE_PROFIT',
        status: 'verified',
        ein: '12-3456789',
        country: 'US',
        email: 'compliance@acme.example',
        vertical: 'REAL_ESTATE',
        trustScore: 72,
      },
    ]);
    expect(
      config.campaigns?.map((c) => [
        c.id.slice(0, 2),
        c.status,
        c.useCase,
        c.sampleMessages,
        c.optOutKeywords,
      ]),
    ).toEqual([
      ['QE', 'approved', 'MARKETING', GOOD_SAMPLES, ['STOP']],
      ['QE', 'pending', 'MARKETING', GOOD_SAMPLES, ['STOP']],
    ]);
    expect(config.campaigns?.[0]?.submittedAt).toBe('2026-11-02T10:00:00.000Z');
    // A number in a service whose campaign is approved carries that campaign; one still in review does not yet.
    expect(config.numbers).toEqual([
      {
        e164: '+12065550100',
        kind: 'campaign',
        lifetime: 'dedicated',
        status: 'active',
        origin: 'twilio',
        campaign: config.campaigns?.[0]?.id,
      },
      {
        e164: '+12065550101',
        kind: 'campaign',
        lifetime: 'dedicated',
        status: 'provisioning',
        origin: 'twilio',
      },
      { e164: '+12065550102', kind: 'campaign', lifetime: 'dedicated', status: 'active', origin: 'twilio' },
    ]);
    const paths = fake.requests.map((r) => r.path.split('?')[0]);
    expect(paths.filter((p) => p === '/messaging/v1/Services')).toHaveLength(2);
    expect(
      paths.filter((p) => p === `/api/2010-04-01/Accounts/${SID}/IncomingPhoneNumbers.json`),
    ).toHaveLength(2);
    expect(new Set(fake.requests.map((r) => r.authorization))).toEqual(
      new Set([`Basic ${Buffer.from(`${SID}:${TOKEN}`).toString('base64')}`]),
    );
  });

  it('writes a header saying where, when and which values are defaults, above YAML that reads back', async () => {
    fake = await startFake(
      twilioRoute([{ samples: GOOD_SAMPLES, status: 'VERIFIED', numbers: ['+12065550100'] }], NUMBERS),
    );
    const { text, config } = await pullAccount(
      { provider: 'twilio', accountSid: SID, authToken: TOKEN },
      { baseUrl: fake.url, at: AT },
    );
    const header = text.split('\n').filter((l) => l.startsWith('#'));
    expect(header.slice(0, 2)).toEqual([
      `# Pulled from Twilio account ${SID} at ${fake.url}`,
      '# on 2026-11-27T04:00:00.000Z by `tendlc pull twilio`.',
    ]);
    expect(header).toContain('#   - account.kind: standard');
    expect(header).toContain('#   - users: one owner (id owner)');
    expect(header).toContain('#   - numbers[].kind: campaign');
    expect(header).toContain('#   - numbers[].lifetime: dedicated');
    expect(parse(text)).toEqual(config);
    // A carrier rule still binds a pulled number: the one Twilio is still buying is in a scarce area code.
    expect(lint(text)).toEqual([['scarce-area-code', '/numbers/1/e164']]);
  });

  it('states a default for what TrustHub does not give', async () => {
    const route = twilioRoute([{ samples: GOOD_SAMPLES, status: 'VERIFIED', numbers: [] }], []);
    fake = await startFake((path, query) =>
      path.startsWith('/trusthub/') || path.endsWith(`${SID}.json`) ? undefined : route(path, query),
    );
    const { config, defaults } = await pullAccount(
      { provider: 'twilio', accountSid: SID, authToken: TOKEN },
      { baseUrl: fake.url, at: AT },
    );
    const brand = `BN${'1'.padStart(32, '0')}`;
    expect(config.brands?.[0]).toMatchObject({
      id: brand,
      name: brand,
      entityType: 'PRIVATE_PROFIT',
      status: 'verified',
    });
    expect(config.account.name).toBe(SID);
    expect(defaults).toEqual(
      expect.arrayContaining([
        `brands[${brand}].name: the brand SID (no business name in TrustHub)`,
        `brands[${brand}].entityType: PRIVATE_PROFIT (no company type in TrustHub)`,
        'account.name: the account SID (Twilio gave no friendly name)',
      ]),
    );
  });

  it('states sub use cases for a MIXED campaign, which Twilio does not take', async () => {
    fake = await startFake(
      twilioRoute(
        [{ samples: GOOD_SAMPLES, status: 'VERIFIED', numbers: ['+12065550100'], useCase: 'MIXED' }],
        ['+12065550100'],
      ),
    );
    const { config, defaults, text } = await pullAccount(
      { provider: 'twilio', accountSid: SID, authToken: TOKEN },
      { baseUrl: fake.url, at: AT },
    );
    const campaign = config.campaigns![0]!;
    expect([campaign.useCase, campaign.subUseCases]).toEqual([
      'MIXED',
      ['CUSTOMER_CARE', 'ACCOUNT_NOTIFICATION'],
    ]);
    expect(defaults).toContain(
      `campaigns[${campaign.id}].subUseCases: CUSTOMER_CARE, ACCOUNT_NOTIFICATION (Twilio's API has no sub use cases)`,
    );
    expect(lint(text)).toEqual([]);
  });

  it('lets lint speak about what is registered: samples without opt-out, an approved campaign without numbers', async () => {
    fake = await startFake(
      twilioRoute(
        [
          { samples: NO_OPT_OUT_SAMPLES, status: 'VERIFIED', numbers: ['+12065550100'] },
          { samples: GOOD_SAMPLES, status: 'VERIFIED', numbers: [] },
        ],
        ['+12065550100'],
      ),
    );
    const { text } = await pullAccount(
      { provider: 'twilio', accountSid: SID, authToken: TOKEN },
      { baseUrl: fake.url, at: AT },
    );
    expect(lint(text)).toEqual([
      ['campaign-samples-opt-out', '/campaigns/0/sampleMessages'],
      ['campaign-without-numbers', '/campaigns/1'],
    ]);
  });

  it('follows next-page links on Twilio hosts to the base URL, and any other link as given', () => {
    expect(
      followTwilio(
        'http://127.0.0.1:9/twilio',
        'https://messaging.twilio.com/v1/Services?Page=1',
        'messaging',
      ),
    ).toBe('http://127.0.0.1:9/twilio/messaging/v1/Services?Page=1');
    expect(
      followTwilio(
        'http://127.0.0.1:9/twilio',
        '/2010-04-01/Accounts/AC1/IncomingPhoneNumbers.json?Page=1',
        'api',
      ),
    ).toBe('http://127.0.0.1:9/twilio/api/2010-04-01/Accounts/AC1/IncomingPhoneNumbers.json?Page=1');
    expect(followTwilio(undefined, '/2010-04-01/x.json', 'api')).toBe(
      'https://api.twilio.com/2010-04-01/x.json',
    );
    expect(followTwilio('http://h/twilio', 'http://h/twilio/messaging/v1/Services?Page=1', 'messaging')).toBe(
      'http://h/twilio/messaging/v1/Services?Page=1',
    );
  });

  it('stops on a page that links to itself', async () => {
    fake = await startFake((path) =>
      path === '/messaging/v1/a2p/BrandRegistrations'
        ? {
            body: {
              data: [{ sid: 'BN1' }],
              meta: { next_page_url: 'https://messaging.twilio.com/v1/a2p/BrandRegistrations?PageSize=50' },
            },
          }
        : { body: {} },
    );
    const error = await pullAccount(
      { provider: 'twilio', accountSid: SID, authToken: TOKEN },
      { baseUrl: fake.url },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PullError);
    expect((error as PullError).code).toBe('bad-response');
  });
});

describe('tendlc pull telnyx: a Telnyx account as an account config', () => {
  it('reads records pages and data pages and maps assignments onto numbers', async () => {
    fake = await startFake(
      telnyxRoute(
        [
          { samples: NO_OPT_OUT_SAMPLES, status: 'MNO_PROVISIONED', numbers: ['+12065550100'] },
          { samples: GOOD_SAMPLES, status: 'TCR_ACCEPTED', numbers: [] },
          { samples: GOOD_SAMPLES, status: 'TCR_PENDING', numbers: [] },
        ],
        NUMBERS,
      ),
      { errors: [{ code: '10005', title: 'Resource not found' }] },
    );
    const { config, text } = await pullAccount(
      { provider: 'telnyx', apiKey: TELNYX_KEY },
      { baseUrl: `${fake.url}/v2`, at: AT },
    );
    expect(config.account).toEqual({ id: 'telnyx', name: 'Telnyx account', kind: 'standard', country: 'US' });
    expect(config.brands).toEqual([
      {
        id: '4b20019b-043a-78f8-0657-b3be3f4b4002',
        name: 'Acme Realty LLC',
        entityType: 'PRIVATE_PROFIT',
        status: 'verified',
        ein: '12-3456789',
        country: 'US',
        email: 'compliance@acme.example',
        vertical: 'REAL_ESTATE',
      },
    ]);
    expect(config.campaigns?.map((c) => [c.status, c.optOutKeywords, c.sampleMessages?.length])).toEqual([
      ['approved', ['STOP', 'END'], 2],
      ['approved', ['STOP', 'END'], 2],
      ['pending', ['STOP', 'END'], 2],
    ]);
    expect(config.numbers?.map((n) => [n.e164, n.origin, n.campaign])).toEqual([
      ['+12065550100', 'telnyx', config.campaigns?.[0]?.id],
      ['+12065550101', 'telnyx', undefined],
      ['+12065550102', 'telnyx', undefined],
    ]);
    const paths = fake.requests.map((r) => r.path);
    expect(paths.filter((p) => p.startsWith('/v2/10dlc/campaign?'))).toHaveLength(3);
    expect(paths.filter((p) => p.startsWith('/v2/phone_numbers?'))).toHaveLength(2);
    expect(new Set(fake.requests.map((r) => r.authorization))).toEqual(new Set([`Bearer ${TELNYX_KEY}`]));
    expect(text.split('\n')[0]).toBe(`# Pulled from Telnyx at ${fake.url}/v2`);
    expect(lint(text)).toEqual([
      ['campaign-samples-opt-out', '/campaigns/0/sampleMessages'],
      ['campaign-without-numbers', '/campaigns/1'],
    ]);
  });

  it("fails with Telnyx's own error, naming the URL", async () => {
    fake = await startFake(() => ({
      status: 401,
      body: { errors: [{ code: '10009', title: 'Authentication failed', detail: 'The API key is invalid' }] },
    }));
    const error = (await pullAccount(
      { provider: 'telnyx', apiKey: 'bad' },
      { baseUrl: `${fake.url}/v2` },
    ).catch((e: unknown) => e)) as PullError;
    expect(error).toBeInstanceOf(PullError);
    expect(error.message).toBe(
      `Telnyx answered GET ${fake.url}/v2/10dlc/brand?page=1&recordsPerPage=50 with HTTP 401 (Telnyx error 10009): The API key is invalid; check the credentials (TELNYX_API_KEY)`,
    );
  });
});
