/**
 * The account config (docs/config.md): one account as it is, or as it will be at go-live.
 * These are the shapes after schema validation and phone-number normalisation (numbers in E.164).
 * Optional fields stay optional: rules that need one say so when it matters.
 */

export type AccountKind = 'standard' | 'agency';
export type Role = 'owner' | 'admin' | 'standard' | 'limited';
export type EntityType = 'PRIVATE_PROFIT' | 'PUBLIC_PROFIT' | 'NON_PROFIT' | 'GOVERNMENT' | 'SOLE_PROPRIETOR';
export type BrandStatus = 'pending' | 'verified' | 'unverified' | 'suspended';
export type NonprofitType = '501c3' | '501c4' | '501c5' | '501c6' | '527';
export type CampaignStatus = 'draft' | 'pending' | 'approved' | 'rejected' | 'suspended' | 'expired';
export type NumberKind = 'campaign' | 'one-to-one';
export type NumberLifetime = 'dedicated' | 'single-use';
export type NumberStatus = 'ordered' | 'provisioning' | 'active' | 'failed' | 'released';
export type InboxMode = 'agent' | 'bot';
/** The provider account a number was pulled from (`tendlc pull`). */
export type NumberOrigin = 'twilio' | 'telnyx';
export type OutreachType =
  | 'bulk'
  | 'lead-collector'
  | 'automation'
  | 'itr-menu'
  | 'language-funnel'
  | 'reply-automation'
  | 'data-collector'
  | 'direct'
  | 'scheduled';
export type OutreachStatus = 'draft' | 'launching' | 'active' | 'completed';

/** Outreach types that run only on campaign numbers (S0). */
export const CAMPAIGN_ONLY_OUTREACH: readonly OutreachType[] = [
  'bulk',
  'lead-collector',
  'automation',
  'itr-menu',
  'language-funnel',
  'reply-automation',
  'data-collector',
];

/** Outreach types a one-to-one number may carry (S0: a direct thread, or a message scheduled to one person). */
export const ONE_TO_ONE_OUTREACH: readonly OutreachType[] = ['direct', 'scheduled'];

export interface AccountInfo {
  id: string;
  name: string;
  kind: AccountKind;
  country: string;
  balance?: number;
  /** ISO date (YYYY-MM-DD). */
  goLive?: string;
}

export interface Subgroup {
  id: string;
  name?: string;
}

export interface User {
  id: string;
  name?: string;
  role: Role;
  subgroups?: string[];
}

export interface Brand {
  id: string;
  name: string;
  entityType: EntityType;
  ein?: string;
  country?: string;
  email?: string;
  vertical?: string;
  status: BrandStatus;
  trustScore?: number;
  vetted?: boolean;
  stockSymbol?: string;
  stockExchange?: string;
  nonprofitType?: NonprofitType;
}

export interface Campaign {
  id: string;
  brand: string;
  useCase: string;
  subUseCases?: string[];
  status: CampaignStatus;
  description?: string;
  messageFlow?: string;
  sampleMessages?: string[];
  optOutKeywords?: string[];
  optOutMessage?: string;
  helpKeywords?: string[];
  helpMessage?: string;
  embeddedLinks?: boolean;
  embeddedPhone?: boolean;
  ageGated?: boolean;
  directLending?: boolean;
  campaignVerifyToken?: string;
  /** ISO date or date-time. */
  submittedAt?: string;
  /** ISO date or date-time. */
  approvedAt?: string;
}

export interface InboxSettings {
  mode: InboxMode;
  agents: string[];
}

export interface PhoneNumber {
  /** E.164 after normalisation. */
  e164: string;
  kind: NumberKind;
  lifetime?: NumberLifetime;
  status: NumberStatus;
  name?: string;
  subgroup?: string;
  campaign?: string;
  portProtected?: boolean;
  rep?: string;
  inbox?: InboxSettings;
  /** Pulled from a provider account: the platform's own rules (scope `platform`) do not bind it. */
  origin?: NumberOrigin;
}

export interface Outreach {
  id: string;
  type: OutreachType;
  subgroup?: string;
  campaign?: string;
  numberMode?: NumberLifetime;
  numbers?: string[];
  status: OutreachStatus;
  market?: string;
  dailyVolume?: number;
  owner?: string;
  /** Recipients in E.164 (optional in a config; the simulator's outreach carries them). */
  recipients?: Array<{ to: string; name?: string }>;
  body?: string;
}

export interface AccountConfig {
  version: 1;
  account: AccountInfo;
  subgroups?: Subgroup[];
  users?: User[];
  brands?: Brand[];
  campaigns?: Campaign[];
  numbers?: PhoneNumber[];
  outreach?: Outreach[];
}
