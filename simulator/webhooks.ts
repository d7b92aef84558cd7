import { createHmac } from 'node:crypto';
import type { SimEvent } from './simulation.js';
import type { SimulatorService } from './service.js';
import { matchesType, type WebhookSubscription } from './webhook-subscription.js';

export interface DeliveryAttempt {
  /** Wall time the attempt was made. */
  at: string;
  /** Virtual time the attempt was due. */
  dueAt: string;
  status?: number;
  error?: string;
  ms: number;
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

interface Pending {
  delivery: Delivery;
  event: SimEvent;
  url: string;
  secret: string;
  due: number;
  inFlight: boolean;
}

export interface WebhookOptions {
  /** Attempts before a delivery is given up (at-least-once within these). */
  maxAttempts?: number;
  /** The first retry's delay in virtual milliseconds; each next one doubles. */
  backoffMs?: number;
  /** Wall milliseconds before an attempt counts as timed out. */
  timeoutMs?: number;
  /** Requests in flight per subscription. */
  concurrency?: number;
}

const KEEP_FINISHED = 1000;

/** The `X-Tendlc-Signature` header value: `t=<unix>,v1=<hex HMAC-SHA256 of "t.body">`. */
export function signature(secret: string, body: string, unixSeconds: number): string {
  const mac = createHmac('sha256', secret)
    .update(`${String(unixSeconds)}.${body}`)
    .digest('hex');
  return `t=${String(unixSeconds)},v1=${mac}`;
}

/** An event as the API delivers it: on the WebSocket, to webhooks. Times are ISO 8601. */
export function eventView(event: SimEvent): Record<string, unknown> {
  return { ...event, at: new Date(event.at).toISOString() };
}

/**
 * Delivers each event to the account's subscriptions whose patterns match, signed, retried with
 * exponential backoff on the virtual clock after a non-2xx answer or a timeout, and logged with
 * every attempt. Deliveries are at least once: receivers de-duplicate by event id.
 */
export class WebhookDispatcher {
  private pending = new Set<Pending>();
  private bySubscription = new Map<string, Delivery[]>();
  private inFlight = new Map<string, number>();
  private counter = 0;
  private flying = 0;
  private idleWaiters: Array<() => void> = [];
  private stopped = false;
  private readonly maxAttempts: number;
  private readonly backoffMs: number;
  private readonly timeoutMs: number;
  private readonly concurrency: number;

  constructor(
    private readonly service: SimulatorService,
    options: WebhookOptions = {},
  ) {
    this.maxAttempts = options.maxAttempts ?? 10;
    this.backoffMs = options.backoffMs ?? 1000;
    this.timeoutMs = options.timeoutMs ?? 5000;
    this.concurrency = options.concurrency ?? 8;
  }

  /** Starts listening to the world's events. */
  start(): void {
    this.service.sim.onEvent((event) => {
      this.enqueue(event);
    });
  }

  private enqueue(event: SimEvent): void {
    for (const sub of this.service.allWebhooks()) {
      if (sub.account !== event.account || !matchesType(event.type, sub.events)) continue;
      this.counter += 1;
      const delivery: Delivery = {
        id: `dlv-${String(this.counter)}`,
        subscription: sub.id,
        eventId: event.id,
        eventType: event.type,
        state: 'pending',
        attempts: [],
        nextAttemptAt: new Date(event.at).toISOString(),
      };
      this.track(sub, delivery);
      this.pending.add({ delivery, event, url: sub.url, secret: sub.secret, due: event.at, inFlight: false });
    }
    if (this.pending.size > 0) setImmediate(() => this.pump());
  }

  private track(sub: WebhookSubscription, delivery: Delivery): void {
    const list = this.bySubscription.get(sub.id) ?? [];
    list.push(delivery);
    this.bySubscription.set(sub.id, list);
  }

  /** Sends every attempt due on the virtual clock, within the concurrency of each subscription. */
  pump(): void {
    if (this.stopped) return;
    const now = this.service.clock.now();
    for (const p of this.pending) {
      if (p.inFlight || p.due > now) continue;
      const busy = this.inFlight.get(p.delivery.subscription) ?? 0;
      if (busy >= this.concurrency) continue;
      this.inFlight.set(p.delivery.subscription, busy + 1);
      p.inFlight = true;
      this.flying += 1;
      void this.attempt(p);
    }
  }

  /** The virtual time of the earliest retry waiting, for the clock's wake-up. */
  nextDue(): number | undefined {
    let next: number | undefined;
    for (const p of this.pending) if (!p.inFlight && (next === undefined || p.due < next)) next = p.due;
    return next;
  }

  deliveriesOf(subscription: string): Delivery[] {
    return this.bySubscription.get(subscription) ?? [];
  }

  /** Resolves when no attempt is in flight (tests, shutdown). */
  idle(): Promise<void> {
    if (this.flying === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  stop(): void {
    this.stopped = true;
  }

  private async attempt(p: Pending): Promise<void> {
    const body = JSON.stringify(eventView(p.event));
    const started = Date.now();
    const attempt: DeliveryAttempt = {
      at: new Date(started).toISOString(),
      dueAt: new Date(p.due).toISOString(),
      ms: 0,
    };
    try {
      const res = await fetch(p.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'tendlc-webhooks',
          'x-tendlc-signature': signature(p.secret, body, Math.floor(started / 1000)),
          'x-tendlc-event-id': String(p.event.id),
          'x-tendlc-delivery': p.delivery.id,
        },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      attempt.status = res.status;
      await res.body?.cancel();
    } catch (error) {
      attempt.error =
        error instanceof Error && error.name === 'TimeoutError' ? 'timeout' : 'connection failed';
    }
    attempt.ms = Date.now() - started;
    this.settle(p, attempt);
  }

  private settle(p: Pending, attempt: DeliveryAttempt): void {
    const { delivery } = p;
    delivery.attempts.push(attempt);
    this.inFlight.set(delivery.subscription, (this.inFlight.get(delivery.subscription) ?? 1) - 1);
    p.inFlight = false;
    this.flying -= 1;
    const ok = attempt.status !== undefined && attempt.status >= 200 && attempt.status < 300;
    if (ok || delivery.attempts.length >= this.maxAttempts) {
      delivery.state = ok ? 'delivered' : 'failed';
      delete delivery.nextAttemptAt;
      this.pending.delete(p);
      this.trim(delivery.subscription);
    } else {
      p.due = this.service.clock.now() + this.backoffMs * 2 ** (delivery.attempts.length - 1);
      delivery.nextAttemptAt = new Date(p.due).toISOString();
    }
    this.pump();
    if (this.flying === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  /** Keeps the log of finished deliveries bounded. */
  private trim(subscription: string): void {
    const list = this.bySubscription.get(subscription);
    if (!list || list.length <= KEEP_FINISHED * 2) return;
    const pending = list.filter((d) => d.state === 'pending');
    const done = list.filter((d) => d.state !== 'pending').slice(-KEEP_FINISHED);
    this.bySubscription.set(subscription, [...done, ...pending]);
  }
}
