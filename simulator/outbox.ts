import type { FaceTarget } from './faces/routing.js';
import { faceLog } from './faces/routing.js';
import type { SimEvent } from './simulation.js';
import { matchesType, type WebhookSubscription } from './webhook-subscription.js';

export interface DeliveryAttempt {
  /** Wall time the attempt was made. */
  at: string;
  /** Virtual time the attempt was due. */
  dueAt: string;
  status?: number;
  error?: string;
  ms: number;
  /** The `X-Tendlc-Signature` header the request carried; absent when no request was made. */
  signature?: string;
}

export interface Delivery {
  id: string;
  subscription: string;
  eventId: number;
  eventType: string;
  state: 'pending' | 'delivered' | 'failed';
  attempts: DeliveryAttempt[];
  /** Virtual time of the next attempt while pending. */
  nextAttemptAt?: string;
}

/** A delivery still to be made: what it sends, where, and when it is due (virtual ms). */
export interface PendingDelivery {
  delivery: Delivery;
  event: SimEvent;
  url: string;
  secret: string;
  due: number;
  /** A provider face's delivery: the face formats and signs it (absent: a native subscription's). */
  face?: Omit<FaceTarget, 'url'>;
}

/** The outbox as plain data, for the state file. */
export interface OutboxData {
  counter: number;
  deliveries: Record<string, Delivery[]>;
  pending: Array<Omit<PendingDelivery, 'delivery'> & { delivery: string }>;
}

export interface OutboxOptions {
  /** Attempts before a delivery is given up (at-least-once within these). */
  maxAttempts?: number;
  /** The first retry's delay in virtual milliseconds; each next one doubles. */
  backoffMs?: number;
}

const KEEP_FINISHED = 1000;

/**
 * The webhook deliveries owed, as state of the service: which event goes to which subscription,
 * each attempt made and its answer, and when the next one is due. It changes only through the
 * service's entries (an event recorded, an attempt's result committed), so the journal and the
 * state file keep it, a restart resumes every pending delivery on its schedule with its attempt
 * count, and the log of deliveries survives. Sending is the dispatcher's: this says what is due.
 */
export class WebhookOutbox {
  private counter = 0;
  private log = new Map<string, Delivery[]>();
  private finished = new Map<string, number>();
  private pending = new Map<string, PendingDelivery>();
  private listeners: Array<(change: { due?: PendingDelivery; reloaded?: true }) => void> = [];
  private readonly maxAttempts: number;
  private readonly backoffMs: number;

  constructor(options: OutboxOptions = {}) {
    this.maxAttempts = options.maxAttempts ?? 10;
    this.backoffMs = options.backoffMs ?? 1000;
  }

  /** Calls back when a delivery becomes due at a time, or when the whole outbox was replaced. */
  onChange(listener: (change: { due?: PendingDelivery; reloaded?: true }) => void): void {
    this.listeners.push(listener);
  }

  /**
   * A delivery for each of the subscriptions whose patterns match the event, and for each of the
   * provider faces' targets of it, due at once.
   */
  enqueue(
    event: SimEvent,
    subscriptions: Readonly<Record<string, WebhookSubscription>>,
    targets: readonly FaceTarget[] = [],
  ): void {
    for (const id in subscriptions) {
      const sub = subscriptions[id]!;
      if (sub.account !== event.account || !matchesType(event.type, sub.events)) continue;
      this.add(sub.id, event, { url: sub.url, secret: sub.secret });
    }
    for (const { url, ...face } of targets)
      this.add(faceLog(face.face, event.account), event, { url, secret: '', face });
  }

  private add(log: string, event: SimEvent, to: Pick<PendingDelivery, 'url' | 'secret' | 'face'>): void {
    this.counter += 1;
    const delivery: Delivery = {
      id: `dlv-${String(this.counter)}`,
      subscription: log,
      eventId: event.id,
      eventType: event.type,
      state: 'pending',
      attempts: [],
      nextAttemptAt: new Date(event.at).toISOString(),
    };
    const list = this.log.get(log) ?? [];
    list.push(delivery);
    this.log.set(log, list);
    this.schedule({ delivery, event, ...to, due: event.at });
  }

  /** Records an attempt's result at virtual time `now`: delivered, given up, or due again later. */
  settle(id: string, attempt: DeliveryAttempt, now: number): void {
    const p = this.pending.get(id);
    if (!p) return;
    const { delivery } = p;
    delivery.attempts.push(attempt);
    const ok = attempt.status !== undefined && attempt.status >= 200 && attempt.status < 300;
    if (ok || delivery.attempts.length >= this.maxAttempts) {
      delivery.state = ok ? 'delivered' : 'failed';
      delete delivery.nextAttemptAt;
      this.pending.delete(id);
      this.trim(delivery.subscription);
      return;
    }
    const due = now + this.backoffMs * 2 ** (delivery.attempts.length - 1);
    // A face's failover URL, if it has one, takes the retries of a failed attempt.
    this.schedule({ ...p, ...(p.face?.failover === undefined ? {} : { url: p.face.failover }), due });
  }

  /** A reset ended the history: what it owed goes with it, and ids start over. */
  clear(): void {
    this.counter = 0;
    this.log = new Map();
    this.finished = new Map();
    this.pending = new Map();
    for (const listener of this.listeners) listener({ reloaded: true });
  }

  /** A pending delivery by id. */
  pendingOf(id: string): PendingDelivery | undefined {
    return this.pending.get(id);
  }

  /** Every pending delivery. */
  allPending(): IterableIterator<PendingDelivery> {
    return this.pending.values();
  }

  deliveriesOf(subscription: string): Delivery[] {
    return this.log.get(subscription) ?? [];
  }

  /** The outbox as plain data, copied: safe to write out while deliveries go on. */
  toData(): OutboxData {
    return structuredClone({
      counter: this.counter,
      deliveries: Object.fromEntries(this.log),
      pending: [...this.pending.values()].map((p) => ({ ...p, delivery: p.delivery.id })),
    });
  }

  /** Replaces the outbox with saved data (recovery); the data is taken, not copied. */
  load(data: OutboxData | undefined): void {
    this.counter = data?.counter ?? 0;
    this.log = new Map(Object.entries(data?.deliveries ?? {}));
    this.finished = new Map(
      [...this.log].map(([sub, list]) => [sub, list.filter((d) => d.state !== 'pending').length]),
    );
    const byId = new Map([...this.log.values()].flat().map((d) => [d.id, d]));
    this.pending = new Map();
    for (const p of data?.pending ?? []) {
      const delivery = byId.get(p.delivery);
      if (delivery) this.pending.set(delivery.id, { ...p, delivery });
    }
    for (const listener of this.listeners) listener({ reloaded: true });
  }

  private schedule(p: PendingDelivery): void {
    p.delivery.nextAttemptAt = new Date(p.due).toISOString();
    this.pending.set(p.delivery.id, p);
    for (const listener of this.listeners) listener({ due: p });
  }

  /** Keeps the log of finished deliveries bounded; rebuilt once per KEEP_FINISHED, so O(1) amortised. */
  private trim(subscription: string): void {
    const finished = (this.finished.get(subscription) ?? 0) + 1;
    this.finished.set(subscription, finished);
    const list = this.log.get(subscription);
    if (!list || finished <= KEEP_FINISHED * 2) return;
    const pending = list.filter((d) => d.state === 'pending');
    const done = list.filter((d) => d.state !== 'pending').slice(-KEEP_FINISHED);
    this.log.set(subscription, [...done, ...pending]);
    this.finished.set(subscription, done.length);
  }
}
