import type express from 'express';
import type { Response } from 'express';
import { durationMs } from '../../../engine/duration.js';
import type { AccountState, Command, NumberState, Outcome } from '../../../engine/world/index.js';
import type { AppParts } from '../../http/app.js';
import type { ActorRef, SimulatorService } from '../../service.js';
import { faceError, fromRefusal, sendTelnyxError } from './errors.js';
import { findNumberId } from './ids.js';
import type { Body } from './requests.js';
import { recordIds } from './views.js';

/**
 * What a resource file mounts its routes with: the router, the caller's account, the engine's
 * commands and reads (a refusal becomes Telnyx's envelope), and the face's own records.
 */
export interface TelnyxContext {
  r: express.Router;
  service: SimulatorService;
  actorOf(res: Response): ActorRef;
  accountOf(res: Response): AccountState;
  exec(res: Response, command: Command): Outcome;
  /** The next number of a kind of the face's own resources (`telnyx-mp-N`), kept in a counter record. */
  nextNumber(res: Response, kind: string): number;
  putRecord(res: Response, id: string, kind: string, data: Body): void;
  /** Sends the refusal of an outcome that failed, and says whether it did. */
  refuse(res: Response, outcome: Outcome, fields?: Record<string, string>): boolean;
  notFound(res: Response, what: string, pointer?: string): void;
  /** A number the caller reaches (its subgroups): out of scope is not found. */
  reachable(res: Response, id: string): NumberState | undefined;
  /** How long carriers take to provision an approved campaign: the profile's longest propagation. */
  mnoMs(): number;
  now(): number;
}

export function telnyxContext(parts: AppParts, r: express.Router): TelnyxContext {
  const { service } = parts;
  const actorOf = (res: Response): ActorRef => res.locals.caller.actor!;
  const accountOf = (res: Response): AccountState => service.sim.inspect().accounts[actorOf(res).account]!;
  const exec = (res: Response, command: Command): Outcome => {
    const outcome = service.execute(command, actorOf(res));
    parts.afterChange();
    return outcome;
  };
  const nextNumber = (res: Response, kind: string): number => {
    const data = accountOf(res).records[recordIds.counters]?.data ?? {};
    const n = (typeof data[kind] === 'number' ? (data[kind] as number) : 0) + 1;
    exec(res, {
      action: 'put_record',
      id: recordIds.counters,
      face: 'telnyx',
      kind: 'counters',
      data: { ...data, [kind]: n },
    });
    return n;
  };
  const putRecord = (res: Response, id: string, kind: string, data: Body): void => {
    exec(res, { action: 'put_record', id, face: 'telnyx', kind, data });
  };
  const refuse = (res: Response, outcome: Outcome, fields?: Record<string, string>): boolean => {
    if (outcome.ok) return false;
    sendTelnyxError(res, fromRefusal(outcome.refusal, fields));
    return true;
  };
  const notFound = (res: Response, what: string, pointer?: string): void => {
    sendTelnyxError(res, faceError(404, 'notFound', `${what} does not exist`, pointer));
  };
  const reachable = (res: Response, id: string): NumberState | undefined => {
    const e164 = findNumberId(accountOf(res), id);
    if (e164 === undefined) return undefined;
    const read = service.query({ of: 'number', e164 }, actorOf(res));
    return read.ok ? (read.result as NumberState) : undefined;
  };
  const mnoMs = (): number => durationMs(service.sim.profile.latency[service.sim.latency].propagation[1]);
  const now = (): number => service.sim.now();
  return {
    r,
    service,
    actorOf,
    accountOf,
    exec,
    nextNumber,
    putRecord,
    refuse,
    notFound,
    reachable,
    mnoMs,
    now,
  };
}
