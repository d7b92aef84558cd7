import type { AccountConfig } from '../../engine/account-config.js';
import type { CarrierProfile, LatencyName } from '../../engine/carrier-profile.js';
import type { ActorRef, ScenarioTarget, TargetUser } from './target.js';
import { WebhookReceiver } from './webhook-receiver.js';

/** What a `reset` step starts the scenario over from. */
export interface ResetSetup {
  seed: number;
  latency: LatencyName;
  start: number;
  profile: CarrierProfile;
  accounts: AccountConfig[];
}

/** A webhook a scenario subscribed, by the name it gave it. */
export interface WebhookHandle {
  id: string;
  secret: string;
  actor: ActorRef;
}

/**
 * What a scenario's steps share as they run: the target, who acts, the last number and message,
 * the webhooks and snapshots it named, its webhook receiver, and where its time started.
 */
export class RunContext {
  lastNumber: string | undefined;
  lastMessage: string | undefined;
  /** The body of the last `provider` step's answer, that `{{provider.last.PATH}}` reads. */
  lastProvider: unknown;
  readonly webhooks = new Map<string, WebhookHandle>();
  readonly snapshots = new Map<string, string>();
  private userList: TargetUser[] | undefined;
  private receiverStarted: Promise<WebhookReceiver> | undefined;

  constructor(
    readonly target: ScenarioTarget,
    /** The virtual start, that timing expectations measure from when they name no event. */
    readonly startedAt: number,
    readonly resetSetup: ResetSetup | undefined,
    /** Told the rule of each refusal a step met (coverage). */
    readonly onRefusal: ((rule: string) => void) | undefined,
  ) {}

  async users(): Promise<TargetUser[]> {
    this.userList ??= await this.target.users();
    return this.userList;
  }

  /** Users change only when accounts load: after a `load_account` or a `reset`. */
  forgetUsers(): void {
    this.userList = undefined;
  }

  /** The account steps act in when they name none: the first the scenario loaded. */
  async defaultAccount(): Promise<string | undefined> {
    return (await this.users())[0]?.account ?? this.resetSetup?.accounts[0]?.account.id;
  }

  /**
   * The acting user: `as` (`USER`, or `USER@ACCOUNT` where several accounts have a USER), else
   * the first account's first owner, else its first admin. Nobody to act as is the scenario's
   * problem, said the same way in process and against a server.
   */
  async actor(as: unknown): Promise<ActorRef | { problem: string }> {
    const users = await this.users();
    if (as !== undefined) {
      const [user, account] = String(as).split('@');
      const found = users.filter((u) => u.id === user && (account === undefined || u.account === account));
      if (found.length === 1) return { account: found[0]!.account, user: found[0]!.id };
      if (found.length === 0)
        return {
          problem: `no user '${user ?? ''}' in ${account === undefined ? 'the account' : `account '${account}'`}`,
        };
      return {
        problem: `user '${String(user)}' is in accounts ${found.map((u) => u.account).join(', ')}: write ${String(user)}@ACCOUNT`,
      };
    }
    const first = users[0]?.account;
    const mine = users.filter((u) => u.account === first);
    const user = mine.find((u) => u.role === 'owner') ?? mine.find((u) => u.role === 'admin');
    return user
      ? { account: user.account, user: user.id }
      : {
          problem:
            'the account has no owner or admin to act as: add one to its users, or name a user with `as`',
        };
  }

  /**
   * Step arguments as they run: `number: last` and `message: last` name the last number ordered
   * (or bought by a single-use launch) and the last message sent; `{{number.E164.FIELD}}` in a
   * text is that field of the number as the target holds it (`{{number.last.e164}}`);
   * `{{provider.last.PATH}}` is a field of the last `provider` step's answer (`data.id`, `sid`).
   */
  async resolve(value: unknown): Promise<unknown> {
    if (typeof value === 'string') {
      const template = /\{\{number\.([^.}]+)\.([a-zA-Z][a-zA-Z0-9]*)\}\}/gu;
      let out = value;
      for (const [whole, e164, field] of value.matchAll(template)) {
        const number = e164 === 'last' ? this.lastNumber : e164;
        const account = await this.defaultAccount();
        if (number === undefined || account === undefined) continue;
        const found = await this.target.query({ of: 'number', e164: number }, undefined, account);
        out = out.replace(whole, found.ok ? String((found.result as Record<string, unknown>)[field!]) : '');
      }
      for (const [whole, path] of value.matchAll(/\{\{provider\.last\.([\w.]+)\}\}/gu)) {
        let at: unknown = this.lastProvider;
        for (const key of path!.split('.'))
          at = typeof at === 'object' && at !== null ? (at as Record<string, unknown>)[key] : undefined;
        out = out.replace(whole, at === undefined || at === null ? '' : String(at));
      }
      return out;
    }
    if (Array.isArray(value)) return Promise.all(value.map((v) => this.resolve(v)));
    if (value && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) {
        const last =
          v === 'last'
            ? k === 'number'
              ? this.lastNumber
              : k === 'message'
                ? this.lastMessage
                : undefined
            : undefined;
        out[k] = last ?? (await this.resolve(v));
      }
      return out;
    }
    return value;
  }

  /** Remembers what `last` names after an action's answer. */
  remember(action: string, result: unknown): void {
    const r = result as Record<string, unknown> | undefined;
    if (action === 'order_number' && typeof r?.e164 === 'string') this.lastNumber = r.e164;
    if (action === 'launch_outreach' && Array.isArray(r?.numbers) && r.numberMode === 'single-use')
      this.lastNumber = String(r.numbers[0]);
    if (action === 'send' && typeof r?.id === 'string') this.lastMessage = r.id;
  }

  /** The run's webhook receiver, started with its first subscription. */
  receiver(): Promise<WebhookReceiver> {
    this.receiverStarted ??= WebhookReceiver.start();
    return this.receiverStarted;
  }

  async close(): Promise<void> {
    await this.target.close();
    if (this.receiverStarted) await (await this.receiverStarted).close();
  }
}
