import type { AccountConfig } from '../engine/account-config.js';
import type { CarrierProfile, LatencyName } from '../engine/carrier-profile.js';
import type { Command } from '../engine/world/index.js';
import type { ArchivedEvents } from './event-archive.js';
import type { ProviderCredentials } from './faces/credentials.js';
import type { DeliveryAttempt, OutboxData } from './outbox.js';
import type { SimulationSnapshot } from './simulation.js';
import type { ClockSetting } from './virtual-clock.js';
import type { WebhookSubscription } from './webhook-subscription.js';

// The service as data: the entries the journal holds, and the state the state file holds.

/**
 * A key's owner: a user of an account. Role and subgroups are read from the world when it acts.
 * A provider face's account credentials act as the account itself: `user` is then the face's
 * name with an `@` (`@twilio`), which no user id can be.
 */
export interface ActorRef {
  account: string;
  user: string;
}

/**
 * Every change to the service, as data. The live service writes each to the journal before it
 * answers, and recovery replays them: the world is deterministic in (state, command, time,
 * seeded draws), so the same entries rebuild the same state, events and ids included.
 */
export type JournalEntry =
  | {
      t: 'init';
      seed: number;
      latency: LatencyName;
      start: number;
      clock: ClockSetting;
      adminToken: string;
      /** The first history's id (absent in journals written before histories had ids). */
      history?: string;
    }
  | { t: 'admin'; token: string }
  | {
      t: 'load';
      at: number;
      config: AccountConfig;
      keys: Record<string, string>;
      /** Absent in journals written before the provider faces: made on first use then. */
      credentials?: ProviderCredentials;
    }
  /** An account's provider credentials, made for an account loaded before the provider faces. */
  | { t: 'credentials'; account: string; credentials: ProviderCredentials }
  | { t: 'exec'; at: number; command: Command; actor?: ActorRef }
  | { t: 'advance'; at: number }
  /** The running clock reached `at` and fired the timers due (realtime and scale modes). */
  | { t: 'tick'; at: number }
  | { t: 'clock'; at: number; setting: ClockSetting }
  | { t: 'seed'; at: number; seed: number }
  | { t: 'initial'; at: number }
  | { t: 'snapshot'; at: number; id: string }
  | { t: 'restore'; at: number; id: string }
  | {
      t: 'reset';
      at: number;
      seed?: number;
      latency?: LatencyName;
      start?: number;
      profile?: CarrierProfile;
      /** The new history's id. */
      history?: string;
    }
  | { t: 'webhook'; at: number; subscription: WebhookSubscription }
  /** A webhook delivery attempt's result (its answer is not deterministic, so it is journaled). */
  | { t: 'attempt'; at: number; delivery: string; attempt: DeliveryAttempt }
  | { t: 'unhook'; at: number; account: string; id: string };

/** What a snapshot (control plane or `reset`) restores. */
export interface SavedState {
  sim: SimulationSnapshot;
  webhooks: Record<string, WebhookSubscription>;
  /** The webhook id counter then: where a reset to this state takes it back to. */
  webhookCounter?: number;
}

/** The whole service as plain data: what the state file holds. */
export interface ServiceState {
  format: 1;
  /** The journal segments up to this one are included. */
  segment: number;
  seed: number;
  clock: ClockSetting;
  adminToken: string;
  sim: SimulationSnapshot;
  keys: Record<string, ActorRef>;
  webhooks: Record<string, WebhookSubscription>;
  snapshots: Record<string, SavedState>;
  counters: Record<string, number>;
  /** The carrier profile a reset set (`POST /v1/sim/reset {profile}`); absent: the start's. */
  profile?: CarrierProfile;
  /** The current history's id (absent in state files written before histories had ids). */
  history?: string;
  /** The archive files that hold the window of events up to this state (the store writes them). */
  events?: ArchivedEvents[];
  /** Webhook deliveries: the log, and those still owed (absent in older state files). */
  outbox?: OutboxData;
  /** Each account's provider credentials (absent in state files from before the provider faces). */
  credentials?: Record<string, ProviderCredentials>;
}
