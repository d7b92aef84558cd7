import { createHmac } from 'node:crypto';
import type { SimEvent } from './simulation.js';
import type { SimulatorService } from './service.js';
import { seededRandom } from './random.js';
import { Scheduler } from './time/scheduler.js';
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

interface Pending {
  delivery: Delivery;
  event: SimEvent;
  url: string;
  secret: string;
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
  /** Attempts waiting, per subscription, in the order they are due. */
  private queues = new Map<string, Scheduler<Pending>>();
  private bySubscription = new Map<string, Delivery[]>();
  private inFlight = new Map<string, number>();
  private finished = new Map<string, number>();
  private counter = 0;
  private flying = 0;
  private wanted = false;
  // A source of its own: an injected failure must not change the world's history.
  private readonly draw = seededRandom(0xf417).next;
  private pumpSoon = false;
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
      this.queue(sub.id).schedule(event.at, { delivery, event, url: sub.url, secret: sub.secret });
      this.wanted = true;
    }
    if (this.wanted && !this.pumpSoon) {
      this.pumpSoon = true;
      setImmediate(() => {
        this.pumpSoon = false;
        this.pump();
      });
    }
  }

  private track(sub: WebhookSubscription, delivery: Delivery): void {
    const list = this.bySubscription.get(sub.id) ?? [];
    list.push(delivery);
    this.bySubscription.set(sub.id, list);
  }

  private queue(subscription: string): Scheduler<Pending> {
    let queue = this.queues.get(subscription);
    if (!queue) {
      queue = new Scheduler<Pending>();
      this.queues.set(subscription, queue);
    }
    return queue;
  }

  /** Sends every attempt due on the virtual clock, within the concurrency of each subscription. */
  pump(): void {
    this.wanted = false;
    if (this.stopped) return;
    const now = this.service.clock.now();
    for (const [subscription, queue] of this.queues) {
      let busy = this.inFlight.get(subscription) ?? 0;
      while (busy < this.concurrency) {
        const at = queue.peek();
        if (at === undefined || at > now) break;
        busy += 1;
        this.flying += 1;
        // A fault here is the simulator's bug, not the receiver's: say so, and keep the server up.
        this.attempt(queue.pop() as Pending, at).catch((error: unknown) => {
          process.stderr.write(
            `tendlc serve: webhook delivery failed internally: ${error instanceof Error ? error.message : String(error)}\n`,
          );
        });
      }
      this.inFlight.set(subscription, busy);
    }
  }

  /** The virtual time of the earliest attempt waiting, for the clock's wake-up. */
  nextDue(): number | undefined {
    let next: number | undefined;
    for (const queue of this.queues.values()) {
      const at = queue.peek();
      if (at !== undefined && (next === undefined || at < next)) next = at;
    }
    return next;
  }

  /** Nothing in flight and nothing due by the virtual now: only the clock can bring more. */
  settled(): boolean {
    const next = this.nextDue();
    return this.flying === 0 && (next === undefined || next > this.service.clock.now());
  }

  deliveriesOf(subscription: string): Delivery[] {
    return this.bySubscription.get(subscription) ?? [];
  }

  /** Resolves when no attempt is in flight (tests, shutdown). */
  idle(): Promise<void> {
    if (this.flying === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** A `webhook-failure` fault on for the account that strikes this attempt (its rate), if any. */
  private injectedFailure(account: string): string | undefined {
    for (const f of Object.values(this.service.sim.inspect().faults))
      if (
        f.type === 'webhook-failure' &&
        (f.account === undefined || f.account === account) &&
        this.draw() < (f.rate ?? 1)
      )
        return f.id;
    return undefined;
  }

  stop(): void {
    this.stopped = true;
  }

  private async attempt(p: Pending, due: number): Promise<void> {
    const body = JSON.stringify(eventView(p.event));
    const started = Date.now();
    const attempt: DeliveryAttempt = {
      at: new Date(started).toISOString(),
      dueAt: new Date(due).toISOString(),
      ms: 0,
    };
    const injected = this.injectedFailure(p.event.account);
    if (injected) {
      attempt.status = 503;
      attempt.error = `injected fault '${injected}'`;
      this.settle(p, attempt);
      return;
    }
    attempt.signature = signature(p.secret, body, Math.floor(started / 1000));
    try {
      const res = await fetch(p.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'tendlc-webhooks',
          'x-tendlc-signature': attempt.signature,
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
    this.flying -= 1;
    const ok = attempt.status !== undefined && attempt.status >= 200 && attempt.status < 300;
    if (ok || delivery.attempts.length >= this.maxAttempts || this.stopped) {
      delivery.state = ok ? 'delivered' : 'failed';
      delete delivery.nextAttemptAt;
      this.trim(delivery.subscription);
    } else {
      const due = this.service.clock.now() + this.backoffMs * 2 ** (delivery.attempts.length - 1);
      delivery.nextAttemptAt = new Date(due).toISOString();
      this.queue(delivery.subscription).schedule(due, p);
    }
    this.pump();
    if (this.flying === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  /** Keeps the log of finished deliveries bounded; rebuilt once per KEEP_FINISHED, so O(1) amortised. */
  private trim(subscription: string): void {
    const finished = (this.finished.get(subscription) ?? 0) + 1;
    this.finished.set(subscription, finished);
    const list = this.bySubscription.get(subscription);
    if (!list || finished <= KEEP_FINISHED * 2) return;
    const pending = list.filter((d) => d.state === 'pending');
    const done = list.filter((d) => d.state !== 'pending').slice(-KEEP_FINISHED);
    this.bySubscription.set(subscription, [...done, ...pending]);
    this.finished.set(subscription, done.length);
  }
}
