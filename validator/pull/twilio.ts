import { jsonGetter, PullError, type GetJson, type HttpOptions } from './http.js';
import { listAt, readAll } from './paging.js';

/** Twilio's hosts that a pull reads (api.twilio.com, messaging.twilio.com, trusthub.twilio.com). */
export type TwilioHost = 'api' | 'messaging' | 'trusthub';

/** A brand registration (messaging v1 `a2p/BrandRegistrations`), the fields a pull reads. */
export interface TwilioBrand {
  sid: string;
  customer_profile_bundle_sid?: string | null;
  a2p_profile_bundle_sid?: string | null;
  brand_type?: string | null;
  status?: string | null;
  identity_status?: string | null;
  brand_score?: number | null;
  date_created?: string | null;
}

/** A campaign (messaging v1 `Services/{sid}/Compliance/Usa2p`). */
export interface TwilioCampaign {
  sid: string;
  brand_registration_sid?: string | null;
  messaging_service_sid?: string | null;
  description?: string | null;
  message_flow?: string | null;
  message_samples?: string[] | null;
  us_app_to_person_usecase?: string | null;
  has_embedded_links?: boolean | null;
  has_embedded_phone?: boolean | null;
  age_gated?: boolean | null;
  direct_lending?: boolean | null;
  campaign_status?: string | null;
  opt_out_message?: string | null;
  help_message?: string | null;
  opt_out_keywords?: string[] | null;
  help_keywords?: string[] | null;
  date_created?: string | null;
}

/** A Messaging Service with its campaigns and the numbers in it. */
export interface TwilioService {
  sid: string;
  friendly_name?: string | null;
  campaigns: TwilioCampaign[];
  phoneNumbers: Array<{ sid: string; phone_number: string }>;
}

/** An incoming phone number (api 2010 `IncomingPhoneNumbers`). */
export interface TwilioNumber {
  sid: string;
  phone_number: string;
  friendly_name?: string | null;
  status?: string | null;
}

/** What a pull read from a Twilio account, in Twilio's shapes. */
export interface TwilioAccount {
  accountSid: string;
  friendlyName?: string;
  brands: TwilioBrand[];
  /** The TrustHub attributes behind each brand (its customer profile and A2P profile), by brand SID. */
  profiles: Record<string, Record<string, unknown>>;
  services: TwilioService[];
  numbers: TwilioNumber[];
}

export interface TwilioPullOptions {
  accountSid: string;
  authToken: string;
  /** Where Twilio's hosts are: `URL/api/…`, `URL/messaging/…`; default: the real hosts. */
  baseUrl?: string;
  http?: Omit<HttpOptions, 'provider' | 'authorization'>;
  progress?: (what: string) => void;
  /** Items per page asked for (default 50, Twilio's own default). */
  pageSize?: number;
}

/** The URL of a path on one of Twilio's hosts, under `baseUrl` when one is given. */
export function twilioUrl(baseUrl: string | undefined, host: TwilioHost, path: string): string {
  return baseUrl === undefined
    ? `https://${host}.twilio.com${path}`
    : `${baseUrl.replace(/\/+$/u, '')}/${host}${path}`;
}

/** Reads a Twilio account's brands, campaigns, Messaging Services and numbers through Twilio's API. */
export async function readTwilioAccount(options: TwilioPullOptions): Promise<TwilioAccount> {
  const { accountSid, baseUrl } = options;
  const get = jsonGetter({
    ...options.http,
    provider: 'twilio',
    authorization: `Basic ${Buffer.from(`${accountSid}:${options.authToken}`).toString('base64')}`,
  });
  const progress = options.progress ?? (() => undefined);
  const url = (host: TwilioHost, path: string): string => twilioUrl(baseUrl, host, path);
  const account = encodeURIComponent(accountSid);
  const size = String(options.pageSize ?? 50);
  const about = await optional(get, url('api', `/2010-04-01/Accounts/${account}.json`));
  progress('brands');
  const brands = await readAll(
    get,
    url('messaging', `/v1/a2p/BrandRegistrations?PageSize=${size}`),
    v1Page<TwilioBrand>('data', baseUrl),
  );
  const profiles: TwilioAccount['profiles'] = {};
  for (const brand of brands) profiles[brand.sid] = await profileOf(get, baseUrl, brand, size);
  progress('messaging services');
  const listed = await readAll(
    get,
    url('messaging', `/v1/Services?PageSize=${size}`),
    v1Page<{ sid: string; friendly_name?: string }>('services', baseUrl),
  );
  const services: TwilioService[] = [];
  for (const [i, s] of listed.entries()) {
    progress(`messaging service ${String(i + 1)}/${String(listed.length)}`);
    const sid = encodeURIComponent(s.sid);
    services.push({
      sid: s.sid,
      ...(s.friendly_name ? { friendly_name: s.friendly_name } : {}),
      campaigns: await readAll(
        get,
        url('messaging', `/v1/Services/${sid}/Compliance/Usa2p?PageSize=${size}`),
        v1Page<TwilioCampaign>('compliance', baseUrl),
      ),
      phoneNumbers: await readAll(
        get,
        url('messaging', `/v1/Services/${sid}/PhoneNumbers?PageSize=${size}`),
        v1Page<{ sid: string; phone_number: string }>('phone_numbers', baseUrl),
      ),
    });
  }
  progress('phone numbers');
  const numbers = await readAll(
    get,
    url('api', `/2010-04-01/Accounts/${account}/IncomingPhoneNumbers.json?PageSize=${size}`),
    (body, at) => {
      const next = body.next_page_uri;
      return {
        items: listAt<TwilioNumber>(body, 'incoming_phone_numbers', at),
        ...(typeof next === 'string' && next !== '' ? { next: followTwilio(baseUrl, next, 'api') } : {}),
      };
    },
  );
  const friendlyName = (about as { friendly_name?: unknown } | undefined)?.friendly_name;
  return {
    accountSid,
    ...(typeof friendlyName === 'string' && friendlyName !== '' ? { friendlyName } : {}),
    brands,
    profiles,
    services,
    numbers,
  };
}

/** A messaging v1 page: items at `key`, the next page at `meta.next_page_url`. */
function v1Page<T>(key: string, baseUrl: string | undefined) {
  return (body: Record<string, unknown>, at: string): { items: T[]; next?: string } => {
    const next = (body.meta as { next_page_url?: unknown } | undefined)?.next_page_url;
    return {
      items: listAt<T>(body, key, at),
      ...(typeof next === 'string' && next !== '' ? { next: followTwilio(baseUrl, next, 'messaging') } : {}),
    };
  };
}

/**
 * A next-page link as Twilio gives it (an absolute URL on one of its hosts, or a path on `host`),
 * pointed at `baseUrl` when one is given; any other absolute URL is followed as it is.
 */
export function followTwilio(baseUrl: string | undefined, link: string, host: TwilioHost): string {
  if (link.startsWith('/')) return twilioUrl(baseUrl, host, link);
  let parsed: URL;
  try {
    parsed = new URL(link);
  } catch {
    throw new PullError('bad-response', `Twilio gave a next page that is not a URL: ${link}`, link);
  }
  const own = /^(api|messaging|trusthub)\.twilio\.com$/u.exec(parsed.hostname);
  if (!own) return link;
  return twilioUrl(baseUrl, own[1] as TwilioHost, `${parsed.pathname}${parsed.search}`);
}

/**
 * The business's attributes from TrustHub: the end users assigned to the brand's customer profile
 * and A2P profile (legal name, EIN, company type, industry…), and the profile's email. A profile
 * that cannot be found leaves them out: the mapper says which values are then defaults.
 */
async function profileOf(
  get: GetJson,
  baseUrl: string | undefined,
  brand: TwilioBrand,
  size: string,
): Promise<Record<string, unknown>> {
  const url = (host: TwilioHost, path: string): string => twilioUrl(baseUrl, host, path);
  const attributes: Record<string, unknown> = {};
  const bundles: Array<[string, string | null | undefined]> = [
    ['CustomerProfiles', brand.customer_profile_bundle_sid],
    ['TrustProducts', brand.a2p_profile_bundle_sid],
  ];
  let email: string | undefined;
  for (const [kind, sid] of bundles) {
    if (!sid) continue;
    const bundle = (await optional(get, url('trusthub', `/v1/${kind}/${encodeURIComponent(sid)}`))) as
      { email?: unknown } | undefined;
    if (typeof bundle?.email === 'string') email ??= bundle.email;
    const first = url(
      'trusthub',
      `/v1/${kind}/${encodeURIComponent(sid)}/EntityAssignments?PageSize=${size}`,
    );
    const assigned = await optionalList(get, first, baseUrl);
    for (const a of assigned) {
      if (typeof a.object_sid !== 'string' || !a.object_sid.startsWith('IT')) continue;
      const user = (await optional(
        get,
        url('trusthub', `/v1/EndUsers/${encodeURIComponent(a.object_sid)}`),
      )) as { type?: unknown; attributes?: unknown } | undefined;
      // The business's own attributes; an authorized representative's (their name, their email) are not the brand's.
      if (typeof user?.type === 'string' && user.type.startsWith('authorized_representative')) continue;
      if (user?.attributes && typeof user.attributes === 'object') Object.assign(attributes, user.attributes);
    }
  }
  // The brand's contact email is the customer profile's, as Twilio registers it.
  if (email !== undefined) attributes.email = email;
  return attributes;
}

/** A GET whose 404 means "not there": undefined instead of an error. */
async function optional(get: GetJson, url: string): Promise<unknown> {
  try {
    return await get(url);
  } catch (error) {
    if (error instanceof PullError && error.code === 'not-found') return undefined;
    throw error;
  }
}

async function optionalList(
  get: GetJson,
  first: string,
  baseUrl: string | undefined,
): Promise<Array<{ object_sid?: unknown }>> {
  try {
    return await readAll(get, first, v1Page<{ object_sid?: unknown }>('results', baseUrl));
  } catch (error) {
    if (error instanceof PullError && error.code === 'not-found') return [];
    throw error;
  }
}
