import { parseDuration } from '../../engine/duration.js';
import type { Refusal } from '../../engine/refusal.js';
import type { Command, Query } from '../../engine/world/index.js';
import type { ScenarioTarget, TargetUser } from './target.js';

/** One step of a scenario, as parsed from YAML: an action with options, or a standalone expectation. */
export type Step = Record<string, unknown>;

/** A step that did not go as the scenario said. */
export interface StepFailure {
  readonly step: number;
  readonly message: string;
}

const ACTIONS = new Set([
  'register_brand',
  'request_vetting',
  'submit_campaign',
  'order_number',
  'rename_number',
  'assign_number',
  'set_inbox',
  'release_number',
  'port_out',
  'create_outreach',
  'launch_outreach',
  'complete_outreach',
  'send',
  'reply',
  'fault',
  'clear_fault',
]);
const OPTIONS = new Set(['expect', 'expect_error', 'as']);

/** Runs the steps of a scenario against a target (in process or HTTP) that has the account loaded. */
export class StepRunner {
  private lastNumber: string | undefined;
  private lastMessage: string | undefined;
  private userList: TargetUser[] | undefined;

  /** `startedAt`: the virtual start, that `within` measures from when it names no event. */
  constructor(
    private readonly target: ScenarioTarget,
    private readonly startedAt = 0,
  ) {}

  /** Runs every step; returns the failures (empty when the scenario passes). */
  async run(steps: readonly Step[], bail = true): Promise<StepFailure[]> {
    const failures: StepFailure[] = [];
    for (const [i, step] of steps.entries()) {
      const message = await this.runStep(step);
      if (message !== undefined) {
        failures.push({ step: i, message });
        if (bail) break;
      }
    }
    return failures;
  }

  /** Runs one step: undefined when it went as expected, else why not. */
  async runStep(step: Step): Promise<string | undefined> {
    const keys = Object.keys(step).filter((k) => !OPTIONS.has(k));
    if (keys.length === 0 && 'expect' in step)
      return this.expectState((await this.resolve(step.expect)) as Record<string, unknown>);
    const [name] = keys;
    if (keys.length !== 1 || name === undefined)
      return `a step has one action; found ${keys.join(', ') || 'none'}`;
    const args = await this.resolve(step[name]);
    if (name === 'advance') return this.advance(args);
    if (name === 'send_many') return this.sendMany(args as Record<string, unknown>, step);
    if (!ACTIONS.has(name)) return `unknown action '${name}'`;
    return this.act(name, args as Record<string, unknown>, step);
  }

  /**
   * The acting user: `as`, else the account's first owner, else its first admin. Nobody to act as
   * is the scenario's problem, said the same way in process and against a server.
   */
  private async actor(as: unknown): Promise<string | { problem: string }> {
    this.userList ??= await this.target.users();
    const users = this.userList;
    if (as !== undefined)
      return users.find((u) => u.id === as)?.id ?? { problem: `no user '${String(as)}' in the account` };
    const user = users.find((u) => u.role === 'owner') ?? users.find((u) => u.role === 'admin');
    return (
      user?.id ?? {
        problem:
          'the account has no owner or admin to act as: add one to its users, or name a user with `as`',
      }
    );
  }

  private async act(name: string, withAs: Record<string, unknown>, step: Step): Promise<string | undefined> {
    // `as` may sit on the step or among the action's fields.
    const { as, ...args } = withAs;
    const control = name === 'reply' || name === 'fault' || name === 'clear_fault';
    const actor = control ? undefined : await this.actor(step.as ?? as);
    if (typeof actor === 'object') return `${name}: ${actor.problem}`;
    const outcome = await this.target.execute({ action: name, ...args } as Command, actor);
    const expectedRule = step.expect_error;
    if (!outcome.ok) {
      if (expectedRule === undefined) return `${name} was refused: ${describe(outcome.refusal)}`;
      return outcome.refusal.rule === expectedRule
        ? undefined
        : `${name} was refused by ${outcome.refusal.rule ?? 'no rule'} (${outcome.refusal.message}), not ${String(expectedRule)}`;
    }
    if (expectedRule !== undefined)
      return `${name} was accepted; expected a refusal by ${String(expectedRule)}`;
    this.remember(name, outcome.result);
    if (step.expect === undefined) return undefined;
    return compare(`${name}`, outcome.result, (await this.resolve(step.expect)) as Record<string, unknown>);
  }

  private remember(name: string, result: unknown): void {
    const r = result as Record<string, unknown> | undefined;
    if (name === 'order_number' && typeof r?.e164 === 'string') this.lastNumber = r.e164;
    if (name === 'launch_outreach' && Array.isArray(r?.numbers) && r.numberMode === 'single-use')
      this.lastNumber = String(r.numbers[0]);
    if (name === 'send' && typeof r?.id === 'string') this.lastMessage = r.id;
  }

  private async advance(args: unknown): Promise<string | undefined> {
    const ms = typeof args === 'number' ? args : typeof args === 'string' ? parseDuration(args) : NaN;
    if (ms === undefined || !(ms >= 0))
      return `advance takes a duration such as 15d or 1d12h, not ${JSON.stringify(args)}`;
    await this.target.advance(ms);
    return undefined;
  }

  private async sendMany(args: Record<string, unknown>, step: Step): Promise<string | undefined> {
    const count = Number(args.count);
    for (let i = 0; i < count; i++) {
      // 206-555-2000, -2001, … then on through 206-556-0000: distinct valid numbers for any count.
      const to = `+1206${String(5552000 + i)}`;
      const failure = await this.act('send', { from: args.from, to, body: args.body }, { as: step.as });
      if (failure) return `send_many, message ${String(i + 1)}: ${failure}`;
    }
    return undefined;
  }

  /** Replaces `last` and `{{number.E164.field}}` in step arguments. */
  private async resolve(value: unknown): Promise<unknown> {
    if (typeof value === 'string') {
      const template = /\{\{number\.([^.}]+)\.([a-zA-Z][a-zA-Z0-9]*)\}\}/gu;
      let out = value;
      for (const [whole, e164, field] of value.matchAll(template)) {
        const number = e164 === 'last' ? this.lastNumber : e164;
        if (number === undefined) continue;
        const found = await this.target.query({ of: 'number', e164: number });
        out = out.replace(whole, found.ok ? String((found.result as Record<string, unknown>)[field!]) : '');
      }
      return out;
    }
    if (Array.isArray(value)) return Promise.all(value.map((v) => this.resolve(v)));
    if (value && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value))
        out[k] = k === 'number' && v === 'last' ? this.lastNumber : await this.resolve(v);
      return out;
    }
    return value;
  }

  private async expectState(expect: Record<string, unknown>): Promise<string | undefined> {
    if ('invariants' in expect) {
      const violations = await this.target.invariants();
      return violations.length === 0
        ? undefined
        : `the engine's invariants do not hold: ${violations.join('; ')}`;
    }
    if ('events' in expect) return this.expectEvents(expect.events as Record<string, unknown>);
    if ('event' in expect && 'within' in expect) return this.expectTiming(expect);
    if ('messages' in expect) return this.expectMessages(expect.messages as Record<string, unknown>);
    if ('throughput' in expect) return this.expectThroughput(expect.throughput as Record<string, unknown>);
    if ('handset' in expect) return this.expectHandset(expect);
    if ('conversations' in expect)
      return this.expectConversations(expect.conversations as Record<string, unknown>);
    const kinds: Array<[string, (id: string) => Query]> = [
      ['brand', (id) => ({ of: 'brand', id })],
      ['campaign', (id) => ({ of: 'campaign', id })],
      ['number', (e164) => ({ of: 'number', e164 })],
      ['outreach', (id) => ({ of: 'outreach-item', id })],
      ['message', (id) => ({ of: 'message', id })],
    ];
    // The first key names the resource; the others are its fields (a number's `campaign`, say).
    const first = Object.keys(expect)[0];
    for (const [kind, toQuery] of kinds) {
      if (kind !== first) continue;
      const raw = expect[kind];
      const id =
        kind === 'message' && raw === 'last'
          ? this.lastMessage
          : kind === 'number' && raw === 'last'
            ? this.lastNumber
            : String(raw);
      if (id === undefined) return `no ${kind} to call 'last' yet`;
      const found = await this.target.query(toQuery(id));
      if (!found.ok) return `${kind} ${id}: ${found.refusal.message}`;
      const { [kind]: _omit, ...fields } = expect;
      return compare(`${kind} ${id}`, withErrorCode(found.result), fields);
    }
    return `expect names nothing to check: ${JSON.stringify(expect)}`;
  }

  private async expectEvents(spec: Record<string, unknown>): Promise<string | undefined> {
    const all = await this.target.events();
    const seen = all.filter((e) => spec.type === undefined || e.type === spec.type);
    if (spec.count !== undefined && seen.length !== Number(spec.count))
      return `expected ${String(spec.count)} ${String(spec.type ?? '')} events, saw ${String(seen.length)}`;
    if (Array.isArray(spec.order)) {
      // The types appear in this order (other events may come between).
      let at = 0;
      for (const e of all) if (e.type === spec.order[at]) at += 1;
      if (at < spec.order.length)
        return `expected events in the order ${spec.order.join(' → ')}; '${String(spec.order[at])}' did not follow`;
    }
    return undefined;
  }

  /** `expect: { event: campaign.approved, within: 15d, after: campaign.submitted }`. */
  private async expectTiming(spec: Record<string, unknown>): Promise<string | undefined> {
    const within = typeof spec.within === 'string' ? parseDuration(spec.within) : Number(spec.within);
    if (within === undefined || !(within >= 0))
      return `within takes a duration such as 15d, not ${JSON.stringify(spec.within)}`;
    const events = await this.target.events();
    const from = spec.after === undefined ? this.startedAt : events.find((e) => e.type === spec.after)?.at;
    if (from === undefined) return `no '${String(spec.after)}' event to measure from`;
    const found = events.find((e) => e.type === spec.event && e.at >= from);
    if (!found) return `no '${String(spec.event)}' event yet`;
    const took = found.at - from;
    return took <= within
      ? undefined
      : `'${String(spec.event)}' came ${formatDuration(took)} after ${spec.after === undefined ? 'the start' : `'${String(spec.after)}'`}, not within ${String(spec.within)}`;
  }

  /** `expect: { messages: { status: failed, errorCode: 30027, count: 3 } }`: how many match. */
  private async expectMessages(spec: Record<string, unknown>): Promise<string | undefined> {
    const found = await this.target.query({ of: 'messages' });
    if (!found.ok) return found.refusal.message;
    const { count, ...fields } = spec;
    const matching = (found.result as Array<Record<string, unknown>>).filter((m) =>
      Object.entries(fields).every(([k, v]) => JSON.stringify(m[k] ?? null) === JSON.stringify(v ?? null)),
    );
    if (count !== undefined && matching.length !== Number(count))
      return `expected ${String(count)} messages with ${JSON.stringify(fields)}, saw ${String(matching.length)}`;
    return undefined;
  }

  /** `expect: { throughput: { from: "+1…", max: 10, per: 1s } }`: no window holds more sends. */
  private async expectThroughput(spec: Record<string, unknown>): Promise<string | undefined> {
    const per = typeof spec.per === 'string' ? parseDuration(spec.per) : Number(spec.per);
    const max = Number(spec.max);
    if (per === undefined || !(per > 0) || !(max >= 0))
      return 'throughput takes max (a count) and per (a duration)';
    const found = await this.target.query({ of: 'messages' });
    if (!found.ok) return found.refusal.message;
    const times = (found.result as Array<{ direction: string; from: string; sentAt?: number | string }>)
      .filter(
        (m) =>
          m.direction === 'outbound' &&
          m.sentAt !== undefined &&
          (spec.from === undefined || m.from === spec.from),
      )
      .map((m) => (typeof m.sentAt === 'string' ? Date.parse(m.sentAt) : (m.sentAt as number)))
      .sort((a, b) => a - b);
    // A sliding window over the sorted send times: O(n).
    let first = 0;
    for (let last = 0; last < times.length; last++) {
      while (times[last]! - times[first]! >= per) first += 1;
      if (last - first + 1 > max)
        return `${String(last - first + 1)} messages sent within ${String(spec.per)} at ${new Date(times[first]!).toISOString()}; at most ${String(max)} expected`;
    }
    return undefined;
  }

  private async expectHandset(expect: Record<string, unknown>): Promise<string | undefined> {
    const found = await this.target.query({ of: 'handset', e164: String(expect.handset) });
    const received = (
      found.ok ? (found.result as Array<{ direction: string; from: string; body: string }>) : []
    ).filter((m) => m.direction === 'received');
    if (expect.received !== undefined && received.length !== Number(expect.received))
      return `handset ${String(expect.handset)} received ${String(received.length)} messages, expected ${String(expect.received)}`;
    if (expect.from !== undefined && received.some((m) => m.from !== expect.from))
      return `handset ${String(expect.handset)} received from another number than ${String(expect.from)}`;
    if (
      typeof expect.notContaining === 'string' &&
      received.some((m) => m.body.includes(expect.notContaining as string))
    )
      return `handset ${String(expect.handset)} received a message containing '${expect.notContaining}'`;
    return undefined;
  }

  private async expectConversations(spec: Record<string, unknown>): Promise<string | undefined> {
    const q: Query = {
      of: 'conversations',
      ...(typeof spec.user === 'string' ? { user: spec.user } : {}),
      ...(spec.tab === 'participating' || spec.tab === 'needs-attention' ? { tab: spec.tab } : {}),
    };
    const found = await this.target.query(q, typeof spec.user === 'string' ? spec.user : undefined);
    if (!found.ok) return found.refusal.message;
    let list = found.result as Array<{ contact: string; name: string }>;
    if (spec.count !== undefined && list.length !== Number(spec.count))
      return `expected ${String(spec.count)} conversations, saw ${String(list.length)}`;
    if (spec.contact !== undefined) {
      list = list.filter((c) => c.contact === spec.contact);
      if (list.length === 0) return `no conversation with ${String(spec.contact)}`;
      if (spec.name !== undefined && list[0]?.name !== spec.name)
        return `conversation with ${String(spec.contact)} shows '${list[0]?.name ?? ''}', expected '${String(spec.name)}'`;
    }
    return undefined;
  }
}

// A rejected campaign carries its registry error code on its reasons; expectations read it as one field.
function withErrorCode(result: unknown): unknown {
  const r = result as { reasons?: Array<{ errorCode?: number }> };
  const code = r.reasons?.find((x) => x.errorCode !== undefined)?.errorCode;
  return code === undefined ? result : { errorCode: code, ...(result as object) };
}

function compare(what: string, actual: unknown, expected: Record<string, unknown>): string | undefined {
  const record = (actual ?? {}) as Record<string, unknown>;
  for (const [key, want] of Object.entries(expected)) {
    const got = record[key] ?? null;
    if (JSON.stringify(got) !== JSON.stringify(want ?? null))
      return `${what}: ${key} is ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`;
  }
  return undefined;
}

function describe(refusal: Refusal): string {
  return `${refusal.rule ?? refusal.kind}: ${refusal.message}`;
}

function formatDuration(ms: number): string {
  const units: Array<[string, number]> = [
    ['d', 86_400_000],
    ['h', 3_600_000],
    ['m', 60_000],
    ['s', 1000],
  ];
  let rest = ms;
  let out = '';
  for (const [unit, size] of units) {
    const n = Math.floor(rest / size);
    if (n > 0) out += `${String(n)}${unit}`;
    rest -= n * size;
  }
  return out || `${String(ms)}ms`;
}
