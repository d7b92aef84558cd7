import type {
  Brand,
  BrandStatus,
  Campaign,
  CampaignStatus,
  EntityType,
  NumberStatus,
  PhoneNumber,
} from '../../engine/account-config.js';
import { COMMON_DEFAULTS, isoTime, OWNER, present, statusOf, type PulledConfig } from './pulled.js';
import type { TwilioAccount, TwilioBrand, TwilioCampaign } from './twilio.js';

/** Twilio's brand registration `status` → the config's brand status (identity aside). */
export const TWILIO_BRAND_STATUS: Readonly<Record<string, BrandStatus>> = {
  PENDING: 'pending',
  IN_REVIEW: 'pending',
  APPROVED: 'verified',
  FAILED: 'unverified',
  SUSPENDED: 'suspended',
  DELETION_PENDING: 'suspended',
  DELETION_FAILED: 'suspended',
};

/** Twilio's Usa2p `campaign_status` → the config's campaign status. */
export const TWILIO_CAMPAIGN_STATUS: Readonly<Record<string, CampaignStatus>> = {
  PENDING: 'pending',
  IN_PROGRESS: 'pending',
  VERIFIED: 'approved',
  FAILED: 'rejected',
  SUSPENDED: 'suspended',
  EXPIRED: 'expired',
};

/** An incoming number's `status` → the config's number status (Twilio: `in-use` once bought). */
export const TWILIO_NUMBER_STATUS: Readonly<Record<string, NumberStatus>> = {
  'in-use': 'active',
  pending: 'provisioning',
};

/** Use cases the registry asks sub use cases of; Twilio's API takes none, so a pull states these. */
const SUB_USE_CASE_HOSTS: ReadonlySet<string> = new Set(['MIXED', 'LOW_VOLUME']);
const SUB_USE_CASES = ['CUSTOMER_CARE', 'ACCOUNT_NOTIFICATION'];

/** TrustHub's A2P profile `company_type` → the brand's entity type. */
const COMPANY_TYPE: Readonly<Record<string, EntityType>> = {
  public: 'PUBLIC_PROFIT',
  private: 'PRIVATE_PROFIT',
  'non-profit': 'NON_PROFIT',
  government: 'GOVERNMENT',
};

/** The account config of a Twilio account as read: Messaging Services carry campaigns to their numbers. */
export function mapTwilioAccount(account: TwilioAccount): PulledConfig {
  const defaults = [...COMMON_DEFAULTS];
  if (!account.friendlyName) defaults.push('account.name: the account SID (Twilio gave no friendly name)');
  const brands = account.brands.map((b) => mapBrand(b, account.profiles[b.sid] ?? {}, defaults));
  const campaigns: Campaign[] = [];
  const campaignOf = new Map<string, string>();
  for (const service of account.services)
    for (const c of service.campaigns) {
      const campaign = mapCampaign(c, defaults);
      campaigns.push(campaign);
      // A number in a Messaging Service is assigned to its campaign once that campaign is approved.
      if (campaign.status === 'approved')
        for (const n of service.phoneNumbers)
          if (!campaignOf.has(n.phone_number)) campaignOf.set(n.phone_number, c.sid);
    }
  const numbers: PhoneNumber[] = account.numbers.map((n) => {
    const campaign = campaignOf.get(n.phone_number);
    return {
      e164: n.phone_number,
      kind: 'campaign',
      lifetime: 'dedicated',
      status: TWILIO_NUMBER_STATUS[n.status ?? 'in-use'] ?? 'active',
      origin: 'twilio',
      ...present({
        name: ownName(n.friendly_name, n.phone_number),
        campaign,
      }),
    };
  });
  return {
    config: {
      version: 1,
      account: {
        id: account.accountSid,
        name: account.friendlyName ?? account.accountSid,
        kind: 'standard',
        country: 'US',
      },
      users: [OWNER],
      brands,
      campaigns,
      numbers,
    },
    defaults,
  };
}

function mapBrand(b: TwilioBrand, profile: Record<string, unknown>, defaults: string[]): Brand {
  const text = (key: string): string | undefined =>
    typeof profile[key] === 'string' && profile[key] !== '' ? (profile[key] as string) : undefined;
  const name = text('business_name') ?? text('brand_name');
  if (!name) defaults.push(`brands[${b.sid}].name: the brand SID (no business name in TrustHub)`);
  let entityType: EntityType | undefined =
    b.brand_type === 'SOLE_PROPRIETOR'
      ? 'SOLE_PROPRIETOR'
      : COMPANY_TYPE[(text('company_type') ?? '').toLowerCase()];
  if (!entityType) {
    entityType = 'PRIVATE_PROFIT';
    defaults.push(`brands[${b.sid}].entityType: PRIVATE_PROFIT (no company type in TrustHub)`);
  }
  const approved = b.status === 'APPROVED';
  const status: BrandStatus =
    approved && b.identity_status === 'UNVERIFIED'
      ? 'unverified'
      : statusOf(TWILIO_BRAND_STATUS, b.status, 'pending', `brands[${b.sid}].status`, defaults);
  const ein = text('business_registration_number');
  return {
    id: b.sid,
    name: name ?? b.sid,
    entityType,
    status,
    ...present({
      ein: ein && /^[0-9]{2}-?[0-9]{7}$/u.test(ein) ? ein : undefined,
      country: 'US',
      email: text('email') ?? text('brand_contact_email'),
      vertical: text('business_industry'),
      trustScore:
        typeof b.brand_score === 'number' && b.brand_score >= 0 && b.brand_score <= 100
          ? b.brand_score
          : undefined,
      stockSymbol: text('stock_ticker'),
      stockExchange: text('stock_exchange'),
    }),
    ...(b.identity_status === 'VETTED_VERIFIED' ? { vetted: true } : {}),
  };
}

function mapCampaign(c: TwilioCampaign, defaults: string[]): Campaign {
  const useCase = c.us_app_to_person_usecase ?? undefined;
  if (!useCase) defaults.push(`campaigns[${c.sid}].useCase: MIXED (Twilio gave none)`);
  const hosting = SUB_USE_CASE_HOSTS.has(useCase ?? 'MIXED');
  if (hosting)
    defaults.push(
      `campaigns[${c.sid}].subUseCases: ${SUB_USE_CASES.join(', ')} (Twilio's API has no sub use cases)`,
    );
  return {
    id: c.sid,
    brand: c.brand_registration_sid ?? '',
    useCase: useCase ?? 'MIXED',
    ...(hosting ? { subUseCases: [...SUB_USE_CASES] } : {}),
    status: statusOf(
      TWILIO_CAMPAIGN_STATUS,
      c.campaign_status,
      'pending',
      `campaigns[${c.sid}].status`,
      defaults,
    ),
    ...present({
      description: c.description,
      messageFlow: c.message_flow,
      sampleMessages: c.message_samples,
      optOutKeywords: c.opt_out_keywords,
      optOutMessage: c.opt_out_message,
      helpKeywords: c.help_keywords,
      helpMessage: c.help_message,
      embeddedLinks: c.has_embedded_links,
      embeddedPhone: c.has_embedded_phone,
      ageGated: c.age_gated,
      directLending: c.direct_lending,
      submittedAt: isoTime(c.date_created),
    }),
  } as Campaign;
}

/** A number's friendly name, unless it is Twilio's default: the number itself, formatted. */
function ownName(name: string | null | undefined, e164: string): string | undefined {
  if (!name) return undefined;
  const digits = name.replace(/\D/gu, '');
  const isNumber = !/[a-z]/iu.test(name) && digits !== '' && e164.replace(/\D/gu, '').endsWith(digits);
  return isNumber ? undefined : name;
}
