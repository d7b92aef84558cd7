import type { AccountConfig } from '../engine/account-config.js';
import type { CarrierProfile, LatencyName } from '../engine/carrier-profile.js';
import type { Refusal } from '../engine/refusal.js';
import {
  createWorld,
  handle,
  invariants,
  loadAccount,
  query,
  type Actor,
  type Command,
  type DomainEvent,
  type Outcome,
  type Query,
  type QueryResult,
  type RuleTrace,
  type WorldContext,
  type WorldState,
} from '../engine/world/index.js';
import { worldFromData, worldToData, type WorldData } from '../engine/world/world-data.js';
import { carryIdCounters, raiseIdCounters, type RetiredCounters } from './id-counters.js';
import { seededRandom, type RandomSource } from './random.js';
import { Scheduler } from './time/scheduler.js';
import { LATEST_TIME } from './virtual-clock.js';

/** An event as the API delivers it: the world's fact with its id in the simulator's one sequence. */
export type SimEvent = DomainEvent;

export interface SimulationOptions {
  profile: CarrierProfile;
  latency?: LatencyName;
  seed?: number;
  /** The virtual time the clock starts at (epoch ms). */
  start?: number;
  /** How many events the log keeps in memory for `since` resumes. */
  eventRetention?: number;
}

/**
 * The in-process simulator: the engine's world driven by a virtual clock, a scheduler of the
 * world's timers and one seeded random source. No HTTP and no I/O: the server, the scenario
 * runner and the fuzzer all drive this.
 */
export class Simulation {
  /** The carrier profile; a scenario's reset may set another (`POST /v1/sim/reset {profile}`). */
  profile: CarrierProfile;
  latency: LatencyName;
  /** Told each rule whose check a command, a timer or a read goes through (a scenario run's coverage). */
  tracer: RuleTrace | undefined;
  private world: WorldState = createWorld();
  private scheduler = new Scheduler<Command>();
  private random: RandomSource;
  private clock: number;
  private events: SimEvent[] = [];
  private nextEventId = 1;
  /** Id counters of accounts a restore removed (see carryIdCounters). */
  private retired: RetiredCounters = {};
  private readonly retention: number;
  private listeners: Array<(event: SimEvent) => void> = [];
  private ctx: { -readonly [K in keyof WorldContext]: WorldContext[K] } | undefined;

  constructor(options: SimulationOptions) {
    this.profile = options.profile;
    this.latency = options.latency ?? 'realistic';
    this.random = seededRandom(options.seed ?? 1);
    this.clock = options.start ?? Date.parse('2026-01-05T17:00:00Z');
    this.retention = options.eventRetention ?? 100_000;
  }

  /** The virtual time, epoch ms. */
  now(): number {
    return this.clock;
  }

  private context(at: number): WorldContext {
    const latency = this.profile.latency[this.latency];
    const c = this.ctx;
    // One context, its time set per call: a bulk send runs a command and two timers per message,
    // and no transition keeps its context past the call. A reset or a reseed makes a new one.
    if (
      c?.profile === this.profile &&
      c.random === this.random.next &&
      c.latency === latency &&
      c.trace === this.tracer
    ) {
      c.now = at;
      return c;
    }
    return (this.ctx = {
      now: at,
      random: this.random.next,
      profile: this.profile,
      latency,
      trace: this.tracer,
    });
  }

  /** Creates an account from a config document. */
  load(config: AccountConfig): Outcome {
    const outcome = this.apply(loadAccount(this.world, config, this.context(this.clock)));
    const id = config.account.id;
    // An account of an id a restore removed takes its ids on from where they had got.
    if (outcome.ok && this.retired[id]) {
      raiseIdCounters(this.world.accounts[id]!.counters, this.retired[id]);
      delete this.retired[id];
    }
    return outcome;
  }

  /** Runs a command as an actor (undefined: the system, as the control plane does). */
  execute(command: Command, actor?: Actor): Outcome {
    const outcome = this.apply(handle(this.world, command, actor, this.context(this.clock)));
    const due = this.scheduler.peek();
    if (due === undefined || due > this.clock) return outcome;
    // The answer shows the resource as the command left it, before timers due now move it on.
    const answer =
      outcome.ok && isRecord(outcome.result) ? { ...outcome, result: { ...outcome.result } } : outcome;
    this.runDue(this.clock);
    return answer;
  }

  /** Reads the world as an actor may see it. */
  query(q: Query, actor?: Actor, account?: string): QueryResult {
    return query(this.world, q, actor, this.profile, account, this.tracer);
  }

  /** Moves the clock forward, firing every timer due, each at its own virtual time. */
  advance(ms: number): void {
    if (!(ms >= 0)) throw new RangeError('the clock only moves forward');
    this.advanceTo(this.clock + ms);
  }

  /** Moves the clock to a virtual time (at most the end of virtual time, where it stops). */
  advanceTo(at: number): void {
    const until = Math.min(at, LATEST_TIME);
    this.runDue(until);
    this.clock = Math.max(this.clock, until);
  }

  /** The time of the next pending timer. */
  nextDue(): number | undefined {
    return this.scheduler.peek();
  }

  /** How many timers wait on the clock (the queue depth of `/metrics`). */
  pendingTimers(): number {
    return this.scheduler.size;
  }

  /** Events after an id, oldest first, from the retained window. */
  eventsSince(id = 0): SimEvent[] {
    return this.eventsAfter(id, Infinity);
  }

  /** At most `max` events after an id, oldest first, from the retained window. */
  eventsAfter(id: number, max: number): SimEvent[] {
    const from = Math.max(0, id + 1 - this.oldestEventId());
    return this.events.slice(from, from + max);
  }

  /** The id of the oldest event the window still holds (the next id when it holds none). */
  oldestEventId(): number {
    return this.events[0]?.id ?? this.nextEventId;
  }

  /** The id of the last event. */
  lastEventId(): number {
    return this.nextEventId - 1;
  }

  /** How many events the window keeps. */
  get eventRetention(): number {
    return this.retention;
  }

  /**
   * Takes a recovered window (the state file's), to which replayed events are then added. Only
   * the run of consecutive ids that ends at the last event counts: anything older is left out.
   */
  adoptEvents(events: SimEvent[]): void {
    let start = events.length;
    for (let expected = this.lastEventId(); start > 0 && events[start - 1]!.id === expected; expected--)
      start -= 1;
    this.events = events.slice(Math.max(start, events.length - this.retention));
  }

  /** Calls back on every new event, in order; returns the unsubscribe function. */
  onEvent(listener: (event: SimEvent) => void): () => void {
    this.listeners.push(listener);
    return () => {
      this.listeners = this.listeners.filter((l) => l !== listener);
    };
  }

  /** The world itself, for checks that read it whole (tests, the fuzzer); never mutate it. */
  inspect(): Readonly<WorldState> {
    return this.world;
  }

  /** The violated engine invariants (`[]` when all hold). */
  invariants(): string[] {
    return invariants(this.world, this.profile);
  }

  /** The whole state as plain data, to persist or to restore later. */
  snapshot(): SimulationSnapshot {
    return {
      world: worldToData(this.world),
      timers: this.scheduler.dump(),
      random: this.random.state(),
      clock: this.clock,
      nextEventId: this.nextEventId,
      latency: this.latency,
      ...(Object.keys(this.retired).length === 0 ? {} : { retired: structuredClone(this.retired) }),
    };
  }

  /**
   * Replaces the state with a snapshot's. `load`: recovery, from a snapshot just read from disk
   * that nobody else holds (taken as it is, not copied). `continue`: a restore within the
   * history, whose ids never move back (the event ids and the id counters carry on, the window of
   * events stays). `begin`: a new history from the snapshot (a reset), ids as the snapshot had them.
   */
  restore(snapshot: SimulationSnapshot, mode: 'load' | 'continue' | 'begin'): void {
    const before = { world: this.world, nextEventId: this.nextEventId };
    const owned = mode === 'load';
    this.world = worldFromData(owned ? snapshot.world : structuredClone(snapshot.world));
    this.scheduler = new Scheduler<Command>();
    this.scheduler.load(owned ? snapshot.timers : structuredClone(snapshot.timers));
    this.random = seededRandom(snapshot.random);
    this.clock = snapshot.clock;
    this.nextEventId = snapshot.nextEventId;
    this.latency = snapshot.latency;
    if (mode === 'continue') {
      this.nextEventId = Math.max(before.nextEventId, snapshot.nextEventId);
      this.retired = carryIdCounters(before.world, this.world, this.retired);
      return;
    }
    this.retired = owned ? (snapshot.retired ?? {}) : structuredClone(snapshot.retired ?? {});
    this.events = [];
  }

  /** Sets the clock to a time, backwards too: a reset that starts a scenario over. */
  rewind(at: number): void {
    this.clock = at;
  }

  /** Reseeds the random source. */
  reseed(seed: number): void {
    this.random = seededRandom(seed);
  }

  private runDue(until: number): void {
    for (let at = this.scheduler.peek(); at !== undefined && at <= until; at = this.scheduler.peek()) {
      const task = this.scheduler.pop() as Command;
      this.clock = Math.max(this.clock, at);
      this.apply(handle(this.world, task, undefined, this.context(at)));
    }
  }

  private apply(outcome: Outcome): Outcome {
    if (!outcome.ok) return outcome;
    for (const timer of outcome.timers)
      this.scheduler.schedule(Math.max(timer.at, this.clock), timer.command);
    for (const event of outcome.events) this.record(event);
    return outcome;
  }

  private record(event: DomainEvent): void {
    // The world's event is fresh and owned by nobody else: number it in place rather than copy it.
    event.id = this.nextEventId++;
    this.events.push(event);
    if (this.events.length > this.retention * 1.5) this.events = this.events.slice(-this.retention);
    for (const listener of this.listeners) listener(event);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A simulation's state as plain data. */
export interface SimulationSnapshot {
  world: WorldData;
  timers: ReturnType<Scheduler<Command>['dump']>;
  random: [number, number, number, number];
  clock: number;
  nextEventId: number;
  latency: LatencyName;
  /** Id counters of accounts a restore removed; absent when none. */
  retired?: RetiredCounters;
}

/** A refusal as a value, re-exported for the faces that print it. */
export type { Refusal };
