import type { AccountConfig } from '../../engine/account-config.js';
import type { CarrierProfile, LatencyName } from '../../engine/carrier-profile.js';
import type { Actor, Command, Query } from '../../engine/world/index.js';
import type { ErrorBody } from '../../simulator/http/errors.js';
import type { SimEvent } from '../../simulator/simulation.js';
import type { FaceAnswer, FaceRequest } from './face-request.js';

/** Who acts or reads: a user of one of the scenario's accounts. */
export interface ActorRef {
  account: string;
  user: string;
}

/** A refusal as the API answers it (the `error` of its error body), from either target. */
export type TargetError = ErrorBody['error'];

/** An operation's answer, from either target: the resource as the API shows it, or the refusal. */
export type TargetOutcome = { ok: true; result?: unknown } | { ok: false; error: TargetError };

export interface TargetUser {
  account: string;
  id: string;
  role: Actor['role'];
  subgroups: string[];
}

/** The control plane's operations a scenario may call (`/v1/sim/…`). */
export type ControlRequest =
  | { op: 'snapshot' }
  | { op: 'restore'; id: string }
  | { op: 'reset'; seed?: number; latency?: LatencyName; start?: number; profile: CarrierProfile }
  | { op: 'seed'; seed: number }
  | { op: 'clock'; mode: 'manual' | 'realtime' | 'scale'; scale?: number }
  | { op: 'load'; config: AccountConfig };

/** The webhook operations of an account (`/v1/webhooks…`), made as a user. */
export type WebhookRequest =
  | { op: 'subscribe'; url: string; events: string[] }
  | { op: 'unsubscribe'; id: string }
  | { op: 'list' }
  | { op: 'get'; id: string }
  | { op: 'deliveries'; id: string };

/** The virtual clock as a scenario reads it: epoch milliseconds, and the next timer due. */
export interface ClockState {
  now: number;
  mode: string;
  scale: number;
  nextDue?: number;
}

/**
 * What a scenario drives: the simulator in process, or a running `tendlc serve` over HTTP. Both
 * answer every operation in the API's terms (statuses, error codes, resources as the API shows
 * them), so that a suite gives the same verdicts either way.
 */
export interface ScenarioTarget {
  /** The users of every account the scenario has loaded. */
  users(): Promise<TargetUser[]>;
  /**
   * Runs a command as a user (undefined: the control plane, for handsets and faults).
   * `sameShape`: its body has the shape of one already checked (the sends of a `send_many`).
   */
  execute(command: Command, actor: ActorRef | undefined, sameShape?: boolean): Promise<TargetOutcome>;
  /** Reads as a user, or as the control plane sees an account. */
  query(q: Query, actor: ActorRef | undefined, account: string): Promise<TargetOutcome>;
  webhooks(request: WebhookRequest, actor: ActorRef): Promise<TargetOutcome>;
  control(request: ControlRequest): Promise<TargetOutcome>;
  /**
   * A request to a provider face (`/twilio/…`, `/telnyx/v2/…`) over HTTP, as the provider's SDK
   * makes it: with the account's provider credentials, or with a user's key when one is named.
   */
  face(request: FaceRequest, account: string, user?: string): Promise<FaceAnswer>;
  advance(ms: number): Promise<void>;
  clock(): Promise<ClockState>;
  /** Events after an id, of every account, oldest first, `at` in epoch milliseconds. */
  events(since?: number): Promise<SimEvent[]>;
  /** The engine's invariants that do not hold now (`[]` when all do). */
  invariants(): Promise<string[]>;
  /** Returns once every webhook attempt due by the virtual now has been made. */
  settle(): Promise<string | undefined>;
  close(): Promise<void>;
}
