import { expireCampaign, setSuspended } from './campaigns.js';
import { parseDuration } from '../duration.js';
import { effects, fieldsOf, nextId, ok, refused, type Effects } from './state.js';
import type { Actor, FaultState, Outcome, WorldContext, WorldState } from './types.js';

/** Every type of fault the control plane injects. */
export const FAULT_TYPES: readonly FaultState['type'][] = [
  'carrier-outage',
  'provisioning-failure',
  'campaign-rejection',
  'campaign-suspension',
  'campaign-expiry',
  'extra-latency',
  // Faults of the simulator's faces, kept with the others: the HTTP layer and the webhook
  // dispatcher apply them.
  'webhook-failure',
  'http-error',
];
const TYPES = new Set(FAULT_TYPES);

/** `fault`: the control plane injects a fault; only the system (the admin token) may. */
export function injectFault(
  state: WorldState,
  cmd: Omit<FaultState, 'id'> & { id?: string },
  actor: Actor | undefined,
  ctx: WorldContext,
): Outcome {
  const { now } = ctx;
  if (actor) return refused('forbidden', undefined, 'faults are injected through the control plane');
  if (!TYPES.has(cmd.type))
    return refused(
      'invalid',
      undefined,
      `unknown fault type '${String(cmd.type)}'; one of ${[...TYPES].join(', ')}`,
      { field: 'type' },
    );
  if (cmd.type === 'http-error' && !/^(GET|POST|PATCH|DELETE|PUT) \/\S*$/u.test(cmd.route ?? ''))
    return refused('invalid', undefined, 'an http-error fault names its route, such as "POST /v1/messages"', {
      field: 'route',
    });
  if (
    (cmd.type === 'campaign-suspension' || cmd.type === 'campaign-expiry') &&
    (cmd.campaign === undefined || cmd.account === undefined)
  )
    return refused('invalid', undefined, `a ${cmd.type} fault names the account and the campaign`, {
      field: 'campaign',
    });
  // Read at every delivery and every draw: a value that does not parse would fail them all later.
  if (
    cmd.duration !== undefined &&
    (typeof cmd.duration !== 'string' || parseDuration(cmd.duration) === undefined)
  )
    return refused(
      'invalid',
      undefined,
      `duration '${String(cmd.duration)}' is not a duration such as 30s or 5m`,
      {
        field: 'duration',
      },
    );
  if (cmd.rate !== undefined && !(typeof cmd.rate === 'number' && cmd.rate >= 0 && cmd.rate <= 1))
    return refused('invalid', undefined, `rate ${String(cmd.rate)} is not a probability from 0 to 1`, {
      field: 'rate',
    });
  const id = cmd.id ?? nextId(state.counters, 'fault');
  const fault: FaultState = { ...fieldsOf(cmd), id };
  const done =
    fault.type === 'campaign-suspension'
      ? setSuspended(state, fault.account ?? '', fault.campaign ?? '', true, ctx)
      : fault.type === 'campaign-expiry'
        ? expireCampaign(state, fault.account ?? '', fault.campaign ?? '', ctx)
        : undefined;
  if (done && !done.ok) return done;
  state.faults[id] = fault;
  return ok(announce(state, fault, 'fault.injected', done, now), fault);
}

/** `clear_fault`: a suspension ends, other faults stop applying; an expiry is final and stays. */
export function clearFault(
  state: WorldState,
  id: string,
  actor: Actor | undefined,
  ctx: WorldContext,
): Outcome {
  const { now } = ctx;
  if (actor) return refused('forbidden', undefined, 'faults are cleared through the control plane');
  const fault = state.faults[id];
  if (!fault) return refused('not-found', undefined, `fault '${id}' does not exist`);
  delete state.faults[id];
  const reinstated =
    fault.type === 'campaign-suspension'
      ? setSuspended(state, fault.account ?? '', fault.campaign ?? '', false, ctx)
      : undefined;
  return ok(announce(state, fault, 'fault.cleared', reinstated, now), fault);
}

/**
 * The fault's own event, then what it did (a suspension, a reinstatement). Told to the fault's
 * account, or to every account for a fault on all of them, so that each account's stream says
 * why its traffic changed.
 */
function announce(
  state: WorldState,
  fault: FaultState,
  type: 'fault.injected' | 'fault.cleared',
  consequence: Outcome | undefined,
  now: number,
): Effects {
  const fx = effects(now);
  const accounts = fault.account === undefined ? Object.keys(state.accounts) : [fault.account];
  for (const account of accounts)
    if (Object.hasOwn(state.accounts, account)) fx.emit(account, type, { fault: fault.id, type: fault.type });
  if (consequence?.ok) fx.events.push(...consequence.events);
  return fx;
}
