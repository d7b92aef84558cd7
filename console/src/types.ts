// The API's resources as the console reads them (schemas/openapi.json is the contract).

export interface PhoneNumber {
  e164: string;
  kind: 'campaign' | 'one-to-one';
  lifetime: 'dedicated' | 'single-use';
  status: string;
  name?: string;
  subgroup?: string;
  campaign?: string;
  assignment: 'none' | 'propagating' | 'effective';
  portProtected: boolean;
  portPin?: string;
  rep?: string;
  inbox?: { mode: string; agents?: string[] };
  orderedAt: string;
}

export interface Brand {
  id: string;
  name: string;
  entityType: string;
  status: string;
  trustScore: number;
  vetted: boolean;
  vetting: string;
  createdAt: string;
  tier: string;
  dailyCap: number;
  mps: number;
}

export interface Campaign {
  id: string;
  brand: string;
  useCase: string;
  status: string;
  description?: string;
  reasons: Array<{ rule: string; errorCode?: number; message: string }>;
  submittedAt: string;
  decidedAt?: string;
}

export interface Message {
  id: string;
  direction: 'outbound' | 'inbound';
  from: string;
  to: string;
  body: string;
  segments: number;
  status: string;
  errorCode?: number;
  rule?: string;
  answers?: string;
  outreach?: string;
  subgroup?: string;
  createdAt: string;
  sentAt?: string;
  doneAt?: string;
}

export interface SimEvent {
  id: number;
  type: string;
  at: string;
  account: string;
  subgroup?: string;
  data: Record<string, unknown>;
}

export interface Usage {
  account: string;
  subgroups: string[];
  day: string;
  dedicatedNumbers: { held: number; limit: number };
  campaigns: Array<{
    campaign: string;
    brand: string;
    status: string;
    associations: number;
    limit: number;
    dailyCap: number;
  }>;
  brands: Array<{
    brand: string;
    tier: string;
    trustScore: number;
    mps: number;
    dailyCap: number;
    segmentsToday: number;
    queued: number;
  }>;
}

export interface RuleExample {
  title: string;
  config: string;
  steps?: string;
}

export interface Rule {
  id: string;
  severity: string;
  where: string;
  family: string;
  description: string;
  why: string;
  fix: string;
  examples: { failing: RuleExample; passing: RuleExample };
  source: string;
  params: string[];
}

export interface Webhook {
  id: string;
  url: string;
  events: string[];
  createdAt: string;
}

export interface Delivery {
  id: string;
  eventId: number;
  eventType: string;
  state: string;
  attempts: Array<{
    at: string;
    dueAt: string;
    status?: number;
    error?: string;
    ms: number;
    signature?: string;
  }>;
  nextAttemptAt?: string;
}

export interface Conversation {
  number: string;
  contact: string;
  name: string;
  tab: 'participating' | 'needs-attention';
  lastAt: string;
}

export interface Clock {
  now: string;
  mode: string;
  scale: number;
  nextDue?: string;
}

export interface UserKey {
  user: string;
  role: string;
  subgroups: string[];
  key: string;
}

export interface Outreach {
  id: string;
  type: string;
  status: string;
  campaign?: string;
  numberMode: string;
  numbers: string[];
  recipients: Array<{ to: string; name?: string }>;
  subgroup?: string;
}
