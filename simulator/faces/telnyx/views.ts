import type {
  AccountState,
  BrandState,
  CampaignState,
  FaceRecord,
  MessageState,
  NumberState,
} from '../../../engine/world/index.js';
import { providerCode } from '../provider-ids.js';
import { deliveryError, type TelnyxError } from './errors.js';
import { messageId, telnyxIds } from './ids.js';

/**
 * The world's resources as Telnyx's API shows them: its field names, its statuses (mapped from the
 * engine's, as docs/telnyx.md tabulates), its ids, ISO 8601 times of the virtual clock. Each view's
 * type is checked against the `telnyx` SDK's response type by test/telnyx/types.typecheck.ts.
 */

const iso = (ms: number): string => new Date(ms).toISOString();

/** The face's own data kept beside a world resource (`put_record`), by record id. */
export type Records = Readonly<Record<string, FaceRecord>>;

/** Record ids of the face's own data. */
export const recordIds = {
  counters: 'telnyx:counters',
  brand: (id: string) => `telnyx:brand:${id}`,
  campaign: (id: string) => `telnyx:campaign:${id}`,
  profile: (pool: string) => `telnyx:profile:${pool}`,
  order: (n: number) => `telnyx:order:${String(n)}`,
  number: (e164: string) => `telnyx:number:${e164}`,
  assignment: (e164: string) => `telnyx:assignment:${e164}`,
  vetting: (brand: string) => `telnyx:vetting:${brand}`,
};

function str(data: Record<string, unknown> | undefined, key: string): string | undefined {
  const v = data?.[key];
  return typeof v === 'string' ? v : undefined;
}

// ── brands ──────────────────────────────────────────────────────────────────────────────────

export type BrandStatusT = 'OK' | 'REGISTRATION_PENDING' | 'REGISTRATION_FAILED';
export type IdentityStatusT = 'VERIFIED' | 'UNVERIFIED' | 'SELF_DECLARED' | 'VETTED_VERIFIED';
type EntityTypeT = 'PRIVATE_PROFIT' | 'PUBLIC_PROFIT' | 'NON_PROFIT' | 'GOVERNMENT' | 'SOLE_PROPRIETOR';

/** The brand's face-only fields Telnyx takes and shows as given. */
export const BRAND_FACE_FIELDS = [
  'displayName',
  'companyName',
  'firstName',
  'lastName',
  'phone',
  'mobilePhone',
  'street',
  'city',
  'state',
  'postalCode',
  'website',
  'businessContactEmail',
  'ipAddress',
  'webhookURL',
  'webhookFailoverURL',
] as const;

export interface BrandView {
  brandId: string;
  tcrBrandId: string;
  brandRelationship: 'BASIC_ACCOUNT';
  country: string;
  displayName: string;
  email: string;
  entityType: EntityTypeT;
  vertical: string;
  status: BrandStatusT;
  identityStatus?: IdentityStatusT;
  failureReasons?: string;
  ein?: string;
  stockSymbol?: string;
  companyName?: string;
  cspId: string;
  mock: boolean;
  isReseller: boolean;
  createdAt: string;
  updatedAt: string;
  assignedCampaignsCount: number;
  /** The brand's trust score (0–100): tendlc's addition, which sets its throughput tier. */
  trustScore: number;
  [field: string]: unknown;
}

/** Brand `status` and `identityStatus` from the engine's brand status. */
export function brandStatuses(brand: BrandState): { status: BrandStatusT; identityStatus?: IdentityStatusT } {
  switch (brand.status) {
    case 'pending':
      return { status: 'REGISTRATION_PENDING' };
    case 'verified':
      return {
        status: 'OK',
        identityStatus: brand.vetted
          ? 'VETTED_VERIFIED'
          : brand.entityType === 'SOLE_PROPRIETOR'
            ? 'SELF_DECLARED'
            : 'VERIFIED',
      };
    case 'unverified':
      return { status: 'OK', identityStatus: 'UNVERIFIED' };
    case 'suspended':
      return { status: 'REGISTRATION_FAILED', identityStatus: 'UNVERIFIED' };
  }
}

export function cspIdOf(account: AccountState): string {
  return providerCode('S', account.info.id);
}

export function brandView(account: AccountState, brand: BrandState, records: Records): BrandView {
  const record = records[recordIds.brand(brand.id)];
  const data = record?.data;
  const face: Record<string, unknown> = {};
  for (const key of BRAND_FACE_FIELDS) if (str(data, key) !== undefined) face[key] = str(data, key);
  const statuses = brandStatuses(brand);
  return {
    ...face,
    brandId: telnyxIds.brand(brand.id),
    tcrBrandId: telnyxIds.tcrBrand(brand.id),
    brandRelationship: 'BASIC_ACCOUNT',
    country: brand.country ?? 'US',
    displayName: str(data, 'displayName') ?? brand.name,
    email: brand.email ?? '',
    entityType: brand.entityType,
    vertical: brand.vertical ?? '',
    ...statuses,
    ...(brand.status === 'suspended' ? { failureReasons: 'the brand is suspended' } : {}),
    ...(brand.ein === undefined ? {} : { ein: brand.ein }),
    ...(brand.stockSymbol === undefined ? {} : { stockSymbol: brand.stockSymbol }),
    ...(brand.stockExchange === undefined ? {} : { stockExchange: brand.stockExchange }),
    cspId: cspIdOf(account),
    mock: false,
    isReseller: false,
    createdAt: iso(brand.createdAt),
    updatedAt: iso(record?.updatedAt ?? brand.createdAt),
    assignedCampaignsCount: Object.values(account.campaigns).filter((c) => c.brand === brand.id).length,
    trustScore: brand.trustScore,
  };
}

/** A brand in a list: the fields of Telnyx's list item. */
export function brandListItem(account: AccountState, brand: BrandState, records: Records) {
  const v = brandView(account, brand, records);
  return {
    brandId: v.brandId,
    tcrBrandId: v.tcrBrandId,
    displayName: v.displayName,
    companyName: typeof v.companyName === 'string' ? v.companyName : v.displayName,
    email: v.email,
    entityType: v.entityType,
    status: v.status,
    ...(v.identityStatus === undefined ? {} : { identityStatus: v.identityStatus }),
    ...(v.failureReasons === undefined ? {} : { failureReasons: v.failureReasons }),
    ...(typeof v.website === 'string' ? { website: v.website } : {}),
    createdAt: v.createdAt,
    updatedAt: v.updatedAt,
    assignedCampaingsCount: v.assignedCampaignsCount,
  };
}

// ── campaigns ───────────────────────────────────────────────────────────────────────────────

export type CampaignStatusT =
  'TCR_PENDING' | 'TCR_SUSPENDED' | 'TCR_EXPIRED' | 'TCR_ACCEPTED' | 'TCR_FAILED' | 'MNO_PROVISIONED';

/**
 * `campaignStatus` from the engine's status. An approved campaign is `TCR_ACCEPTED` while the
 * carriers provision it (the profile's longest propagation time after approval), then
 * `MNO_PROVISIONED`; numbers can be assigned from approval on, as the engine allows.
 */
export function campaignStatusOf(campaign: CampaignState, now: number, mnoMs: number): CampaignStatusT {
  switch (campaign.status) {
    case 'approved':
      return now >= (campaign.decidedAt ?? campaign.submittedAt) + mnoMs ? 'MNO_PROVISIONED' : 'TCR_ACCEPTED';
    case 'rejected':
      return 'TCR_FAILED';
    case 'suspended':
      return 'TCR_SUSPENDED';
    case 'expired':
      return 'TCR_EXPIRED';
    default:
      return 'TCR_PENDING';
  }
}

export interface CampaignView {
  campaignId: string;
  tcrCampaignId: string;
  brandId: string;
  tcrBrandId: string;
  cspId: string;
  mock: boolean;
  description: string;
  subUsecases: string[];
  termsAndConditions: boolean;
  usecase: string;
  campaignStatus: CampaignStatusT;
  status: 'ACTIVE' | 'EXPIRED';
  submissionStatus: 'CREATED';
  failureReasons?: string;
  createDate: string;
  brandDisplayName?: string;
  assignedPhoneNumbersCount: number;
  embeddedLink: boolean;
  embeddedPhone: boolean;
  ageGated: boolean;
  directLending: boolean;
  numberPool: boolean;
  autoRenewal: boolean;
  subscriberOptin: boolean;
  subscriberOptout: boolean;
  subscriberHelp: boolean;
  messageFlow?: string;
  helpMessage?: string;
  optoutMessage?: string;
  helpKeywords?: string;
  optoutKeywords?: string;
  sample1?: string;
  sample2?: string;
  sample3?: string;
  sample4?: string;
  sample5?: string;
  webhookURL?: string;
  webhookFailoverURL?: string;
  vertical?: string;
}

/** The reasons of a rejection in one text, each with its rule id and its registry code. */
export function failureReasons(campaign: CampaignState): string | undefined {
  if (campaign.reasons.length === 0) return undefined;
  return campaign.reasons
    .map((r) => `${r.message} (${r.rule}${r.errorCode === undefined ? '' : `, ${String(r.errorCode)}`})`)
    .join('; ');
}

export function campaignView(
  account: AccountState,
  campaign: CampaignState,
  records: Records,
  now: number,
  mnoMs: number,
): CampaignView {
  const brand = account.brands[campaign.brand];
  const data = records[recordIds.campaign(campaign.id)]?.data;
  const samples = campaign.sampleMessages ?? [];
  const sample: Record<string, string> = {};
  samples.slice(0, 5).forEach((s, i) => (sample[`sample${String(i + 1)}`] = s));
  const reasons = failureReasons(campaign);
  return {
    campaignId: telnyxIds.campaign(campaign.id),
    tcrCampaignId: telnyxIds.tcrCampaign(campaign.id),
    brandId: telnyxIds.brand(campaign.brand),
    tcrBrandId: telnyxIds.tcrBrand(campaign.brand),
    cspId: cspIdOf(account),
    mock: false,
    description: campaign.description ?? '',
    subUsecases: campaign.subUseCases ?? [],
    termsAndConditions: true,
    usecase: campaign.useCase,
    campaignStatus: campaignStatusOf(campaign, now, mnoMs),
    status: campaign.status === 'expired' ? 'EXPIRED' : 'ACTIVE',
    submissionStatus: 'CREATED',
    ...(reasons === undefined ? {} : { failureReasons: reasons }),
    createDate: iso(campaign.submittedAt),
    ...(brand ? { brandDisplayName: brand.name } : {}),
    ...(brand?.vertical === undefined ? {} : { vertical: brand.vertical }),
    assignedPhoneNumbersCount: Object.values(account.numbers).filter((n) => n.campaign === campaign.id)
      .length,
    embeddedLink: campaign.embeddedLinks ?? false,
    embeddedPhone: campaign.embeddedPhone ?? false,
    ageGated: campaign.ageGated ?? false,
    directLending: campaign.directLending ?? false,
    numberPool: false,
    autoRenewal: true,
    subscriberOptin: true,
    subscriberOptout: true,
    subscriberHelp: true,
    ...(campaign.messageFlow === undefined ? {} : { messageFlow: campaign.messageFlow }),
    ...(campaign.helpMessage === undefined ? {} : { helpMessage: campaign.helpMessage }),
    ...(campaign.optOutMessage === undefined ? {} : { optoutMessage: campaign.optOutMessage }),
    ...(campaign.helpKeywords === undefined ? {} : { helpKeywords: campaign.helpKeywords.join(',') }),
    ...(campaign.optOutKeywords === undefined ? {} : { optoutKeywords: campaign.optOutKeywords.join(',') }),
    ...sample,
    ...(str(data, 'webhookURL') === undefined ? {} : { webhookURL: str(data, 'webhookURL') }),
    ...(str(data, 'webhookFailoverURL') === undefined
      ? {}
      : { webhookFailoverURL: str(data, 'webhookFailoverURL') }),
  };
}

// ── assignments ─────────────────────────────────────────────────────────────────────────────

export type AssignmentStatusT = 'PENDING_ASSIGNMENT' | 'ASSIGNED' | 'FAILED_ASSIGNMENT';

export interface AssignmentView {
  phoneNumber: string;
  campaignId: string;
  tcrCampaignId: string;
  telnyxCampaignId: string;
  brandId: string;
  tcrBrandId: string;
  assignmentStatus: AssignmentStatusT;
  createdAt: string;
  updatedAt: string;
  failureReasons?: string;
}

/** A number's campaign as Telnyx's phone-number campaign: pending while it propagates, then assigned. */
export function assignmentView(
  account: AccountState,
  number: NumberState,
  records: Records,
): AssignmentView | undefined {
  const campaign = number.campaign === undefined ? undefined : account.campaigns[number.campaign];
  if (!campaign) return undefined;
  const record = records[recordIds.assignment(number.e164)];
  const approved = campaign.status === 'approved';
  return {
    phoneNumber: number.e164,
    campaignId: telnyxIds.campaign(campaign.id),
    telnyxCampaignId: telnyxIds.campaign(campaign.id),
    tcrCampaignId: telnyxIds.tcrCampaign(campaign.id),
    brandId: telnyxIds.brand(campaign.brand),
    tcrBrandId: telnyxIds.tcrBrand(campaign.brand),
    assignmentStatus: !approved
      ? 'FAILED_ASSIGNMENT'
      : number.assignment === 'effective'
        ? 'ASSIGNED'
        : 'PENDING_ASSIGNMENT',
    ...(approved
      ? {}
      : { failureReasons: `campaign is ${campaign.status} (assignment-needs-approved-campaign)` }),
    createdAt: iso(record?.createdAt ?? number.orderedAt),
    updatedAt: iso(record?.updatedAt ?? number.orderedAt),
  };
}

// ── numbers ─────────────────────────────────────────────────────────────────────────────────

export type NumberStatusT = 'purchase-pending' | 'purchase-failed' | 'active' | 'deleted';

export function numberStatusOf(number: NumberState): NumberStatusT {
  switch (number.status) {
    case 'active':
      return 'active';
    case 'failed':
      return 'purchase-failed';
    case 'released':
      return 'deleted';
    default:
      return 'purchase-pending';
  }
}

export interface NumberView {
  id: string;
  record_type: 'phone_number';
  phone_number: string;
  status: NumberStatusT;
  tags: string[];
  country_iso_alpha2: 'US';
  created_at: string;
  purchased_at: string;
  updated_at: string;
  deletion_lock_enabled: boolean;
  external_pin: string | null;
  phone_number_type: 'local';
  messaging_profile_id: string | null;
  messaging_profile_name: string | null;
  messaging_campaign_id: string | null;
  customer_reference: string | null;
  connection_id: string | null;
  billing_group_id: string | null;
  source_type: 'number_order';
  emergency_enabled: boolean;
  call_forwarding_enabled: boolean;
  cnam_listing_enabled: boolean;
  caller_id_name_enabled: boolean;
  call_recording_enabled: boolean;
  t38_fax_gateway_enabled: boolean;
}

export function numberView(number: NumberState, records: Records): NumberView {
  const record = records[recordIds.number(number.e164)];
  const tags = record?.data.tags;
  const profile = number.pool === undefined ? undefined : records[recordIds.profile(number.pool)];
  return {
    id: telnyxIds.phoneNumber(number.e164),
    record_type: 'phone_number',
    phone_number: number.e164,
    status: numberStatusOf(number),
    tags: Array.isArray(tags) ? tags.filter((t): t is string => typeof t === 'string') : [],
    country_iso_alpha2: 'US',
    created_at: iso(number.orderedAt),
    purchased_at: iso(number.orderedAt),
    updated_at: iso(record?.updatedAt ?? number.orderedAt),
    deletion_lock_enabled: false,
    external_pin: null,
    phone_number_type: 'local',
    messaging_profile_id: number.pool === undefined ? null : telnyxIds.profile(number.pool),
    messaging_profile_name: str(profile?.data, 'name') ?? null,
    messaging_campaign_id: number.campaign === undefined ? null : telnyxIds.campaign(number.campaign),
    customer_reference: str(record?.data, 'customer_reference') ?? null,
    connection_id: null,
    billing_group_id: null,
    source_type: 'number_order',
    emergency_enabled: false,
    call_forwarding_enabled: false,
    cnam_listing_enabled: false,
    caller_id_name_enabled: false,
    call_recording_enabled: false,
    t38_fax_gateway_enabled: false,
  };
}

/** A released number as Telnyx's delete answers it: the number's fields, without the empty ones. */
export type DeletedNumberView = {
  [K in keyof NumberView]?: Exclude<NumberView[K], null>;
};

export function deletedNumberView(number: NumberState, records: Records): DeletedNumberView {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(numberView(number, records)))
    if (value !== null) out[key] = value;
  return out as DeletedNumberView;
}

export interface MessagingSettingsView {
  id: string;
  record_type: 'messaging_settings';
  phone_number: string;
  messaging_profile_id: string | null;
  country_code: 'US';
  type: 'longcode';
  messaging_product: 'A2P';
  traffic_type: 'A2P';
  eligible_messaging_products: string[];
  tags: string[];
  created_at: string;
  updated_at: string;
}

export function messagingSettingsView(number: NumberState, records: Records): MessagingSettingsView {
  const v = numberView(number, records);
  return {
    id: v.id,
    record_type: 'messaging_settings',
    phone_number: v.phone_number,
    messaging_profile_id: v.messaging_profile_id,
    country_code: 'US',
    type: 'longcode',
    messaging_product: 'A2P',
    traffic_type: 'A2P',
    eligible_messaging_products: ['A2P'],
    tags: v.tags,
    created_at: v.created_at,
    updated_at: v.updated_at,
  };
}

// ── messaging profiles ──────────────────────────────────────────────────────────────────────

export interface ProfileView {
  id: string;
  record_type: 'messaging_profile';
  name: string;
  enabled: boolean;
  webhook_url: string | null;
  webhook_failover_url: string | null;
  webhook_api_version: '2';
  whitelisted_destinations: string[];
  number_pool_settings: null;
  url_shortener_settings: null;
  alpha_sender: string | null;
  created_at: string;
  updated_at: string;
}

export function profileView(pool: string, record: FaceRecord | undefined, fallbackAt: number): ProfileView {
  const data = record?.data;
  const wl = data?.whitelisted_destinations;
  return {
    id: telnyxIds.profile(pool),
    record_type: 'messaging_profile',
    name: str(data, 'name') ?? pool,
    enabled: data?.enabled !== false,
    webhook_url: str(data, 'webhook_url') ?? null,
    webhook_failover_url: str(data, 'webhook_failover_url') ?? null,
    webhook_api_version: '2',
    whitelisted_destinations: Array.isArray(wl)
      ? wl.filter((d): d is string => typeof d === 'string')
      : ['US'],
    number_pool_settings: null,
    url_shortener_settings: null,
    alpha_sender: str(data, 'alpha_sender') ?? null,
    created_at: iso(record?.createdAt ?? fallbackAt),
    updated_at: iso(record?.updatedAt ?? fallbackAt),
  };
}

// ── number orders ───────────────────────────────────────────────────────────────────────────

export type OrderStatusT = 'pending' | 'success' | 'failure';

export interface OrderView {
  id: string;
  record_type: 'number_order';
  status: OrderStatusT;
  phone_numbers: Array<{
    id: string;
    record_type: 'number_order_phone_number';
    phone_number: string;
    status: OrderStatusT;
    country_code: 'US';
    phone_number_type: 'local';
    requirements_met: boolean;
  }>;
  phone_numbers_count: number;
  messaging_profile_id?: string;
  customer_reference?: string;
  requirements_met: boolean;
  sub_number_orders_ids: string[];
  created_at: string;
  updated_at: string;
}

function orderStatusOf(number: NumberState | undefined): OrderStatusT {
  if (!number || number.status === 'failed') return 'failure';
  return number.status === 'active' || number.status === 'released' ? 'success' : 'pending';
}

/** A number order: `pending` while any of its numbers is in the provisioning queue, then `success` or `failure`. */
export function orderView(account: AccountState, record: FaceRecord): OrderView {
  const numbers = Array.isArray(record.data.numbers)
    ? record.data.numbers.filter((n): n is string => typeof n === 'string')
    : [];
  const items = numbers.map((e164) => ({
    id: telnyxIds.phoneNumber(e164),
    record_type: 'number_order_phone_number' as const,
    phone_number: e164,
    status: orderStatusOf(account.numbers[e164]),
    country_code: 'US' as const,
    phone_number_type: 'local' as const,
    requirements_met: true,
  }));
  const status: OrderStatusT = items.some((i) => i.status === 'pending')
    ? 'pending'
    : items.some((i) => i.status === 'failure')
      ? 'failure'
      : 'success';
  const done = Math.max(
    record.updatedAt,
    ...numbers.map((n) => account.numbers[n]?.orderedAt ?? record.updatedAt),
  );
  return {
    id: telnyxIds.order(record.id),
    record_type: 'number_order',
    status,
    phone_numbers: items,
    phone_numbers_count: items.length,
    ...(str(record.data, 'messaging_profile_id') === undefined
      ? {}
      : { messaging_profile_id: str(record.data, 'messaging_profile_id') }),
    ...(str(record.data, 'customer_reference') === undefined
      ? {}
      : { customer_reference: str(record.data, 'customer_reference') }),
    requirements_met: true,
    sub_number_orders_ids: [],
    created_at: iso(record.createdAt),
    updated_at: iso(done),
  };
}

// ── messages ────────────────────────────────────────────────────────────────────────────────

export type ToStatusT =
  'queued' | 'sending' | 'sent' | 'delivered' | 'sending_failed' | 'delivery_failed' | 'delivery_unconfirmed';

/** A message's `to[].status` from the engine's status. */
export function toStatusOf(status: MessageState['status']): ToStatusT {
  switch (status) {
    case 'sent':
      return 'sent';
    case 'delivered':
      return 'delivered';
    case 'undelivered':
      return 'delivery_failed';
    case 'failed':
    case 'canceled':
      return 'sending_failed';
    default:
      return 'queued';
  }
}

type LineType = 'Wireless';

export interface OutboundView {
  record_type: 'message';
  id: string;
  direction: 'outbound';
  type: 'SMS';
  from: { phone_number: string; carrier: string; line_type: LineType };
  to: Array<{ phone_number: string; status: ToStatusT; carrier: string; line_type: LineType }>;
  text: string;
  parts: number;
  encoding: string;
  messaging_profile_id?: string;
  errors: TelnyxError[];
  received_at: string;
  sent_at: string | null;
  completed_at: string | null;
  valid_until: string | null;
  webhook_url: string | null;
  webhook_failover_url: string | null;
  tags: string[];
  cost: null;
  tcr_campaign_id: string | null;
  tcr_campaign_billable: boolean;
  tcr_campaign_registered: string | null;
}

export interface InboundView {
  record_type: 'message';
  id: string;
  direction: 'inbound';
  type: 'SMS';
  from: { phone_number: string; carrier: string; line_type: LineType };
  to: Array<{ phone_number: string; status: 'webhook_delivered'; carrier: string; line_type: LineType }>;
  text: string;
  parts: number;
  encoding: string;
  messaging_profile_id?: string;
  errors: TelnyxError[];
  received_at: string;
  sent_at: string | null;
  completed_at: string | null;
  valid_until: string | null;
  webhook_url: string | null;
  webhook_failover_url: string | null;
  tags: string[];
  cost: null;
}

/** What an event's moment says of a message, for a webhook of that moment (a `message.sent` says `sent`). */
export interface MomentOf {
  status: MessageState['status'];
  errorCode?: number | undefined;
  rule?: string | undefined;
}

const CARRIER = 'T-Mobile USA';

export function outboundView(account: AccountState, message: MessageState, moment?: MomentOf): OutboundView {
  const status = moment?.status ?? message.status;
  const errorCode = moment ? moment.errorCode : message.errorCode;
  const rule = moment ? moment.rule : message.rule;
  const failed = status === 'failed' || status === 'undelivered' || status === 'canceled';
  const number = account.numbers[message.from];
  const campaign = number?.campaign === undefined ? undefined : account.campaigns[number.campaign];
  const done = status === 'delivered' || failed;
  const encoding = /^[\x20-\x7e\n\r]*$/u.test(message.body) ? 'GSM-7' : 'UCS-2';
  return {
    record_type: 'message',
    id: messageId(message.id, account),
    direction: 'outbound',
    type: 'SMS',
    from: { phone_number: message.from, carrier: 'Telnyx', line_type: 'Wireless' },
    to: [{ phone_number: message.to, status: toStatusOf(status), carrier: CARRIER, line_type: 'Wireless' }],
    text: message.body,
    parts: message.segments,
    encoding,
    ...(number?.pool === undefined ? {} : { messaging_profile_id: telnyxIds.profile(number.pool) }),
    errors: failed ? [deliveryError(errorCode, rule)] : [],
    received_at: iso(message.createdAt),
    sent_at: message.sentAt === undefined || status === 'queued' ? null : iso(message.sentAt),
    completed_at: done && message.doneAt !== undefined ? iso(message.doneAt) : null,
    valid_until: null,
    webhook_url: message.callback ?? null,
    webhook_failover_url: null,
    tags: [],
    cost: null,
    tcr_campaign_id: campaign ? telnyxIds.tcrCampaign(campaign.id) : null,
    tcr_campaign_billable: campaign !== undefined,
    tcr_campaign_registered: campaign
      ? campaign.status === 'approved'
        ? 'REGISTERED'
        : 'UNREGISTERED'
      : null,
  };
}

export function inboundView(account: AccountState, message: MessageState): InboundView {
  const number = account.numbers[message.to];
  return {
    record_type: 'message',
    id: messageId(message.id, account),
    direction: 'inbound',
    type: 'SMS',
    from: { phone_number: message.from, carrier: CARRIER, line_type: 'Wireless' },
    to: [{ phone_number: message.to, status: 'webhook_delivered', carrier: 'Telnyx', line_type: 'Wireless' }],
    text: message.body,
    parts: message.segments,
    encoding: /^[\x20-\x7e\n\r]*$/u.test(message.body) ? 'GSM-7' : 'UCS-2',
    ...(number?.pool === undefined ? {} : { messaging_profile_id: telnyxIds.profile(number.pool) }),
    errors: [],
    received_at: iso(message.createdAt),
    sent_at: null,
    completed_at: null,
    valid_until: null,
    webhook_url: null,
    webhook_failover_url: null,
    tags: [],
    cost: null,
  };
}

/** A canceled scheduled message, as Telnyx's cancel answers it: the message, its recipient `cancelled`. */
export function canceledView(
  account: AccountState,
  message: MessageState,
): Omit<OutboundView, 'to'> & {
  to: Array<{ phone_number: string; status: 'cancelled'; carrier: string; line_type: LineType }>;
} {
  const view = outboundView(account, message);
  return {
    ...view,
    errors: [],
    to: view.to.map((t) => ({ ...t, status: 'cancelled' as const })),
  };
}

export function messageView(account: AccountState, message: MessageState): OutboundView | InboundView {
  return message.direction === 'inbound' ? inboundView(account, message) : outboundView(account, message);
}
