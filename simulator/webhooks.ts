import { createHmac } from 'node:crypto';
import type { ProviderFace } from '../engine/world/index.js';
import type { FaceFormat, FaceRequest } from './faces/routing.js';
import type { DeliveryAttempt, Delivery, OutboxOptions, PendingDelivery } from './outbox.js';
import { seededRandom } from './random.js';
import type { SimEvent } from './simulation.js';
import type { SimulatorService } from './service.js';
import { STORAGE_RETRY_AFTER_S, StorageUnavailable } from './storage-error.js';
import { Scheduler } from './time/scheduler.js';

export type { Delivery, DeliveryAttempt } from './outbox.js';

export interface WebhookOptions extends OutboxOptions {
  /** The provider faces' webhook formats, by face. */
  formats?: Partial<Record<ProviderFace, FaceFormat>>;
  /** Wall milliseconds before an attempt counts as timed out. */
  timeoutMs?: number;
  /** Requests in flight per subscription. */
  concurrency?: number;
}

/** Wall milliseconds deliveries wait after the disk refused to record an attempt. */
const STORAGE_HOLD_MS = STORAGE_RETRY_AFTER_S * 1000;

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
 * Sends what the service's outbox owes: each delivery signed, when it is due on the virtual clock,
 * within a concurrency per subscription; each attempt's answer is committed to the service (and so
 * journaled) before the outbox schedules a retry, with exponential backoff, after a non-2xx answer
 * or a timeout. The outbox survives restarts, so deliveries are at least once across them too:
 * receivers de-duplicate by event id (and history).
 */
export class WebhookDispatcher {
  /** Delivery ids by due time, per subscription: an index of the outbox, rebuilt from it. */
  private queues = new Map<string, Scheduler<string>>();
  private inFlight = new Map<string, number>();
  private flyingIds = new Set<string>();
  private wanted = false;
  // A source of its own: an injected failure must not change the world's history.
  private readonly draw = seededRandom(0xf417).next;
  private pumpSoon = false;
  private idleWaiters: Array<() => void> = [];
  private stopped = false;
  /** Until when (wall ms) sending waits because the disk refused to record an attempt. */
  private heldUntil = 0;
  private readonly timeoutMs: number;
  private readonly concurrency: number;
  private readonly formats: Partial<Record<ProviderFace, FaceFormat>>;

  constructor(
    private readonly service: SimulatorService,
    options: WebhookOptions = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? 5000;
    this.concurrency = options.concurrency ?? 8;
    this.formats = options.formats ?? {};
  }

  /** Follows the outbox: what it has pending now (a recovered state's), and what becomes due. */
  start(): void {
    this.reindex();
    this.service.outbox.onChange((change) => {
      if (change.reloaded) this.reindex();
      if (change.due) this.index(change.due);
    });
  }

  private reindex(): void {
    this.queues = new Map();
    for (const p of this.service.outbox.allPending()) this.index(p);
  }

  private index(p: PendingDelivery): void {
    this.queue(p.delivery.subscription).schedule(p.due, p.delivery.id);
    this.wanted = true;
    if (!this.pumpSoon) {
      this.pumpSoon = true;
      setImmediate(() => {
        this.pumpSoon = false;
        if (this.wanted) this.pump();
      });
    }
  }

  private queue(subscription: string): Scheduler<string> {
    let queue = this.queues.get(subscription);
    if (!queue) {
      queue = new Scheduler<string>();
      this.queues.set(subscription, queue);
    }
    return queue;
  }

  /** Sends every attempt due on the virtual clock, within the concurrency of each subscription. */
  pump(): void {
    this.wanted = false;
    if (this.stopped || Date.now() < this.heldUntil) return;
    const now = this.service.clock.now();
    for (const [subscription, queue] of this.queues) {
      let busy = this.inFlight.get(subscription) ?? 0;
      while (busy < this.concurrency) {
        const at = queue.peek();
        if (at === undefined || at > now) break;
        const id = queue.pop() as string;
        const p = this.service.outbox.pendingOf(id);
        // An index entry the outbox has moved on from (settled, rescheduled, or already sending).
        if (!p || p.due !== at || this.flyingIds.has(id)) continue;
        busy += 1;
        this.flyingIds.add(id);
        // A fault here is the simulator's bug, not the receiver's: say so, and keep the server up.
        this.attempt(p).catch((error: unknown) => {
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
    return this.flyingIds.size === 0 && (next === undefined || next > this.service.clock.now());
  }

  deliveriesOf(subscription: string): Delivery[] {
    return this.service.outbox.deliveriesOf(subscription);
  }

  /** Resolves when no attempt is in flight (tests, shutdown). */
  idle(): Promise<void> {
    if (this.flyingIds.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /**
   * Resolves once every attempt due by the virtual now has been made and its answer recorded (an
   * in-process test's `settle()`). A failed attempt's retry is due later on the virtual clock, so
   * this ends; while the disk refuses to record attempts, it waits for the hold to pass.
   */
  async drain(): Promise<void> {
    for (;;) {
      this.pump();
      if (this.settled()) return;
      if (this.stopped) throw new Error('webhook deliveries were stopped before they settled');
      if (this.flyingIds.size > 0) await this.idle();
      else
        await new Promise<void>((resolve) => setTimeout(resolve, Math.max(1, this.heldUntil - Date.now())));
    }
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

  /** Stops sending. An attempt still in flight is not recorded: after a restart it is made again. */
  stop(): void {
    this.stopped = true;
  }

  /** The request of an attempt: a native event signed with the subscription's secret, or the face's. */
  private request(p: PendingDelivery, started: number): FaceRequest | undefined {
    if (p.face) return this.formats[p.face.face]?.request(p, this.service, started);
    const body = JSON.stringify(eventView(p.event));
    return {
      body,
      headers: {
        'content-type': 'application/json',
        'x-tendlc-signature': signature(p.secret, body, Math.floor(started / 1000)),
        'x-tendlc-event-id': String(p.event.id),
        'x-tendlc-history': this.service.history,
        'x-tendlc-delivery': p.delivery.id,
      },
    };
  }

  private async attempt(p: PendingDelivery): Promise<void> {
    const started = Date.now();
    const attempt: DeliveryAttempt = {
      at: new Date(started).toISOString(),
      dueAt: new Date(p.due).toISOString(),
      ms: 0,
    };
    const injected = this.injectedFailure(p.event.account);
    if (injected) {
      attempt.status = 503;
      attempt.error = `injected fault '${injected}'`;
      return this.settle(p, attempt);
    }
    const request = this.request(p, started);
    if (!request) {
      attempt.error = `no webhook format for the ${p.face?.face ?? 'native'} face`;
      return this.settle(p, attempt);
    }
    const signed = request.headers['x-tendlc-signature'];
    if (signed !== undefined) attempt.signature = signed;
    const answered = p.face && this.formats[p.face.face]?.answered;
    try {
      const res = await fetch(p.url, {
        method: 'POST',
        headers: { 'user-agent': 'tendlc-webhooks', ...request.headers },
        body: request.body,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      attempt.status = res.status;
      if (answered && res.ok && !this.stopped)
        answered(
          p,
          { status: res.status, contentType: res.headers.get('content-type'), body: await res.text() },
          this.service,
        );
      else await res.body?.cancel();
    } catch (error) {
      attempt.error =
        error instanceof Error && error.name === 'TimeoutError' ? 'timeout' : 'connection failed';
    }
    attempt.ms = Date.now() - started;
    this.settle(p, attempt);
  }

  private settle(p: PendingDelivery, attempt: DeliveryAttempt): void {
    const { id, subscription } = p.delivery;
    this.flyingIds.delete(id);
    this.inFlight.set(subscription, (this.inFlight.get(subscription) ?? 1) - 1);
    if (!this.stopped)
      try {
        // The outbox moves on (and schedules the retry) once the journal has the answer.
        if (this.service.outbox.pendingOf(id) === p) this.service.settleDelivery(id, attempt);
      } catch (error) {
        if (!(error instanceof StorageUnavailable)) throw error;
        // Not recorded, so still owed as it was: try again once the disk may take it.
        this.queue(subscription).schedule(p.due, id);
        this.heldUntil = Date.now() + STORAGE_HOLD_MS;
        setTimeout(() => this.pump(), STORAGE_HOLD_MS).unref();
      }
    this.pump();
    if (this.flyingIds.size === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
  }
}
