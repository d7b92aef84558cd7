import type { Refusal, RefusalKind } from '../../engine/refusal.js';
import type { Actor, Command, Query } from '../../engine/world/index.js';
import type { SimEvent, Simulation } from '../../simulator/simulation.js';

/** A command's answer, from either target: the resource, or the refusal with its rule id. */
export type TargetOutcome = { ok: true; result?: unknown } | { ok: false; refusal: Refusal };

export interface TargetUser {
  id: string;
  role: Actor['role'];
  subgroups: string[];
}

/**
 * What a scenario drives: the simulator in process, or a running `tendlc serve` over HTTP. Both
 * answer the same steps with the same outcomes, so a suite gives the same results either way.
 */
export interface ScenarioTarget {
  users(): Promise<TargetUser[]>;
  /** Runs a command as a user of the account (undefined: the control plane). */
  execute(command: Command, user: string | undefined): Promise<TargetOutcome>;
  /** Reads as the system sees the account (a user only for their own inbox). */
  query(q: Query, user?: string): Promise<TargetOutcome>;
  advance(ms: number): Promise<void>;
  events(): Promise<SimEvent[]>;
  /** The engine's invariants that do not hold now (`[]` when all do). */
  invariants(): Promise<string[]>;
}

/** The simulator in this process: weeks of virtual time in milliseconds. */
export class InProcessTarget implements ScenarioTarget {
  constructor(
    private readonly sim: Simulation,
    private readonly account: string,
  ) {}

  users(): Promise<TargetUser[]> {
    const info = this.sim.query({ of: 'account' }, undefined, this.account);
    return Promise.resolve(info.ok ? (info.result as { users: TargetUser[] }).users : []);
  }

  async execute(command: Command, user: string | undefined): Promise<TargetOutcome> {
    return this.sim.execute(command, await this.actor(user));
  }

  async query(q: Query, user?: string): Promise<TargetOutcome> {
    return this.sim.query(q, await this.actor(user), this.account);
  }

  advance(ms: number): Promise<void> {
    this.sim.advance(ms);
    return Promise.resolve();
  }

  events(): Promise<SimEvent[]> {
    return Promise.resolve(this.sim.eventsSince(0).filter((e) => e.account === this.account));
  }

  invariants(): Promise<string[]> {
    return Promise.resolve(this.sim.invariants());
  }

  // No command changes an account's users: each actor is looked up once.
  private readonly actors = new Map<string, Actor | undefined>();

  private async actor(user: string | undefined): Promise<Actor | undefined> {
    if (user === undefined) return undefined;
    if (!this.actors.has(user)) {
      const found = (await this.users()).find((u) => u.id === user);
      this.actors.set(
        user,
        found && { account: this.account, user: found.id, role: found.role, subgroups: found.subgroups },
      );
    }
    return this.actors.get(user);
  }
}

const KIND: Record<number, RefusalKind> = {
  400: 'invalid',
  401: 'forbidden',
  403: 'forbidden',
  404: 'not-found',
  409: 'conflict',
  422: 'unprocessable',
};

interface Route {
  method: string;
  path: string;
  body?: unknown;
  admin?: boolean;
}

/** A running `tendlc serve`, driven through its API and control plane (api.md). */
export class HttpTarget implements ScenarioTarget {
  private keys: Map<string, string> | undefined;
  private owner: string | undefined;

  constructor(
    private readonly url: string,
    private readonly adminToken: string,
    private readonly account: string,
  ) {}

  async users(): Promise<TargetUser[]> {
    const res = await this.call({
      method: 'GET',
      path: `/v1/sim/accounts/${this.account}/keys`,
      admin: true,
    });
    const data = res.ok
      ? (res.result as { data: Array<TargetUser & { user: string; key: string }> }).data
      : [];
    this.keys = new Map(data.map((k) => [k.user, k.key]));
    this.owner = (data.find((k) => k.role === 'owner') ?? data.find((k) => k.role === 'admin'))?.user;
    return data.map((k) => ({ id: k.user, role: k.role, subgroups: k.subgroups }));
  }

  async execute(command: Command, user: string | undefined): Promise<TargetOutcome> {
    const route = routeOf(command);
    if (!route) return refusal(400, `the action '${command.action}' has no route`);
    return this.call(route, route.admin ? undefined : user);
  }

  async query(q: Query, user?: string): Promise<TargetOutcome> {
    const route = readRouteOf(q, this.account);
    return this.read(route, route.admin ? undefined : (user ?? (await this.ownerId())));
  }

  /** A GET: a resource as it is, a list with every page of it. */
  private async read(route: Route, as: string | undefined): Promise<TargetOutcome> {
    const answer = await this.call(route, as);
    if (!answer.ok) return answer;
    const result = answer.result as { data?: unknown[]; next?: string | null };
    if (!Array.isArray(result.data)) return answer;
    const items = [...result.data];
    for (let next = result.next; next;) {
      const page = await this.call({ ...route, path: `${route.path}&cursor=${next}` }, as);
      if (!page.ok) return page;
      const more = page.result as { data: unknown[]; next: string | null };
      items.push(...more.data);
      next = more.next;
    }
    return { ok: true, result: items };
  }

  async advance(ms: number): Promise<void> {
    await this.call({
      method: 'POST',
      path: '/v1/sim/clock',
      body: { advance: `${String(ms)}ms` },
      admin: true,
    });
  }

  async events(): Promise<SimEvent[]> {
    const path = `/v1/sim/events?account=${this.account}&limit=1000`;
    const res = await this.read({ method: 'GET', path, admin: true }, undefined);
    if (!res.ok) return [];
    return (res.result as Array<SimEvent & { at: string | number }>).map((e) => ({
      ...e,
      at: typeof e.at === 'string' ? Date.parse(e.at) : e.at,
    }));
  }

  async invariants(): Promise<string[]> {
    const res = await this.call({ method: 'GET', path: '/v1/sim/invariants', admin: true });
    return res.ok
      ? (res.result as { violations: string[] }).violations
      : [`the target did not answer: ${res.refusal.message}`];
  }

  private async ownerId(): Promise<string | undefined> {
    if (this.owner === undefined) await this.users();
    return this.owner;
  }

  private async call(route: Route, user?: string): Promise<TargetOutcome> {
    if (!route.admin && this.keys === undefined) await this.users();
    const token = route.admin ? this.adminToken : this.keys?.get(user ?? (await this.ownerId()) ?? '');
    if (token === undefined) return refusal(401, `no key for user '${user ?? ''}'`);
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
    const error = (body.error ?? {}) as {
      rule?: string;
      message?: string;
      errorCode?: number;
      details?: object;
    };
    return {
      ok: false,
      refusal: {
        kind: KIND[res.status] ?? 'invalid',
        message: error.message ?? `HTTP ${String(res.status)}`,
        ...(error.rule === undefined ? {} : { rule: error.rule }),
        ...(error.errorCode === undefined ? {} : { errorCode: error.errorCode }),
        ...(error.details === undefined ? {} : { details: error.details as Record<string, unknown> }),
      },
    };
  }
}

function refusal(status: number, message: string): TargetOutcome {
  return { ok: false, refusal: { kind: KIND[status] ?? 'invalid', message } };
}

const enc = encodeURIComponent;

/** The route of each action (docs/scenarios.md's table). */
function routeOf(command: Command): Route | undefined {
  const { action: _action, ...fields } = command as Command & Record<string, unknown>;
  const f = fields as Record<string, unknown>;
  const without = (...keys: string[]) =>
    Object.fromEntries(Object.entries(f).filter(([k]) => !keys.includes(k)));
  switch (command.action) {
    case 'register_brand':
      return { method: 'POST', path: '/v1/brands', body: f };
    case 'request_vetting':
      return { method: 'POST', path: `/v1/brands/${enc(command.brand)}/vetting` };
    case 'submit_campaign':
      return { method: 'POST', path: '/v1/campaigns', body: f };
    case 'order_number':
      return { method: 'POST', path: '/v1/numbers', body: f };
    case 'rename_number':
      return { method: 'PATCH', path: `/v1/numbers/${enc(command.number)}`, body: { name: command.name } };
    case 'assign_number':
      return {
        method: 'PATCH',
        path: `/v1/numbers/${enc(command.number)}`,
        body: { campaign: command.campaign },
      };
    case 'set_inbox':
      return {
        method: 'PATCH',
        path: `/v1/numbers/${enc(command.number)}`,
        body: { inbox: { mode: command.mode, agents: command.agents } },
      };
    case 'release_number':
      return { method: 'DELETE', path: `/v1/numbers/${enc(command.number)}` };
    case 'port_out':
      return {
        method: 'POST',
        path: `/v1/numbers/${enc(command.number)}/port-out`,
        body: { pin: command.pin },
      };
    case 'create_outreach':
      return { method: 'POST', path: '/v1/outreach', body: f };
    case 'launch_outreach':
      return { method: 'POST', path: `/v1/outreach/${enc(command.id)}/launch`, body: without('id') };
    case 'complete_outreach':
      return { method: 'POST', path: `/v1/outreach/${enc(command.id)}/complete` };
    case 'send':
      return { method: 'POST', path: '/v1/messages', body: f };
    case 'reply':
      return {
        method: 'POST',
        path: `/v1/sim/handsets/${enc(command.from)}/messages`,
        body: { to: command.to, body: command.body },
        admin: true,
      };
    case 'fault':
      return { method: 'POST', path: '/v1/sim/faults', body: f, admin: true };
    case 'clear_fault':
      return { method: 'DELETE', path: `/v1/sim/faults/${enc(command.id)}`, admin: true };
    default:
      return undefined;
  }
}

function readRouteOf(q: Query, account: string): Route {
  switch (q.of) {
    case 'account':
      return { method: 'GET', path: `/v1/sim/accounts/${account}`, admin: true };
    case 'brand':
      return { method: 'GET', path: `/v1/brands/${enc(q.id)}` };
    case 'campaign':
      return { method: 'GET', path: `/v1/campaigns/${enc(q.id)}` };
    case 'number':
      return { method: 'GET', path: `/v1/numbers/${enc(q.e164)}` };
    case 'outreach-item':
      return { method: 'GET', path: `/v1/outreach/${enc(q.id)}` };
    case 'message':
      return { method: 'GET', path: `/v1/messages/${enc(q.id)}` };
    case 'handset':
      return { method: 'GET', path: `/v1/sim/handsets/${enc(q.e164)}/messages?limit=1000`, admin: true };
    case 'conversations':
      return { method: 'GET', path: `/v1/conversations?limit=1000${q.tab ? `&tab=${q.tab}` : ''}` };
    case 'messages':
      return { method: 'GET', path: '/v1/messages?limit=1000' };
    default:
      return { method: 'GET', path: `/v1/${q.of}?limit=1000` };
  }
}
