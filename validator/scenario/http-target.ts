import type { Command, Query } from '../../engine/world/index.js';
import type { ProviderKeys } from '../../simulator/faces/credentials.js';
import type { SimEvent } from '../../simulator/simulation.js';
import { faceFetch, type FaceAnswer, type FaceRequest } from './face-request.js';
import { commandRoute, controlRoute, queryRoute, webhookRoute, type Route } from './routes.js';
import type {
  ActorRef,
  ClockState,
  ControlRequest,
  ScenarioTarget,
  TargetError,
  TargetOutcome,
  TargetUser,
  WebhookRequest,
} from './target.js';

/** How long a run waits for a server's webhook attempts due now to be made (wall time). */
const SETTLE_MS = 10_000;

/** A running `tendlc serve`, driven through its API and control plane, as a user's key or the admin token. */
export class HttpTarget implements ScenarioTarget {
  /** Each account's users and their keys, read from the control plane when first needed. */
  private keys = new Map<string, Array<TargetUser & { key: string }>>();
  /** Each account's provider credentials, read with its keys. */
  private providerKeys = new Map<string, Partial<ProviderKeys>>();
  /** The subscriptions made in this run, whose deliveries `settle` waits on. */
  private subscriptions: Array<{ id: string; actor: ActorRef }> = [];

  constructor(
    private readonly url: string,
    private readonly adminToken: string,
    private readonly accounts: string[],
  ) {}

  async users(): Promise<TargetUser[]> {
    const out: TargetUser[] = [];
    for (const account of this.accounts)
      for (const { key: _key, ...user } of await this.keysOf(account)) out.push(user);
    return out;
  }

  async execute(command: Command, actor: ActorRef | undefined): Promise<TargetOutcome> {
    const route = commandRoute(command);
    if (!route) return local(400, `the action '${command.action}' has no route`);
    return engineTimes(await this.call(route, route.admin ? undefined : actor));
  }

  async query(q: Query, actor: ActorRef | undefined, account: string): Promise<TargetOutcome> {
    const route = queryRoute(q, account);
    return engineTimes(
      await this.read(route, route.admin ? undefined : (actor ?? (await this.owner(account)))),
    );
  }

  async webhooks(request: WebhookRequest, actor: ActorRef): Promise<TargetOutcome> {
    const route = webhookRoute(request);
    const answer = route.method === 'GET' ? await this.read(route, actor) : await this.call(route, actor);
    if (request.op === 'subscribe' && answer.ok)
      this.subscriptions.push({ id: (answer.result as { id: string }).id, actor });
    return answer;
  }

  async control(request: ControlRequest): Promise<TargetOutcome> {
    const answer = await this.call(controlRoute(request));
    if (request.op === 'load' && answer.ok) this.accounts.push(request.config.account.id);
    // Keys are made anew when accounts load again, after a reset or a restore.
    if (answer.ok && request.op !== 'seed' && request.op !== 'clock') this.keys.clear();
    if (answer.ok && request.op === 'reset') this.subscriptions = [];
    return answer;
  }

  async face(request: FaceRequest, account: string, user?: string): Promise<FaceAnswer> {
    const users = await this.keysOf(account);
    const held = this.providerKeys.get(account) ?? {};
    const key = user === undefined ? undefined : users.find((u) => u.id === user)?.key;
    return faceFetch(this.url, request, {
      accountSid: held.twilio?.accountSid ?? '',
      twilioSecret: key ?? held.twilio?.authToken ?? '',
      telnyxSecret: key ?? held.telnyx?.apiKey ?? '',
    });
  }

  async advance(ms: number): Promise<void> {
    const answer = await this.call({
      method: 'POST',
      path: '/v1/sim/clock',
      body: { advance: `${String(ms)}ms` },
      admin: true,
    });
    if (!answer.ok) throw new Error(`the target refused to move its clock: ${answer.error.message}`);
  }

  async clock(): Promise<ClockState> {
    const answer = await this.call({ method: 'GET', path: '/v1/sim/clock', admin: true });
    if (!answer.ok) throw new Error(`the target's clock cannot be read: ${answer.error.message}`);
    const view = answer.result as { now: string; mode: string; scale: number; nextDue?: string };
    return {
      now: Date.parse(view.now),
      mode: view.mode,
      scale: view.scale,
      ...(view.nextDue === undefined ? {} : { nextDue: Date.parse(view.nextDue) }),
    };
  }

  async events(since = 0): Promise<SimEvent[]> {
    const path = `/v1/sim/events?since=${String(since)}&limit=1000`;
    const answer = await this.read({ method: 'GET', path, admin: true }, undefined);
    if (!answer.ok) return [];
    return (answer.result as Array<SimEvent & { at: string | number }>).map((e) => ({
      ...e,
      at: typeof e.at === 'string' ? Date.parse(e.at) : e.at,
    }));
  }

  async invariants(): Promise<string[]> {
    const answer = await this.call({ method: 'GET', path: '/v1/sim/invariants', admin: true });
    return answer.ok
      ? (answer.result as { violations: string[] }).violations
      : [`the target did not answer: ${answer.error.message}`];
  }

  /**
   * The server makes webhook attempts after it answers: wait until none of this run's
   * subscriptions has an attempt due by the virtual now that is not yet made.
   */
  async settle(): Promise<string | undefined> {
    if (this.subscriptions.length === 0) return undefined;
    const until = Date.now() + SETTLE_MS;
    for (let wait = 1; ; wait = Math.min(wait * 2, 50)) {
      const { now } = await this.clock();
      let waiting = false;
      for (const { id, actor } of this.subscriptions) {
        const answer = await this.read(webhookRoute({ op: 'deliveries', id }), actor);
        if (!answer.ok) continue;
        for (const d of answer.result as Array<{ state: string; nextAttemptAt?: string }>)
          if (d.state === 'pending' && d.nextAttemptAt !== undefined && Date.parse(d.nextAttemptAt) <= now)
            waiting = true;
      }
      if (!waiting) return undefined;
      if (Date.now() > until)
        return `the target's webhook attempts due now were not made within ${String(SETTLE_MS / 1000)} s`;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  private async keysOf(account: string): Promise<Array<TargetUser & { key: string }>> {
    const known = this.keys.get(account);
    if (known) return known;
    const answer = await this.call({
      method: 'GET',
      path: `/v1/sim/accounts/${encodeURIComponent(account)}/keys`,
      admin: true,
    });
    const data = answer.ok
      ? (
          answer.result as {
            data: Array<{ user: string; role: TargetUser['role']; subgroups: string[]; key: string }>;
          }
        ).data
      : [];
    // A server keeps the keys of earlier loads of the same account: one per user is enough.
    const users = [...new Map(data.map((k) => [k.user, k])).values()].map((k) => ({
      account,
      id: k.user,
      role: k.role,
      subgroups: k.subgroups,
      key: k.key,
    }));
    this.keys.set(account, users);
    if (answer.ok) {
      const { twilio, telnyx } = answer.result as Partial<ProviderKeys>;
      this.providerKeys.set(account, { ...(twilio ? { twilio } : {}), ...(telnyx ? { telnyx } : {}) });
    }
    return users;
  }

  /** Reads of the control plane's view run as the account's owner (or first admin) over the API. */
  private async owner(account: string): Promise<ActorRef | undefined> {
    const users = await this.keysOf(account);
    const user = users.find((u) => u.role === 'owner') ?? users.find((u) => u.role === 'admin');
    return user && { account, user: user.id };
  }

  /** A GET: a resource as it is, a list with every page of it. */
  private async read(route: Route, actor: ActorRef | undefined): Promise<TargetOutcome> {
    const answer = await this.call(route, actor);
    if (!answer.ok) return answer;
    const result = answer.result as { data?: unknown[]; next?: string | null };
    if (!Array.isArray(result.data)) return answer;
    const items = [...result.data];
    const join = route.path.includes('?') ? '&' : '?';
    for (let next = result.next; next;) {
      const page = await this.call({ ...route, path: `${route.path}${join}cursor=${next}` }, actor);
      if (!page.ok) return page;
      const more = page.result as { data: unknown[]; next: string | null };
      items.push(...more.data);
      next = more.next;
    }
    return { ok: true, result: items };
  }

  private async call(route: Route, actor?: ActorRef): Promise<TargetOutcome> {
    let token: string | undefined = this.adminToken;
    if (!route.admin) {
      const users = actor ? await this.keysOf(actor.account) : [];
      token = users.find((u) => u.id === actor?.user)?.key;
      if (token === undefined) return local(401, `no key for user '${actor?.user ?? ''}'`);
    }
    const res = await fetch(`${this.url}${route.path}`, {
      method: route.method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(route.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(route.body === undefined ? {} : { body: JSON.stringify(route.body) }),
    });
    const body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
    if (res.ok) return { ok: true, result: body };
    const error = (body.error ?? {}) as Partial<TargetError>;
    return {
      ok: false,
      error: {
        status: res.status,
        code: error.code ?? 'error',
        message: error.message ?? `HTTP ${String(res.status)}`,
        ...(error.rule === undefined ? {} : { rule: error.rule }),
        ...(error.errorCode === undefined ? {} : { errorCode: error.errorCode }),
        ...(error.details === undefined ? {} : { details: error.details }),
      },
    };
  }
}

/**
 * A resource's times as the in-process target holds them: the API writes a resource's `at` and
 * `…At` fields (epoch milliseconds in the world) as ISO 8601; they are read back into numbers.
 */
function engineTimes(outcome: TargetOutcome): TargetOutcome {
  if (!outcome.ok) return outcome;
  const result = outcome.result;
  return { ok: true, result: Array.isArray(result) ? result.map(timesOf) : timesOf(result) };
}

const API_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/u;

function timesOf(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value))
    out[key] =
      (key === 'at' || key.endsWith('At')) && typeof v === 'string' && API_TIME.test(v) ? Date.parse(v) : v;
  return out;
}

/** An answer the runner gives itself, in the API's terms, for a step it cannot send. */
function local(status: number, message: string): TargetOutcome {
  return { ok: false, error: { status, code: status === 401 ? 'unauthorized' : 'invalid_request', message } };
}
