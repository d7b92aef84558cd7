import type {
  AccountInfo,
  BrandStatus,
  CampaignStatus,
  EntityType,
  InboxSettings,
  NonprofitType,
  NumberKind,
  NumberLifetime,
  NumberStatus,
  OutreachStatus,
  OutreachType,
  Role,
} from '../account-config.js';
import type { CarrierProfile, LatencyProfile } from '../carrier-profile.js';
import type { Refusal } from '../refusal.js';

/** What a transition may read besides the state: the virtual time, the seeded draws and the profiles. */
export interface WorldContext {
  /** Virtual epoch milliseconds. */
  readonly now: number;
  /** The simulator's seeded source, uniform in [0, 1). */
  readonly random: () => number;
  readonly profile: CarrierProfile;
  readonly latency: LatencyProfile;
  /**
   * Told a rule's id each time a command goes through that rule's check, whether it passes or is
   * refused by it: how a scenario run reports which rules it reached. Absent in ordinary runs.
   */
  readonly trace?: RuleTrace | undefined;
}

/** Receives the id of each rule whose check a command or a read goes through. */
export type RuleTrace = (rule: string) => void;

/** Who acts: a user of an account with a role, limited to some subgroups (`[]` = the whole account). */
export interface Actor {
  readonly account: string;
  readonly user: string;
  readonly role: Role;
  readonly subgroups: readonly string[];
}

export interface BrandState {
  id: string;
  name: string;
  entityType: EntityType;
  ein?: string;
  country?: string;
  email?: string;
  vertical?: string;
  stockSymbol?: string;
  stockExchange?: string;
  nonprofitType?: NonprofitType;
  status: BrandStatus;
  trustScore: number;
  vetted: boolean;
  vetting: 'none' | 'pending' | 'done';
  createdAt: number;
}

export interface CampaignReason {
  rule: string;
  errorCode?: number;
  message: string;
}

export interface CampaignState {
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
  reasons: CampaignReason[];
  submittedAt: number;
  decidedAt?: number;
}

/** The provider faces: Twilio's and Telnyx's APIs, served over the same world. */
export type ProviderFace = 'twilio' | 'telnyx';

export interface NumberState {
  e164: string;
  /**
   * The provider face that bought it, if one did. The texting platform's own number rules (kinds,
   * the dedicated-number limit, a campaign at order time) do not bind it: it is a campaign-capable
   * number that carries registered traffic once assigned, as the provider's way assigns it.
   */
  origin?: ProviderFace;
  /** The sender pool it belongs to (a Twilio Messaging Service, a Telnyx messaging profile). */
  pool?: string;
  kind: NumberKind;
  lifetime: NumberLifetime;
  status: NumberStatus;
  name?: string;
  subgroup?: string;
  /** The campaign it is assigned to, or, while provisioning, provisioned for. */
  campaign?: string;
  /** `propagating` until the assignment has reached every carrier, then `effective`. */
  assignment: 'none' | 'propagating' | 'effective';
  /** Bumped on every assignment change, so that a stale propagation timer does nothing. */
  assignmentVersion: number;
  portProtected: boolean;
  portPin: string;
  rep?: string;
  inbox?: InboxSettings;
  orderedAt: number;
}

export interface OutreachState {
  id: string;
  type: OutreachType;
  subgroup?: string;
  campaign?: string;
  numberMode: NumberLifetime;
  numbers: string[];
  areaCode?: string;
  market?: string;
  dailyVolume?: number;
  status: OutreachStatus;
  owner?: string;
  recipients: Array<{ to: string; name?: string }>;
  body?: string;
}

export type MessageStatus =
  'scheduled' | 'queued' | 'sent' | 'delivered' | 'undelivered' | 'failed' | 'received' | 'canceled';

export interface MessageState {
  id: string;
  direction: 'outbound' | 'inbound';
  from: string;
  to: string;
  body: string;
  segments: number;
  status: MessageStatus;
  errorCode?: number;
  rule?: string;
  /** An automatic answer to the contact's keyword (STOP, HELP…), not a send. */
  answers?: string;
  outreach?: string;
  subgroup?: string;
  user?: string;
  /** Where the sender asked for this message's status changes (a provider's status callback). */
  callback?: string;
  /** The provider face it was sent through: that face's webhooks report on it, no other's. */
  face?: ProviderFace;
  /** The sender pool it went out through, when the sender named a pool rather than a number. */
  pool?: string;
  createdAt: number;
  sendAt?: number;
  sentAt?: number;
  doneAt?: number;
}

/**
 * A sender pool: numbers grouped to send as one, as a Twilio Messaging Service or a Telnyx
 * messaging profile groups them. A pool with a campaign assigns that campaign to each of its
 * active numbers once the campaign is approved (`assignment-propagation` then runs as for any
 * assignment).
 */
export interface PoolState {
  id: string;
  origin: ProviderFace;
  campaign?: string;
}

/**
 * A provider face's own record of something the world has no concept of (a TrustHub end user, a
 * Telnyx number order), kept in the world so that it journals, snapshots and restores with it.
 * The world stores it and never reads it: the face gives it meaning.
 */
export interface FaceRecord {
  id: string;
  face: ProviderFace;
  kind: string;
  data: Record<string, unknown>;
  createdAt: number;
  updatedAt: number;
}

export interface ConversationState {
  number: string;
  contact: string;
  /** Agent-backed inboxes: the contact replied and waits for an agent. */
  awaitingAgent: boolean;
  lastAt: number;
}

/** Usage within one day of the profile's time zone. */
export interface DailyUsage {
  day: string;
  count: number;
}

export interface AccountState {
  info: AccountInfo;
  users: Record<string, { id: string; name?: string; role: Role; subgroups: string[] }>;
  subgroups: string[];
  brands: Record<string, BrandState>;
  campaigns: Record<string, CampaignState>;
  numbers: Record<string, NumberState>;
  outreach: Record<string, OutreachState>;
  pools: Record<string, PoolState>;
  records: Record<string, FaceRecord>;
  /**
   * Messages by id, in creation order. A Map, not a keyed object: a bulk send adds hundreds of
   * thousands, and a Map inserts them at a fraction of the cost. Snapshots write it as an array.
   */
  messages: Map<string, MessageState>;
  /** Contacts who opted out, with the time they did. */
  optOuts: Record<string, number>;
  contactNames: Record<string, string>;
  conversations: Record<string, ConversationState>;
  /** Every number ever associated with each campaign: never shrinks (`use-case-number-limit`). */
  associations: Record<string, string[]>;
  /** Segments sent per brand (campaign traffic) or per one-to-one number, in the current day. */
  usage: Record<string, DailyUsage>;
  /** The next free send slot per rate key (brand or number), for MPS queueing. */
  nextSlot: Record<string, number>;
  counters: Record<string, number>;
}

export interface FaultState {
  id: string;
  type:
    | 'carrier-outage'
    | 'provisioning-failure'
    | 'campaign-rejection'
    | 'campaign-suspension'
    | 'campaign-expiry'
    | 'extra-latency'
    | 'webhook-failure'
    | 'http-error';
  account?: string;
  campaign?: string;
  rate?: number;
  duration?: string;
  /** `http-error`: the route it hits, `METHOD /path` (a path ending in `*` is a prefix). */
  route?: string;
  /** `http-error`: the status it answers with (default 503). */
  status?: number;
}

export interface HandsetMessage {
  from: string;
  to: string;
  body: string;
  at: number;
  direction: 'received' | 'sent';
}

/** The whole simulated world: plain JSON data, so that it snapshots and restores as is. */
export interface WorldState {
  accounts: Record<string, AccountState>;
  /** Numbers taken per area code, across accounts. */
  taken: Record<string, number>;
  /** Every number held by some account, so that no number is ordered twice. */
  owners: Record<string, string>;
  faults: Record<string, FaultState>;
  counters: Record<string, number>;
}

/** A fact of the world, as the API's events; the simulator assigns ids and delivers them. */
export interface DomainEvent {
  /** The event's place in the one sequence of whoever records it (the simulator); 0 until then. */
  id: number;
  type: string;
  at: number;
  account: string;
  subgroup?: string;
  data: Record<string, unknown>;
}

/** A command the world schedules for itself, to run as the system at `at`. */
export interface Timer {
  at: number;
  command: Command;
}

export type Outcome =
  { ok: true; result?: unknown; events: DomainEvent[]; timers: Timer[] } | { ok: false; refusal: Refusal };

/** The actions of docs/scenarios.md, named by `action`, and the timers the world sets itself (`timer.*`). */
export type Command =
  | ({ action: 'register_brand' } & RegisterBrand)
  | { action: 'request_vetting'; brand: string }
  | ({ action: 'submit_campaign' } & SubmitCampaign)
  | ({ action: 'order_number' } & OrderNumber)
  | { action: 'rename_number'; number: string; name: string }
  | { action: 'assign_number'; number: string; campaign: string | null }
  | { action: 'set_inbox'; number: string; mode: 'agent' | 'bot'; agents: string[] }
  | { action: 'release_number'; number: string }
  | { action: 'port_out'; number: string; pin: string }
  | ({ action: 'create_outreach' } & CreateOutreach)
  | ({ action: 'launch_outreach' } & Partial<CreateOutreach> & { id: string })
  | { action: 'complete_outreach'; id: string }
  | ({ action: 'send' } & SendMessage)
  | { action: 'cancel_message'; message: string }
  | { action: 'deactivate_campaign'; campaign: string }
  | { action: 'put_pool'; id: string; origin: ProviderFace; campaign?: string | null }
  | { action: 'delete_pool'; id: string }
  | { action: 'pool_number'; number: string; pool: string | null }
  | { action: 'put_record'; id: string; face: ProviderFace; kind: string; data: Record<string, unknown> }
  | { action: 'delete_record'; id: string }
  | { action: 'reply'; from: string; to: string; body: string }
  | ({ action: 'fault' } & Omit<FaultState, 'id'> & { id?: string })
  | { action: 'clear_fault'; id: string }
  | { action: 'timer.brand_review'; account: string; brand: string }
  | { action: 'timer.brand_vetting'; account: string; brand: string }
  | { action: 'timer.campaign_review'; account: string; campaign: string }
  | { action: 'timer.provisioned'; account: string; number: string }
  | { action: 'timer.propagated'; account: string; number: string; version: number }
  | { action: 'timer.release_send'; account: string; message: string }
  | { action: 'timer.quiet_hours_end'; account: string; message: string }
  | { action: 'timer.dispatch'; account: string; message: string }
  | { action: 'timer.deliver'; account: string; message: string };

export interface SendMessage {
  from?: string;
  outreach?: string;
  /** Send from the pool's numbers (a Twilio `MessagingServiceSid`): the first active one. */
  pool?: string;
  to: string;
  body: string;
  sendAt?: string | number;
  callback?: string;
  /** The provider face the send came through (its status callbacks are that face's). */
  face?: ProviderFace;
}

export interface RegisterBrand {
  id?: string;
  name: string;
  entityType: EntityType;
  ein?: string;
  country?: string;
  email?: string;
  vertical?: string;
  trustScore?: number;
  stockSymbol?: string;
  stockExchange?: string;
  nonprofitType?: NonprofitType;
}

export interface SubmitCampaign {
  id?: string;
  brand: string;
  useCase: string;
  subUseCases?: string[];
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
}

export interface OrderNumber {
  e164?: string;
  areaCode?: string;
  kind: NumberKind;
  lifetime?: NumberLifetime;
  name?: string;
  subgroup?: string;
  campaign?: string;
  portProtected?: boolean;
  rep?: string;
  inbox?: InboxSettings;
  origin?: ProviderFace;
}

export interface CreateOutreach {
  id?: string;
  type: OutreachType;
  campaign?: string;
  numberMode?: NumberLifetime;
  numbers?: string[];
  areaCode?: string;
  market?: string;
  dailyVolume?: number;
  subgroup?: string;
  owner?: string;
  recipients?: Array<{ to: string; name?: string }>;
  body?: string;
}

/** The statuses of the registry objects, re-exported for the faces. */
export type { BrandStatus, CampaignStatus, NumberStatus, OutreachStatus };
