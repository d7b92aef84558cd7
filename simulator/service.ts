import { randomBytes } from 'node:crypto';
import type { AccountConfig } from '../engine/account-config.js';
import type { CarrierProfile, LatencyName } from '../engine/carrier-profile.js';
import { refuse, type Refusal } from '../engine/refusal.js';
import type { Actor, Command, Outcome, ProviderFace, Query, QueryResult } from '../engine/world/index.js';
import { newCredentials, type ProviderCredentials } from './faces/credentials.js';
import type { EventRoute } from './faces/routing.js';
import { WebhookOutbox, type DeliveryAttempt, type OutboxOptions } from './outbox.js';
import type { ActorRef, JournalEntry, SavedState, ServiceState } from './service-state.js';
import { Simulation } from './simulation.js';
import { StorageUnavailable } from './storage-error.js';
import { VirtualClock, type ClockSetting } from './virtual-clock.js';
import type { WebhookSubscription } from './webhook-subscription.js';

export type { ActorRef, JournalEntry, ServiceState } from './service-state.js';

export interface ServiceOptions {
  profile: CarrierProfile;
  /** How many events the window keeps for `?since=` (default 100,000). */
  eventRetention?: number;
  /** Wall clock, injectable for tests. */
  wall?: () => number;
  /** The simulation to drive: the scenario runner passes its own (a test's may be instrumented). */
  simulation?: Simulation;
  /** Webhook retries: attempts and backoff. */
  outbox?: OutboxOptions;
  /** The provider faces' routing of events to their webhook URLs (simulator/faces/). */
  eventRoutes?: readonly EventRoute[];
}

/** Called with each entry before it is applied; the journal's write. */
export type EntrySink = (entry: JournalEntry) => void;

/**
 * The simulator as a service: the simulation on its virtual clock, the users' keys, the admin
 * token, webhook subscriptions and named snapshots. Every change goes through `commit`, so the
 * journal sees it; HTTP, WebSocket and webhooks are faces of this.
 */
export class SimulatorService {
  readonly sim: Simulation;
  readonly clock: VirtualClock;
  /** Webhook deliveries owed and made: state, changed only by entries. */
  readonly outbox: WebhookOutbox;
  private keys = new Map<string, ActorRef>();
  private credentials: Record<string, ProviderCredentials> = {};
  private adminToken = '';
  private seed = 1;
  private webhooks: Record<string, WebhookSubscription> = {};
  private snapshots: Record<string, SavedState> = {};
  private counters: Record<string, number> = {};
  private sink: EntrySink | undefined;
  private changeListeners: Array<() => void> = [];
  private historyListeners: Array<(history: string) => void> = [];
  private historyId = LEGACY_HISTORY;

  /** The profile the server started with: a reset without one returns to it. */
  private readonly startProfile: CarrierProfile;

  constructor(options: ServiceOptions) {
    this.startProfile = options.profile;
    this.sim =
      options.simulation ??
      new Simulation({
        profile: options.profile,
        ...(options.eventRetention === undefined ? {} : { eventRetention: options.eventRetention }),
      });
    this.clock = new VirtualClock(this.sim.now(), { mode: 'manual', scale: 0 }, options.wall);
    this.outbox = new WebhookOutbox(options.outbox);
    // Every event is owed to the subscriptions that match it, and to the provider faces' URLs it
    // routes to, as it is recorded: live and in replay.
    const routes = options.eventRoutes ?? [];
    this.sim.onEvent((event) =>
      this.outbox.enqueue(
        event,
        this.webhooks,
        routes.flatMap((route) => route(event, this.sim.inspect())),
      ),
    );
  }

  /** Starts journaling: from now on every entry goes to the sink before it applies. */
  journalTo(sink: EntrySink | undefined): void {
    this.sink = sink;
  }

  /** Calls back after every committed change (the persistence cadence, the clock's wake-up). */
  onChange(listener: () => void): void {
    this.changeListeners.push(listener);
  }

  /**
   * The current history's id. A reset begins a new history, in which ids start over as in a fresh
   * start; within one history an id never names two things. Consumers of events tell histories
   * apart by it.
   */
  get history(): string {
    return this.historyId;
  }

  /** Calls back when a reset ends the history and begins another; returns the unsubscribe function. */
  onNewHistory(listener: (history: string) => void): () => void {
    this.historyListeners.push(listener);
    return () => {
      this.historyListeners = this.historyListeners.filter((l) => l !== listener);
    };
  }

  // ── setup and recovery ────────────────────────────────────────────────────────────────────

  /** A fresh service: seed, latency, start time, clock mode and admin token. */
  init(options: {
    seed: number;
    latency: LatencyName;
    start: number;
    clock: ClockSetting;
    adminToken?: string;
  }): void {
    this.commit({
      t: 'init',
      seed: options.seed,
      latency: options.latency,
      start: options.start,
      clock: options.clock,
      adminToken: options.adminToken ?? newSecret('tda'),
      history: newHistoryId(),
    });
  }

  /** Replaces the whole service with a saved state (recovery); the state is taken, not copied. */
  load(state: ServiceState): void {
    this.sim.restore(state.sim, 'load');
    this.sim.profile = state.profile ?? this.startProfile;
    this.historyId = state.history ?? LEGACY_HISTORY;
    this.outbox.load(state.outbox);
    this.seed = state.seed;
    this.adminToken = state.adminToken;
    this.keys = new Map(Object.entries(state.keys));
    this.credentials = state.credentials ?? {};
    this.webhooks = state.webhooks;
    this.snapshots = state.snapshots;
    this.counters = state.counters;
    this.clock.set(state.clock);
    this.clock.moveTo(state.sim.clock);
  }

  /** Replays journal entries (recovery), without journaling them again. */
  replay(entries: readonly JournalEntry[]): void {
    for (const entry of entries) this.apply(entry);
    // A running clock resumes where the world got to, not where the last snapshot left it.
    this.clock.catchUp(this.sim.now());
  }

  /** The whole service as plain data, cloned: safe to write out while the service goes on. */
  state(segment: number): ServiceState {
    return {
      format: 1,
      segment,
      seed: this.seed,
      clock: { mode: this.clock.mode, scale: this.clock.scale },
      adminToken: this.adminToken,
      sim: this.sim.snapshot(),
      keys: Object.fromEntries(this.keys),
      credentials: structuredClone(this.credentials),
      webhooks: structuredClone(this.webhooks),
      // Saved states are never changed once made: a copy of the record is a copy of them all.
      snapshots: { ...this.snapshots },
      counters: { ...this.counters },
      ...(this.sim.profile === this.startProfile ? {} : { profile: this.sim.profile }),
      history: this.historyId,
      outbox: this.outbox.toData(),
    };
  }

  /** Whether any account was ever loaded (a fresh state file has none). */
  get initialized(): boolean {
    return this.adminToken !== '';
  }

  // ── time ──────────────────────────────────────────────────────────────────────────────────

  /**
   * Brings the world up to the clock's now, firing the timers due. When any fire, that is an
   * entry: a recovery then fires them at the same point among the other entries, so that their
   * events keep their ids. While the disk refuses the entry, the world waits where it is.
   */
  sync(): void {
    const now = this.clock.now();
    const due = this.sim.nextDue();
    if (due === undefined || due > now) return this.sim.advanceTo(now);
    try {
      this.commit({ t: 'tick', at: now });
    } catch (error) {
      if (!(error instanceof StorageUnavailable)) throw error;
    }
  }

  /** `POST /v1/sim/clock {advance}`. */
  advance(ms: number): void {
    this.sync();
    this.commit({ t: 'advance', at: this.sim.now() + Math.max(0, ms) });
  }

  /** `POST /v1/sim/clock {mode, scale}`. */
  setClock(setting: ClockSetting): void {
    this.sync();
    this.commit({ t: 'clock', at: this.sim.now(), setting });
  }

  // ── the world ─────────────────────────────────────────────────────────────────────────────

  /** Runs a command as a user (or as the system, for the control plane). */
  execute(command: Command, actor?: ActorRef): Outcome {
    this.sync();
    return this.commit({ t: 'exec', at: this.sim.now(), command, ...(actor ? { actor } : {}) });
  }

  /** Reads the world as a user (or as the system, naming the account). */
  query(q: Query, actor?: ActorRef, account?: string): QueryResult {
    this.sync();
    return this.sim.query(q, actor ? this.actor(actor) : undefined, actor?.account ?? account);
  }

  /** Creates an account from a config document, with a new key for each user. */
  loadAccount(config: AccountConfig): { ok: true; keys: UserKey[] } | { ok: false; refusal: Refusal } {
    this.sync();
    const keys = Object.fromEntries((config.users ?? []).map((u) => [u.id, newSecret('tdk')]));
    const credentials = newCredentials(config.account.id);
    const outcome = this.commit({ t: 'load', at: this.sim.now(), config, keys, credentials });
    if (!outcome.ok) return outcome;
    return { ok: true, keys: this.keysOf(config.account.id) };
  }

  /** Marks the current state as the one `reset` returns to. */
  markInitial(): void {
    this.commit({ t: 'initial', at: this.sim.now() });
  }

  reseed(seed: number): void {
    this.sync();
    this.commit({ t: 'seed', at: this.sim.now(), seed });
  }

  /** Saves the whole state under a new id. */
  snapshot(): { id: string; at: string } {
    this.sync();
    const id = `snap-${String((this.counters.snapshot ?? 0) + 1)}`;
    this.commit({ t: 'snapshot', at: this.sim.now(), id });
    return { id, at: new Date(this.sim.now()).toISOString() };
  }

  restore(id: string): Refusal | undefined {
    if (!Object.hasOwn(this.snapshots, id))
      return refuse('not-found', undefined, `snapshot '${id}' does not exist`);
    this.sync();
    this.commit({ t: 'restore', at: this.sim.now(), id });
    return undefined;
  }

  /**
   * Back to the state right after the start's configs loaded; with a seed, a latency profile and a
   * start time, a fresh run as a scenario sets it up (so that a suite gives the same results in
   * process and against a server).
   */
  reset(
    options: { seed?: number; latency?: LatencyName; start?: number; profile?: CarrierProfile } = {},
  ): void {
    this.sync();
    this.commit({ t: 'reset', at: this.sim.now(), ...options, history: newHistoryId() });
  }

  // ── keys ──────────────────────────────────────────────────────────────────────────────────

  /** The acting user of a key, as the world knows them now; undefined for an unknown key. */
  actorOf(key: string): ActorRef | undefined {
    const ref = this.keys.get(key);
    return ref && this.actor(ref) ? ref : undefined;
  }

  /** The world's view of a user: role and subgroups; a provider face's account credentials act as an owner. */
  actor(ref: ActorRef): Actor | undefined {
    const account = this.sim.inspect().accounts[ref.account];
    if (account && ref.user.startsWith('@'))
      return { account: ref.account, user: ref.user, role: 'owner', subgroups: [] };
    const user = account?.users[ref.user];
    return user && { account: ref.account, user: user.id, role: user.role, subgroups: user.subgroups };
  }

  /** Replaces the admin token (`--admin-token` on a restart). */
  setAdminToken(token: string): void {
    this.commit({ t: 'admin', token });
  }

  isAdmin(token: string): boolean {
    return token !== '' && token === this.adminToken;
  }

  get admin(): string {
    return this.adminToken;
  }

  keysOf(account: string): UserKey[] {
    const out: UserKey[] = [];
    for (const [key, ref] of this.keys) {
      if (ref.account !== account) continue;
      const actor = this.actor(ref);
      if (actor) out.push({ user: ref.user, role: actor.role, subgroups: [...actor.subgroups], key });
    }
    return out;
  }

  accounts(): string[] {
    return Object.keys(this.sim.inspect().accounts);
  }

  // ── provider credentials ──────────────────────────────────────────────────────────────────

  /** An account's provider credentials, made (and journaled) for an account that has none yet. */
  credentialsOf(account: string): ProviderCredentials | undefined {
    if (!this.accounts().includes(account)) return undefined;
    const held = this.credentials[account];
    if (held) return held;
    const credentials = newCredentials(account);
    this.commit({ t: 'credentials', account, credentials });
    return credentials;
  }

  /**
   * The account whose provider credential this is (a Twilio SID, a Telnyx API key), if any. A
   * lookup only: credentials are made when they are first shown (banner, keys route, in-test
   * handle), and a credential nobody was shown cannot be presented.
   */
  accountByCredential(face: ProviderFace, credential: string): string | undefined {
    for (const account of this.accounts()) {
      const held = this.credentials[account];
      const id = face === 'twilio' ? held?.twilio.accountSid : held?.telnyx.apiKey;
      if (id === credential) return account;
    }
    return undefined;
  }

  // ── webhooks ──────────────────────────────────────────────────────────────────────────────

  addWebhook(account: string, url: string, events: string[]): WebhookSubscription {
    this.sync();
    const subscription: WebhookSubscription = {
      id: `wh-${String((this.counters.webhook ?? 0) + 1)}`,
      account,
      url,
      events,
      secret: newSecret('whsec'),
      createdAt: new Date(this.sim.now()).toISOString(),
    };
    this.commit({ t: 'webhook', at: this.sim.now(), subscription });
    return subscription;
  }

  removeWebhook(account: string, id: string): boolean {
    if (this.webhooks[id]?.account !== account) return false;
    this.commit({ t: 'unhook', at: this.sim.now(), account, id });
    return true;
  }

  /** Records a webhook delivery attempt's result: delivered, given up, or due again later. */
  settleDelivery(delivery: string, attempt: DeliveryAttempt): void {
    this.sync();
    this.commit({ t: 'attempt', at: this.sim.now(), delivery, attempt });
  }

  webhooksOf(account: string): WebhookSubscription[] {
    return Object.values(this.webhooks).filter((w) => w.account === account);
  }

  allWebhooks(): WebhookSubscription[] {
    return Object.values(this.webhooks);
  }

  // ── the one way in ────────────────────────────────────────────────────────────────────────

  private commit(entry: JournalEntry): Outcome {
    this.sink?.(entry);
    const outcome = this.apply(entry);
    for (const listener of this.changeListeners) listener();
    return outcome;
  }

  private apply(entry: JournalEntry): Outcome {
    const done: Outcome = { ok: true, events: [], timers: [] };
    if (entry.t !== 'init' && entry.t !== 'admin' && entry.t !== 'credentials') this.sim.advanceTo(entry.at);
    switch (entry.t) {
      case 'init':
        this.seed = entry.seed;
        this.sim.reseed(entry.seed);
        this.sim.latency = entry.latency;
        this.sim.advanceTo(entry.start);
        this.adminToken = entry.adminToken;
        this.historyId = entry.history ?? LEGACY_HISTORY;
        this.clock.set(entry.clock);
        this.clock.moveTo(entry.start);
        return done;
      case 'admin':
        this.adminToken = entry.token;
        return done;
      case 'load': {
        const outcome = this.sim.load(entry.config);
        if (outcome.ok) {
          for (const [user, key] of Object.entries(entry.keys))
            this.keys.set(key, { account: entry.config.account.id, user });
          if (entry.credentials) this.credentials[entry.config.account.id] = entry.credentials;
        }
        return outcome;
      }
      case 'credentials':
        this.credentials[entry.account] = entry.credentials;
        return done;
      case 'exec':
        return this.sim.execute(entry.command, entry.actor ? this.actor(entry.actor) : undefined);
      case 'advance':
        this.clock.catchUp(entry.at);
        return done;
      case 'tick':
        return done;
      case 'clock':
        this.clock.set(entry.setting);
        return done;
      case 'seed':
        this.seed = entry.seed;
        this.sim.reseed(entry.seed);
        return done;
      case 'initial':
      case 'snapshot': {
        const id = entry.t === 'initial' ? 'initial' : entry.id;
        if (entry.t === 'snapshot') this.counters.snapshot = (this.counters.snapshot ?? 0) + 1;
        this.snapshots[id] = {
          sim: this.sim.snapshot(),
          webhooks: structuredClone(this.webhooks),
          webhookCounter: this.counters.webhook ?? 0,
        };
        return done;
      }
      case 'restore': {
        // The same history goes on: the world goes back, its ids do not (see Simulation.restore).
        const saved = this.snapshots[entry.id];
        if (!saved) return done;
        this.sim.restore(saved.sim, 'continue');
        this.webhooks = structuredClone(saved.webhooks);
        this.clock.moveTo(this.sim.now());
        return done;
      }
      case 'reset': {
        // A new history, as a fresh start would begin it: ids start over from the initial state.
        const saved = this.snapshots.initial;
        if (!saved) return done;
        this.sim.restore(saved.sim, 'begin');
        this.webhooks = structuredClone(saved.webhooks);
        this.counters.webhook = saved.webhookCounter ?? Object.keys(saved.webhooks).length;
        this.sim.profile = entry.profile ?? this.startProfile;
        if (entry.seed !== undefined) this.sim.reseed(entry.seed);
        if (entry.latency !== undefined) this.sim.latency = entry.latency;
        if (entry.start !== undefined) this.sim.rewind(entry.start);
        this.clock.moveTo(this.sim.now());
        this.historyId = entry.history ?? `${this.historyId}+`;
        this.outbox.clear();
        for (const listener of this.historyListeners) listener(this.historyId);
        return done;
      }
      case 'webhook':
        this.counters.webhook = (this.counters.webhook ?? 0) + 1;
        this.webhooks[entry.subscription.id] = entry.subscription;
        return done;
      case 'unhook':
        delete this.webhooks[entry.id];
        return done;
      case 'attempt':
        this.outbox.settle(entry.delivery, entry.attempt, entry.at);
        return done;
    }
  }
}

export interface UserKey {
  user: string;
  role: string;
  subgroups: string[];
  key: string;
}

/** The history of state written before histories had ids. */
const LEGACY_HISTORY = 'h_0';

/** A new history's id: random, so that a history of another run or another server never matches. */
function newHistoryId(): string {
  return `h_${randomBytes(9).toString('base64url')}`;
}

/** A random secret with a readable prefix (`tdk_…` keys, `tda_…` admin token, `whsec_…`). */
function newSecret(prefix: string): string {
  return `${prefix}_${randomBytes(18).toString('base64url')}`;
}
