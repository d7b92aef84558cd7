import { jsonGetter, type HttpOptions } from './http.js';
import { listAt, readAll, type PageOf } from './paging.js';

/** Telnyx's API root, as the SDK's `baseURL` names it. */
export const TELNYX_BASE_URL = 'https://api.telnyx.com/v2';

/** A 10DLC brand (`GET /10dlc/brand/{brandId}`, the SDK's `TelnyxBrand`), the fields a pull reads. */
export interface TelnyxBrand {
  brandId: string;
  tcrBrandId?: string | null;
  displayName?: string | null;
  companyName?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  entityType?: string | null;
  ein?: string | null;
  country?: string | null;
  email?: string | null;
  vertical?: string | null;
  stockSymbol?: string | null;
  stockExchange?: string | null;
  status?: string | null;
  identityStatus?: string | null;
}

/** A 10DLC campaign (`GET /10dlc/campaign?brandId=…`, the SDK's `CampaignListResponse`). */
export interface TelnyxCampaign {
  campaignId: string;
  brandId?: string | null;
  tcrCampaignId?: string | null;
  usecase?: string | null;
  subUsecases?: string[] | null;
  description?: string | null;
  messageFlow?: string | null;
  sample1?: string | null;
  sample2?: string | null;
  sample3?: string | null;
  sample4?: string | null;
  sample5?: string | null;
  optoutKeywords?: string | null;
  optoutMessage?: string | null;
  helpKeywords?: string | null;
  helpMessage?: string | null;
  embeddedLink?: boolean | null;
  embeddedPhone?: boolean | null;
  ageGated?: boolean | null;
  directLending?: boolean | null;
  campaignStatus?: string | null;
  createDate?: string | null;
}

/** A phone-number campaign (`GET /10dlc/phone_number_campaigns`): a number's assignment. */
export interface TelnyxAssignment {
  phoneNumber: string;
  campaignId: string;
  telnyxCampaignId?: string | null;
  assignmentStatus?: string | null;
}

/** A phone number (`GET /phone_numbers`, the SDK's `PhoneNumberDetailed`). */
export interface TelnyxNumber {
  id: string;
  phone_number: string;
  status?: string | null;
  messaging_profile_id?: string | null;
  customer_reference?: string | null;
}

/** What a pull read from a Telnyx account, in Telnyx's shapes. */
export interface TelnyxAccount {
  brands: TelnyxBrand[];
  campaigns: TelnyxCampaign[];
  assignments: TelnyxAssignment[];
  numbers: TelnyxNumber[];
}

export interface TelnyxPullOptions {
  apiKey: string;
  /** The API root, as the SDK's `baseURL` (default `https://api.telnyx.com/v2`). */
  baseUrl?: string;
  http?: Omit<HttpOptions, 'provider' | 'authorization'>;
  progress?: (what: string) => void;
  /** Records per page asked for (default 50). */
  pageSize?: number;
}

/** Reads a Telnyx account's 10DLC brands, campaigns, phone-number campaigns and numbers through Telnyx's API. */
export async function readTelnyxAccount(options: TelnyxPullOptions): Promise<TelnyxAccount> {
  const root = (options.baseUrl ?? TELNYX_BASE_URL).replace(/\/+$/u, '');
  const get = jsonGetter({ ...options.http, provider: 'telnyx', authorization: `Bearer ${options.apiKey}` });
  const progress = options.progress ?? (() => undefined);
  const perPage = options.pageSize ?? 50;
  progress('brands');
  const listed = await readAll(
    get,
    `${root}/10dlc/brand?page=1&recordsPerPage=${String(perPage)}`,
    recordsPage<{ brandId: string }>(),
  );
  const brands: TelnyxBrand[] = [];
  const campaigns: TelnyxCampaign[] = [];
  for (const [i, b] of listed.entries()) {
    progress(`brand ${String(i + 1)}/${String(listed.length)}`);
    const id = encodeURIComponent(b.brandId);
    brands.push((await get(`${root}/10dlc/brand/${id}`)) as TelnyxBrand);
    campaigns.push(
      ...(await readAll(
        get,
        `${root}/10dlc/campaign?brandId=${id}&page=1&recordsPerPage=${String(perPage)}`,
        recordsPage<TelnyxCampaign>(),
      )),
    );
  }
  progress('phone-number campaigns');
  const assignments = await readAll(
    get,
    `${root}/10dlc/phone_number_campaigns?page=1&recordsPerPage=${String(perPage)}`,
    recordsPage<TelnyxAssignment>(),
  );
  progress('phone numbers');
  const numbers = await readAll(
    get,
    `${root}/phone_numbers?page%5Bnumber%5D=1&page%5Bsize%5D=${String(perPage)}`,
    dataPage<TelnyxNumber>(),
  );
  return { brands, campaigns, assignments, numbers };
}

/** The 10DLC lists' pages: `{records, page, totalRecords}`, the next one at `page + 1`. */
function recordsPage<T>(): PageOf<T> {
  let seen = 0;
  return (body, url) => {
    const items = listAt<T>(body, 'records', url);
    seen += items.length;
    const page =
      typeof body.page === 'number' ? body.page : Number(new URL(url).searchParams.get('page') ?? 1);
    const total = typeof body.totalRecords === 'number' ? body.totalRecords : seen;
    return seen < total ? { items, next: withParam(url, 'page', page + 1) } : { items };
  };
}

/** The other lists' pages: `{data, meta: {page_number, total_pages}}`, the next at `page[number]`. */
function dataPage<T>(): PageOf<T> {
  return (body, url) => {
    const items = listAt<T>(body, 'data', url);
    const meta = (body.meta ?? {}) as { page_number?: unknown; total_pages?: unknown };
    const page = typeof meta.page_number === 'number' ? meta.page_number : 1;
    const total = typeof meta.total_pages === 'number' ? meta.total_pages : page;
    return page < total ? { items, next: withParam(url, 'page[number]', page + 1) } : { items };
  };
}

function withParam(url: string, name: string, value: number): string {
  const u = new URL(url);
  u.searchParams.set(name, String(value));
  return u.toString();
}
