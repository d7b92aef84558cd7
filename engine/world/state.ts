import type { AccountInfo } from '../account-config.js';
import type { LatencyKey } from '../carrier-profile.js';
import { durationMs } from '../duration.js';
import { refuse, type Refusal, type RefusalKind } from '../refusal.js';
import type {
  AccountState,
  Command,
  DomainEvent,
  Outcome,
  Timer,
  WorldContext,
  WorldState,
} from './types.js';

/** An empty world. */
export function createWorld(): WorldState {
  return { accounts: {}, taken: {}, owners: {}, faults: {}, counters: {} };
}

/** A fresh account with nothing in it. */
export function createAccount(info: AccountInfo): AccountState {
  return {
    info,
    users: {},
    subgroups: [],
    brands: {},
    campaigns: {},
    numbers: {},
    outreach: {},
    pools: {},
    records: {},
    messages: new Map(),
    optOuts: {},
    contactNames: {},
    conversations: {},
    associations: {},
    usage: {},
    nextSlot: {},
    counters: {},
  };
}

/**
 * Whether a counter numbers ids (`nextId`'s kinds, a bare word such as `msg`), rather than keeping
 * a fact as a count (`undelivered:+12065550100`). Id counters only ever move forward in a history.
 */
export function isIdCounter(key: string): boolean {
  return /^[a-z]+$/u.test(key);
}

/** The next id of a kind within a scope (`msg-1`, `brand-2`…): ids are stable for one history. */
export function nextId(counters: Record<string, number>, prefix: string): string {
  const n = (counters[prefix] ?? 0) + 1;
  counters[prefix] = n;
  return `${prefix}-${String(n)}`;
}

/** The events and timers a transition produces, collected as it goes. */
export interface Effects {
  readonly events: DomainEvent[];
  readonly timers: Timer[];
  emit(account: string, type: string, data: Record<string, unknown>, subgroup?: string): void;
  schedule(at: number, command: Command): void;
}

/** Starts collecting a transition's effects at `now`. */
export function effects(now: number): Effects {
  return new Collected(now);
}

// A class rather than closures: a transition runs per message, and its effects are made each time.
class Collected implements Effects {
  readonly events: DomainEvent[] = [];
  readonly timers: Timer[] = [];

  constructor(private readonly now: number) {}

  emit(account: string, type: string, data: Record<string, unknown>, subgroup?: string): void {
    // Every field in the literal, the id too: an event is made per message and kept in the log, and
    // one shape from birth saves V8 a property store grown later.
    this.events.push({ id: 0, type, at: this.now, account, subgroup, data });
  }

  schedule(at: number, command: Command): void {
    this.timers.push({ at, command });
  }
}

/** A command's fields without its `action`: what a resource created from it keeps. */
export function fieldsOf<T extends object>(cmd: T): Omit<T, 'action'> {
  const { action: _action, ...fields } = cmd as T & { action?: unknown };
  return fields;
}

/** A successful outcome with its effects. */
export function ok(fx: Effects, result?: unknown): Outcome {
  const outcome: Outcome = { ok: true, events: fx.events, timers: fx.timers };
  if (result !== undefined) outcome.result = result;
  return outcome;
}

/** A refused outcome: the state is untouched. */
export function refused(
  kind: RefusalKind,
  rule: string | undefined,
  message: string,
  details?: Record<string, unknown>,
  errorCode?: number,
): Outcome {
  return { ok: false, refusal: refuse(kind, rule, message, details, errorCode) };
}

/** Wraps a refusal as an outcome. */
export function fail(refusal: Refusal): Outcome {
  return { ok: false, refusal };
}

/** A latency drawn uniformly from the profile's range, plus any extra latency injected as a fault. */
export function drawLatency(state: WorldState, ctx: WorldContext, key: LatencyKey): number {
  const range = ctx.latency[key];
  const min = durationMs(range[0]);
  const max = durationMs(range[1]);
  let extra = 0;
  for (const id in state.faults) {
    const fault = state.faults[id];
    if (fault?.type === 'extra-latency' && fault.duration) extra += durationMs(fault.duration);
  }
  return Math.round(min + ctx.random() * (max - min)) + extra;
}

/** Whether a fault of this type is on for the account (a fault without an account applies to all). */
export function faultOn(state: WorldState, type: string, account: string): boolean {
  // Read per message at dispatch: a loop, not a list of the faults made each time.
  for (const id in state.faults) {
    const f = state.faults[id];
    if (f?.type === type && (f.account === undefined || f.account === account)) return true;
  }
  return false;
}
