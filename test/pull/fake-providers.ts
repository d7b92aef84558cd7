import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A local HTTP server on 127.0.0.1 that answers as a provider would, and the requests it saw. */
export interface FakeProvider {
  url: string;
  requests: Array<{ path: string; authorization?: string }>;
  close(): Promise<void>;
}

/** Answers one request: a status, a JSON body and headers; `undefined` is Twilio/Telnyx's 404. */
export type FakeRoute = (
  path: string,
  query: URLSearchParams,
) => { status?: number; body: unknown; headers?: Record<string, string> } | undefined;

/** Starts a fake provider on a free loopback port. */
export async function startFake(
  route: FakeRoute,
  notFound: unknown = { code: 20404, message: 'not found' },
): Promise<FakeProvider> {
  const requests: FakeProvider['requests'] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const u = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push({
      path: `${u.pathname}${u.search}`,
      ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
    });
    const answer = route(u.pathname, u.searchParams) ?? { status: 404, body: notFound };
    res.writeHead(answer.status ?? 200, { 'content-type': 'application/json', ...answer.headers });
    res.end(typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${String(port)}`,
    requests,
    close: () =>
      new Promise((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}

export const SID = 'AC0123456789abcdef0123456789abcdef';
export const TOKEN = 'twilio-token';
export const TELNYX_KEY = 'KEYtelnyx';

const hex = (n: number): string => n.toString(16).padStart(32, '0');

/** One Twilio campaign of the fake account. */
export interface FakeTwilioCampaign {
  samples: string[];
  status: string;
  numbers: string[];
  useCase?: string;
}

/**
 * A Twilio account as Twilio's API gives it under `/api`, `/messaging` and `/trusthub`: one brand
 * with its TrustHub profile, a Messaging Service per campaign, numbers over two pages. Next-page
 * links point at Twilio's real hosts, as Twilio writes them.
 */
export function twilioRoute(campaigns: FakeTwilioCampaign[], numbers: string[]): FakeRoute {
  const brand = {
    sid: `BN${hex(1)}`,
    account_sid: SID,
    customer_profile_bundle_sid: `BU${hex(1)}`,
    a2p_profile_bundle_sid: `BU${hex(2)}`,
    brand_type: 'STANDARD',
    status: 'APPROVED',
    identity_status: 'VERIFIED',
    brand_score: 72,
    date_created: '2026-11-01T10:00:00Z',
  };
  const services = campaigns.map((c, i) => ({
    sid: `MG${hex(i + 1)}`,
    friendly_name: `service ${String(i + 1)}`,
    campaign: {
      sid: `QE${hex(i + 1)}`,
      brand_registration_sid: brand.sid,
      messaging_service_sid: `MG${hex(i + 1)}`,
      description: 'Listings and open-house announcements to opted-in buyers',
      message_flow: 'Buyers opt in on the open-house sign-in form at acme.example/open-house',
      message_samples: c.samples,
      us_app_to_person_usecase: c.useCase ?? 'MARKETING',
      has_embedded_links: false,
      has_embedded_phone: false,
      age_gated: false,
      direct_lending: false,
      campaign_status: c.status,
      opt_out_keywords: ['STOP'],
      opt_out_message: 'Acme Realty: you are unsubscribed. No more messages will be sent.',
      help_keywords: ['HELP'],
      help_message: 'Acme Realty: help at 206-555-0100. Msg&data rates may apply. Reply STOP to opt out.',
      date_created: '2026-11-02T10:00:00Z',
    },
    numbers: c.numbers,
  }));
  const v1 = (key: string, items: unknown[]) => ({
    body: { [key]: items, meta: { page: 0, page_size: 50, key, next_page_url: null } },
  });
  return (path, query) => {
    if (path === `/api/2010-04-01/Accounts/${SID}.json`)
      return { body: { sid: SID, friendly_name: 'Acme Realty' } };
    if (path === '/messaging/v1/a2p/BrandRegistrations') return v1('data', [brand]);
    if (path === `/trusthub/v1/CustomerProfiles/${brand.customer_profile_bundle_sid}`)
      return { body: { sid: brand.customer_profile_bundle_sid, email: 'compliance@acme.example' } };
    if (path === `/trusthub/v1/CustomerProfiles/${brand.customer_profile_bundle_sid}/EntityAssignments`)
      return v1('results', [
        { sid: `BV${hex(1)}`, object_sid: `IT${hex(1)}` },
        { sid: `BV${hex(3)}`, object_sid: `IT${hex(3)}` },
      ]);
    if (path === `/trusthub/v1/EndUsers/IT${hex(3)}`)
      return {
        body: {
          sid: `IT${hex(3)}`,
          type: 'authorized_representative_1',
          attributes: { first_name: 'Ana', last_name: 'Ruiz', email: 'ana@acme.example' },
        },
      };
    if (path === `/trusthub/v1/TrustProducts/${brand.a2p_profile_bundle_sid}/EntityAssignments`)
      return v1('results', [{ sid: `BV${hex(2)}`, object_sid: `IT${hex(2)}` }]);
    if (path === `/trusthub/v1/EndUsers/IT${hex(1)}`)
      return {
        body: {
          sid: `IT${hex(1)}`,
          type: 'customer_profile_business_information',
          attributes: {
            business_name: 'Acme Realty LLC',
            business_registration_number: '12-3456789',
            business_industry: 'REAL_ESTATE',
          },
        },
      };
    if (path === `/trusthub/v1/EndUsers/IT${hex(2)}`)
      return {
        body: {
          sid: `IT${hex(2)}`,
          type: 'us_a2p_messaging_profile_information',
          attributes: { company_type: 'private' },
        },
      };
    if (path === '/messaging/v1/Services') {
      // Two pages, the second reached through Twilio's own absolute link.
      const page = Number(query.get('Page') ?? 0);
      const items = services
        .filter((_, i) => i % 2 === page)
        .map((s) => ({ sid: s.sid, friendly_name: s.friendly_name }));
      const next =
        page === 0 && services.length > 1
          ? 'https://messaging.twilio.com/v1/Services?PageSize=50&Page=1&PageToken=PT1'
          : null;
      return {
        body: { services: items, meta: { page, page_size: 50, key: 'services', next_page_url: next } },
      };
    }
    for (const s of services) {
      if (path === `/messaging/v1/Services/${s.sid}/Compliance/Usa2p`) return v1('compliance', [s.campaign]);
      if (path === `/messaging/v1/Services/${s.sid}/PhoneNumbers`)
        return v1(
          'phone_numbers',
          s.numbers.map((e164, i) => ({ sid: `PN${hex(100 + i)}`, phone_number: e164, service_sid: s.sid })),
        );
    }
    if (path === `/api/2010-04-01/Accounts/${SID}/IncomingPhoneNumbers.json`) {
      const page = Number(query.get('Page') ?? 0);
      const half = Math.ceil(numbers.length / 2);
      const items = (page === 0 ? numbers.slice(0, half) : numbers.slice(half)).map((e164, i) => ({
        sid: `PN${hex(200 + page * half + i)}`,
        phone_number: e164,
        friendly_name: i === 0 ? `(${e164.slice(2, 5)}) ${e164.slice(5, 8)}-${e164.slice(8)}` : e164,
        status: page === 0 && i === 1 ? 'pending' : 'in-use',
      }));
      const next =
        page === 0 && numbers.length > half
          ? `/2010-04-01/Accounts/${SID}/IncomingPhoneNumbers.json?PageSize=50&Page=1&PageToken=PA1`
          : null;
      return { body: { incoming_phone_numbers: items, page, page_size: 50, next_page_uri: next } };
    }
    return undefined;
  };
}

/** One Telnyx campaign of the fake account. */
export interface FakeTelnyxCampaign {
  samples: string[];
  status: string;
  numbers: string[];
}

/**
 * A Telnyx account as Telnyx's API gives it under `/v2`: 10DLC lists in `{records, page,
 * totalRecords}` pages of one record, phone numbers in `{data, meta}` pages of two.
 */
export function telnyxRoute(campaigns: FakeTelnyxCampaign[], numbers: string[]): FakeRoute {
  const brandId = '4b20019b-043a-78f8-0657-b3be3f4b4002';
  const brand = {
    brandId,
    tcrBrandId: 'BBRAND1',
    entityType: 'PRIVATE_PROFIT',
    displayName: 'Acme Realty',
    companyName: 'Acme Realty LLC',
    ein: '12-3456789',
    country: 'US',
    email: 'compliance@acme.example',
    vertical: 'REAL_ESTATE',
    status: 'OK',
    identityStatus: 'VERIFIED',
  };
  const records = campaigns.map((c, i) => ({
    campaignId: `4b30019b-043a-78f8-0657-b3be3f4b400${String(i)}`,
    brandId,
    tcrCampaignId: `CCAMP0${String(i)}`,
    usecase: 'MARKETING',
    description: 'Listings and open-house announcements to opted-in buyers',
    messageFlow: 'Buyers opt in on the open-house sign-in form at acme.example/open-house',
    ...Object.fromEntries(c.samples.map((s, j) => [`sample${String(j + 1)}`, s])),
    optoutKeywords: 'STOP,END',
    optoutMessage: 'Acme Realty: you are unsubscribed. No more messages will be sent.',
    helpKeywords: 'HELP',
    helpMessage: 'Acme Realty: help at 206-555-0100. Msg&data rates may apply. Reply STOP to opt out.',
    embeddedLink: false,
    embeddedPhone: false,
    ageGated: false,
    directLending: false,
    campaignStatus: c.status,
    createDate: '2026-11-02T10:00:00Z',
  }));
  const assignments = campaigns.flatMap((c, i) =>
    c.numbers.map((phoneNumber) => ({
      phoneNumber,
      campaignId: records[i]!.campaignId,
      assignmentStatus: 'ASSIGNED',
    })),
  );
  const perPage = <T>(items: T[], query: URLSearchParams) => {
    const page = Number(query.get('page') ?? 1);
    return { body: { records: items.slice(page - 1, page), page, totalRecords: items.length } };
  };
  return (path, query) => {
    if (path === '/v2/10dlc/brand') return perPage([{ brandId, companyName: brand.companyName }], query);
    if (path === `/v2/10dlc/brand/${brandId}`) return { body: brand };
    if (path === '/v2/10dlc/campaign' && query.get('brandId') === brandId) return perPage(records, query);
    if (path === '/v2/10dlc/phone_number_campaigns') return perPage(assignments, query);
    if (path === '/v2/phone_numbers') {
      const page = Number(query.get('page[number]') ?? 1);
      const total = Math.max(1, Math.ceil(numbers.length / 2));
      const data = numbers.slice((page - 1) * 2, page * 2).map((e164, i) => ({
        id: `${String(page)}${String(i)}`.padStart(10, '1'),
        record_type: 'phone_number',
        phone_number: e164,
        status: 'active',
      }));
      return {
        body: {
          data,
          meta: { page_number: page, page_size: 2, total_pages: total, total_results: numbers.length },
        },
      };
    }
    return undefined;
  };
}

/** Samples that name the brand and say how to stop. */
export const GOOD_SAMPLES = [
  'Acme Realty: open house Sat 1-3pm at 12 Elm St. Reply STOP to opt out',
  'Acme Realty: new listing in Ballard. Reply STOP to opt out, HELP for help',
];

/** Samples that name the brand and never say how to stop. */
export const NO_OPT_OUT_SAMPLES = [
  'Acme Realty: open house Sat 1-3pm at 12 Elm St. See you there',
  'Acme Realty: new listing in Ballard this week, come by',
];
