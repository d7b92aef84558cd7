import type { Refusal } from '../refusal.js';
import { refuse } from '../refusal.js';
import type { AccountState, Actor, RuleTrace, WorldState } from './types.js';

/** The account an actor acts in; the system (no actor) names it in the command. */
export function accountFor(
  state: WorldState,
  actor: Actor | undefined,
  fallback?: string,
): AccountState | Refusal {
  const id = actor?.account ?? fallback ?? Object.keys(state.accounts)[0];
  const account = id === undefined ? undefined : state.accounts[id];
  return account ?? refuse('not-found', undefined, `account '${id ?? ''}' does not exist`);
}

/** Whether a value is a refusal rather than a result. */
export function isRefusal(value: unknown): value is Refusal {
  return (
    typeof value === 'object' && value !== null && 'kind' in value && 'message' in value && !('info' in value)
  );
}

/** `number-admin-role`: only owners and admins manage numbers and registrations (the system may too). */
export function requireAdmin(actor: Actor | undefined, what: string, trace?: RuleTrace): Refusal | undefined {
  if (actor) trace?.('number-admin-role');
  if (!actor || actor.role === 'owner' || actor.role === 'admin') return undefined;
  return refuse(
    'forbidden',
    'number-admin-role',
    `a ${actor.role} user cannot ${what}; only owners and admins can`,
  );
}

/** Whether the actor reaches a resource of this subgroup (`subgroup-isolation`). */
export function reaches(actor: Actor | undefined, subgroup: string | undefined, trace?: RuleTrace): boolean {
  if (actor) trace?.('subgroup-isolation');
  if (!actor || actor.subgroups.length === 0 || subgroup === undefined) return true;
  return actor.subgroups.includes(subgroup);
}

/**
 * Out of the actor's subgroups is the same answer as not existing: the same words as the missing
 * resource's (`what` as the caller writes it there). The rule id stays with the refusal for the
 * engine's own use (coverage); the API drops it from a 404, which must not tell out of scope from
 * missing.
 */
export function outOfScope(what: string): Refusal {
  return refuse('not-found', 'subgroup-isolation', `${what} does not exist`);
}
