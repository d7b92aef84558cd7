import type {
  Brand,
  BrandStatus,
  Campaign,
  CampaignStatus,
  EntityType,
  NumberStatus,
  PhoneNumber,
} from '../../engine/account-config.js';
import {
  COMMON_DEFAULTS,
  isoTime,
  keywordList,
  OWNER,
  present,
  statusOf,
  type PulledConfig,
} from './pulled.js';
import type { TelnyxAccount, TelnyxBrand, TelnyxCampaign } from './telnyx.js';

/** Telnyx's brand `status` → the config's brand status (an `OK` brand by its `identityStatus`). */
export const TELNYX_BRAND_STATUS: Readonly<Record<string, BrandStatus>> = {
  REGISTRATION_PENDING: 'pending',
  REGISTRATION_FAILED: 'unverified',
  OK: 'verified',
};

/** Telnyx's `campaignStatus` → the config's campaign status. */
export const TELNYX_CAMPAIGN_STATUS: Readonly<Record<string, CampaignStatus>> = {
  TCR_PENDING: 'pending',
  TELNYX_ACCEPTED: 'pending',
  MNO_PENDING: 'pending',
  TCR_ACCEPTED: 'approved',
  MNO_ACCEPTED: 'approved',
  MNO_PROVISIONED: 'approved',
  TCR_FAILED: 'rejected',
  TELNYX_FAILED: 'rejected',
  MNO_REJECTED: 'rejected',
  MNO_PROVISIONING_FAILED: 'rejected',
  TCR_SUSPENDED: 'suspended',
  TCR_EXPIRED: 'expired',
};

/** A phone number's `status` → the config's number status (what holds a number, what does not). */
export const TELNYX_NUMBER_STATUS: Readonly<Record<string, NumberStatus>> = {
  active: 'active',
  'emergency-only': 'active',
  'purchase-pending': 'provisioning',
  'provision-pending': 'provisioning',
  'port-pending': 'provisioning',
  'requirement-info-pending': 'provisioning',
  'requirement-info-under-review': 'provisioning',
  'requirement-info-exception': 'provisioning',
  'purchase-failed': 'failed',
  'port-failed': 'failed',
  deleted: 'released',
  'ported-out': 'released',
  'port-out-pending': 'active',
};

/** Assignment statuses that leave the number on its campaign. */
const ASSIGNED = new Set(['ASSIGNED', 'PENDING_ASSIGNMENT', 'PENDING_UNASSIGNMENT', 'FAILED_UNASSIGNMENT']);

const ENTITY_TYPES: ReadonlySet<string> = new Set([
  'PRIVATE_PROFIT',
  'PUBLIC_PROFIT',
  'NON_PROFIT',
  'GOVERNMENT',
  'SOLE_PROPRIETOR',
]);

/** The account config of a Telnyx account as read: phone-number campaigns assign numbers. */
export function mapTelnyxAccount(account: TelnyxAccount): PulledConfig {
  const defaults = [
    ...COMMON_DEFAULTS,
    'account.id: telnyx, account.name: Telnyx account (Telnyx gives neither)',
  ];
  const brands = account.brands.map((b) => mapBrand(b, defaults));
  const campaigns = account.campaigns.map((c) => mapCampaign(c, defaults));
  const known = new Set(campaigns.map((c) => c.id));
  const campaignOf = new Map<string, string>();
  for (const a of account.assignments) {
    if (a.assignmentStatus && !ASSIGNED.has(a.assignmentStatus)) continue;
    // For a shared campaign Telnyx gives the TCR id in `campaignId`; its own id is `telnyxCampaignId`.
    const id = a.telnyxCampaignId && known.has(a.telnyxCampaignId) ? a.telnyxCampaignId : a.campaignId;
    campaignOf.set(a.phoneNumber, id);
  }
  const numbers: PhoneNumber[] = account.numbers.map((n) => {
    const status =
      TELNYX_NUMBER_STATUS[n.status ?? ''] ??
      (defaults.push(`numbers[${n.phone_number}].status: active (Telnyx status '${String(n.status)}')`),
      'active');
    return {
      e164: n.phone_number,
      kind: 'campaign',
      lifetime: 'dedicated',
      status,
      origin: 'telnyx',
      ...present({ name: n.customer_reference, campaign: campaignOf.get(n.phone_number) }),
    };
  });
  return {
    config: {
      version: 1,
      account: { id: 'telnyx', name: 'Telnyx account', kind: 'standard', country: 'US' },
      users: [OWNER],
      brands,
      campaigns,
      numbers,
    },
    defaults,
  };
}

function mapBrand(b: TelnyxBrand, defaults: string[]): Brand {
  const person = [b.firstName, b.lastName].filter((p) => p).join(' ');
  const name = b.companyName || b.displayName || person || undefined;
  if (!name) defaults.push(`brands[${b.brandId}].name: the brand id (Telnyx gave no name)`);
  let entityType = b.entityType && ENTITY_TYPES.has(b.entityType) ? (b.entityType as EntityType) : undefined;
  if (!entityType) {
    entityType = 'PRIVATE_PROFIT';
    defaults.push(`brands[${b.brandId}].entityType: PRIVATE_PROFIT (Telnyx gave '${String(b.entityType)}')`);
  }
  const status: BrandStatus =
    b.status === 'OK' && b.identityStatus === 'UNVERIFIED'
      ? 'unverified'
      : statusOf(TELNYX_BRAND_STATUS, b.status, 'pending', `brands[${b.brandId}].status`, defaults);
  return {
    id: b.brandId,
    name: name ?? b.brandId,
    entityType,
    status,
    ...present({
      ein: b.ein && /^[0-9]{2}-?[0-9]{7}$/u.test(b.ein) ? b.ein : undefined,
      country: b.country,
      email: b.email,
      vertical: b.vertical,
      stockSymbol: b.stockSymbol,
      stockExchange: b.stockExchange,
    }),
    ...(b.identityStatus === 'VETTED_VERIFIED' ? { vetted: true } : {}),
  } as Brand;
}

function mapCampaign(c: TelnyxCampaign, defaults: string[]): Campaign {
  if (!c.usecase) defaults.push(`campaigns[${c.campaignId}].useCase: MIXED (Telnyx gave none)`);
  const samples = [c.sample1, c.sample2, c.sample3, c.sample4, c.sample5].filter((s): s is string => !!s);
  return {
    id: c.campaignId,
    brand: c.brandId ?? '',
    useCase: c.usecase ?? 'MIXED',
    status: statusOf(
      TELNYX_CAMPAIGN_STATUS,
      c.campaignStatus,
      'pending',
      `campaigns[${c.campaignId}].status`,
      defaults,
    ),
    ...present({
      subUseCases: c.subUsecases,
      description: c.description,
      messageFlow: c.messageFlow,
      sampleMessages: samples,
      optOutKeywords: keywordList(c.optoutKeywords),
      optOutMessage: c.optoutMessage,
      helpKeywords: keywordList(c.helpKeywords),
      helpMessage: c.helpMessage,
      embeddedLinks: c.embeddedLink,
      embeddedPhone: c.embeddedPhone,
      ageGated: c.ageGated,
      directLending: c.directLending,
      submittedAt: isoTime(c.createDate),
    }),
  } as Campaign;
}
