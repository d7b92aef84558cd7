import { accountFor, isRefusal, requireAdmin } from './access.js';
import { associate, associationRefusal, findNumber, startPropagation, unassign } from './numbers.js';
import { effects, fail, ok, refused, type Effects } from './state.js';
import type {
  AccountState,
  Actor,
  FaceRecord,
  NumberState,
  Outcome,
  ProviderFace,
  WorldContext,
  WorldState,
} from './types.js';

/**
 * Sender pools (a Twilio Messaging Service, a Telnyx messaging profile) and the provider faces'
 * own records. A pool with an approved campaign assigns it to each active number in it: when the
 * number joins, when the number becomes active, and when the campaign is approved. That is how
 * Twilio assigns numbers to a campaign, so the rule lives here and not in the face.
 */

/** `put_pool`: creates or updates a pool; naming a campaign assigns it to the pool's numbers. */
export function putPool(
  state: WorldState,
  cmd: { id: string; origin: ProviderFace; campaign?: string | null },
  actor: Actor | undefined,
  ctx: WorldContext,
): Outcome {
  const account = accountFor(state, actor);
  if (isRefusal(account)) return fail(account);
  const denied = requireAdmin(actor, 'manage sender pools', ctx.trace);
  if (denied) return fail(denied);
  if (cmd.campaign && !account.campaigns[cmd.campaign])
    return refused('not-found', undefined, `campaign '${cmd.campaign}' does not exist`);
  const fx = effects(ctx.now);
  const pool = (account.pools[cmd.id] ??= { id: cmd.id, origin: cmd.origin });
  const before = pool.campaign;
  if (cmd.campaign === null) delete pool.campaign;
  else if (cmd.campaign !== undefined) pool.campaign = cmd.campaign;
  if (pool.campaign !== before)
    for (const number of numbersOf(account, pool.id)) {
      if (before !== undefined && number.campaign === before) unassign(account, number, fx);
      assignFromPool(state, account, number, ctx, fx);
    }
  return ok(fx, pool);
}

/** `delete_pool`: its numbers leave it, and the pool's campaign with it. */
export function deletePool(
  state: WorldState,
  id: string,
  actor: Actor | undefined,
  ctx: WorldContext,
): Outcome {
  const account = accountFor(state, actor);
  if (isRefusal(account)) return fail(account);
  const denied = requireAdmin(actor, 'manage sender pools', ctx.trace);
  if (denied) return fail(denied);
  const pool = account.pools[id];
  if (!pool) return refused('not-found', undefined, `pool '${id}' does not exist`);
  const fx = effects(ctx.now);
  for (const number of numbersOf(account, id)) leavePool(account, number, fx);
  delete account.pools[id];
  return ok(fx);
}

/** `pool_number`: puts a number in a pool (or out of its pool, with `pool: null`). */
export function poolNumber(
  state: WorldState,
  e164: string,
  poolId: string | null,
  actor: Actor | undefined,
  ctx: WorldContext,
): Outcome {
  const account = accountFor(state, actor);
  if (isRefusal(account)) return fail(account);
  const number = findNumber(account, e164, actor, ctx.trace);
  if (isRefusal(number)) return fail(number);
  const denied = requireAdmin(actor, 'manage sender pools', ctx.trace);
  if (denied) return fail(denied);
  const fx = effects(ctx.now);
  if (poolId === null) {
    leavePool(account, number, fx);
    return ok(fx, number);
  }
  const pool = account.pools[poolId];
  if (!pool) return refused('not-found', undefined, `pool '${poolId}' does not exist`);
  if (number.pool !== undefined && number.pool !== poolId)
    return refused('conflict', undefined, `${number.e164} is already in pool '${number.pool}'`);
  if (pool.campaign !== undefined && number.campaign !== pool.campaign) {
    const limit = associationRefusal(account, pool.campaign, number.e164, ctx);
    if (limit) return fail(limit);
  }
  number.pool = poolId;
  assignFromPool(state, account, number, ctx, fx);
  return ok(fx, number);
}

/**
 * Assigns the pool's campaign to the number when both are ready: the number active, the campaign
 * approved, the association within `use-case-number-limit`. Otherwise it waits for the next step.
 */
export function assignFromPool(
  state: WorldState,
  account: AccountState,
  number: NumberState,
  ctx: WorldContext,
  fx: Effects,
): void {
  const campaignId = number.pool === undefined ? undefined : account.pools[number.pool]?.campaign;
  if (campaignId === undefined || number.campaign === campaignId || number.status !== 'active') return;
  if (account.campaigns[campaignId]?.status !== 'approved') return;
  if (associationRefusal(account, campaignId, number.e164, ctx)) return;
  number.campaign = campaignId;
  associate(account, campaignId, number.e164);
  startPropagation(state, account.info.id, number, ctx, fx);
}

/** A campaign was approved: every pool that carries it assigns it to its active numbers. */
export function assignApprovedCampaign(
  state: WorldState,
  account: AccountState,
  campaignId: string,
  ctx: WorldContext,
  fx: Effects,
): void {
  for (const pool of Object.values(account.pools))
    if (pool.campaign === campaignId)
      for (const number of numbersOf(account, pool.id)) assignFromPool(state, account, number, ctx, fx);
}

function numbersOf(account: AccountState, pool: string): NumberState[] {
  return Object.values(account.numbers).filter((n) => n.pool === pool && n.status !== 'released');
}

function leavePool(account: AccountState, number: NumberState, fx: Effects): void {
  const campaign = number.pool === undefined ? undefined : account.pools[number.pool]?.campaign;
  if (campaign !== undefined && number.campaign === campaign) unassign(account, number, fx);
  delete number.pool;
}

/** `put_record`: stores a provider face's record as given (the world does not read it). */
export function putRecord(
  state: WorldState,
  cmd: { id: string; face: ProviderFace; kind: string; data: Record<string, unknown> },
  actor: Actor | undefined,
  ctx: WorldContext,
): Outcome {
  const account = accountFor(state, actor);
  if (isRefusal(account)) return fail(account);
  const existing = account.records[cmd.id];
  if (existing && (existing.face !== cmd.face || existing.kind !== cmd.kind))
    return refused('conflict', undefined, `record '${cmd.id}' is a ${existing.face} ${existing.kind}`);
  const record: FaceRecord = {
    id: cmd.id,
    face: cmd.face,
    kind: cmd.kind,
    data: structuredClone(cmd.data),
    createdAt: existing?.createdAt ?? ctx.now,
    updatedAt: ctx.now,
  };
  account.records[cmd.id] = record;
  return ok(effects(ctx.now), record);
}

/** `delete_record`. */
export function deleteRecord(
  state: WorldState,
  id: string,
  actor: Actor | undefined,
  ctx: WorldContext,
): Outcome {
  const account = accountFor(state, actor);
  if (isRefusal(account)) return fail(account);
  if (!account.records[id]) return refused('not-found', undefined, `record '${id}' does not exist`);
  delete account.records[id];
  return ok(effects(ctx.now));
}
