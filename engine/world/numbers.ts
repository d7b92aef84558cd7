import { normalizePhone } from '../phone.js';
import { type Refusal, refuse } from '../refusal.js';
import { accountFor, isRefusal, outOfScope, reaches, requireAdmin } from './access.js';
import { capacityOf, isDedicated, lifetimeOf, pickNumber, remaining, take } from './inventory.js';
import { assignFromPool } from './pools.js';
import { drawLatency, effects, fail, faultOn, ok, refused, type Effects } from './state.js';
import type {
  AccountState,
  Actor,
  NumberState,
  OrderNumber,
  Outcome,
  RuleTrace,
  WorldContext,
  WorldState,
} from './types.js';

const HELD = new Set(['ordered', 'provisioning', 'active']);

/** The number as the actor may see it, or the refusal for one that does not exist for them. */
export function findNumber(
  account: AccountState,
  e164: string,
  actor: Actor | undefined,
  trace?: RuleTrace,
): NumberState | Refusal {
  const normalized = normalizePhone(e164);
  const number = normalized.ok ? account.numbers[normalized.e164] : undefined;
  if (!number) return refuse('not-found', undefined, `number ${e164} does not exist`);
  if (!reaches(actor, number.subgroup, trace)) return outOfScope(`number ${e164}`);
  return number;
}

/** Whether a number counts against `dedicated-number-limit`: dedicated and ordered, provisioning or active. */
export function holdsDedicated(n: NumberState): boolean {
  return n.origin === undefined && isDedicated(n.kind, n.lifetime) && HELD.has(n.status);
}

/** The dedicated numbers an account holds (`dedicated-number-limit`). */
export function dedicatedCount(account: AccountState): number {
  return Object.values(account.numbers).filter(holdsDedicated).length;
}

/** The checks of an order that the registry and carriers make before touching inventory. */
function orderRefusal(account: AccountState, cmd: OrderNumber, ctx: WorldContext): Refusal | undefined {
  const { numbers } = ctx.profile;
  // A provider face's number is held to the registry's and carriers' rules only (rule scope).
  const dedicated = cmd.origin === undefined && isDedicated(cmd.kind, cmd.lifetime);
  const areaCode = cmd.areaCode ?? cmd.e164?.replace(/\D/gu, '').slice(-10, -7);
  ctx.trace?.('dedicated-us-only');
  if (dedicated)
    for (const rule of ['area-code-excluded', 'dedicated-needs-approved-campaign', 'dedicated-number-limit'])
      ctx.trace?.(rule);
  if (dedicated && account.info.country !== 'US')
    return refuse(
      'unprocessable',
      'dedicated-us-only',
      `account '${account.info.id}' is in ${account.info.country}; dedicated numbers are for US accounts`,
    );
  if (dedicated && areaCode !== undefined && numbers.excludedAreaCodes.includes(areaCode))
    return refuse(
      'unprocessable',
      'area-code-excluded',
      `area code ${areaCode} cannot hold dedicated numbers`,
    );
  if (dedicated) {
    const campaign = cmd.campaign === undefined ? undefined : account.campaigns[cmd.campaign];
    if (!campaign || campaign.status !== 'approved')
      return refuse(
        'unprocessable',
        'dedicated-needs-approved-campaign',
        `a dedicated number is ordered with an approved campaign; ${cmd.campaign === undefined ? 'none was given' : `'${cmd.campaign}' is ${campaign?.status ?? 'unknown'}`}`,
      );
    if (dedicatedCount(account) >= numbers.dedicatedLimit)
      return refuse(
        'unprocessable',
        'dedicated-number-limit',
        `account '${account.info.id}' holds ${String(dedicatedCount(account))} dedicated numbers; at most ${String(numbers.dedicatedLimit)} are allowed`,
      );
  }
  if (cmd.campaign !== undefined) return associationRefusal(account, cmd.campaign, undefined, ctx);
  return undefined;
}

/** `use-case-number-limit`: a new association past the limit is refused. */
export function associationRefusal(
  account: AccountState,
  campaign: string,
  e164: string | undefined,
  ctx: WorldContext,
): Refusal | undefined {
  ctx.trace?.('use-case-number-limit');
  const associated = account.associations[campaign] ?? [];
  const limit = ctx.profile.numbers.campaignNumberLimit;
  if (e164 !== undefined && associated.includes(e164)) return undefined;
  if (associated.length < limit) return undefined;
  return refuse(
    'unprocessable',
    'use-case-number-limit',
    `campaign '${campaign}' has been associated with ${String(associated.length)} numbers; at most ${String(limit)} are allowed`,
  );
}

/** Records that a number was associated with a campaign; associations never shrink. */
export function associate(account: AccountState, campaign: string, e164: string): void {
  const list = (account.associations[campaign] ??= []);
  if (!list.includes(e164)) list.push(e164);
}

/** Checks an order, takes a number from inventory and puts it in the provisioning queue. */
export function placeOrder(
  state: WorldState,
  account: AccountState,
  cmd: OrderNumber,
  ctx: WorldContext,
  fx: Effects,
): NumberState | Refusal {
  const early =
    orderRefusal(account, cmd, ctx) ?? unknownUsers(account, [cmd.rep, ...(cmd.inbox?.agents ?? [])]);
  if (early) return early;
  let e164: string;
  if (cmd.e164 !== undefined) {
    ctx.trace?.('recipient-us-10-digit');
    const normalized = normalizePhone(cmd.e164);
    if (!normalized.ok)
      return refuse(
        'invalid',
        'recipient-us-10-digit',
        `'${cmd.e164}' is not a US number: ${normalized.reason}`,
        { field: 'e164' },
      );
    e164 = normalized.e164;
    if (state.owners[e164]) return refuse('conflict', undefined, `${e164} is not available`);
    if (remaining(state, ctx.profile, e164.slice(2, 5)) === 0) return unavailable(e164.slice(2, 5), ctx);
    traceInventory(e164.slice(2, 5), ctx);
  } else {
    const areaCode = cmd.areaCode ?? '';
    if (!/^[2-9]\d\d$/u.test(areaCode))
      return refuse('invalid', undefined, 'order needs `e164` or a three-digit `areaCode`', {
        field: 'areaCode',
      });
    if (remaining(state, ctx.profile, areaCode) === 0) return unavailable(areaCode, ctx);
    traceInventory(areaCode, ctx);
    e164 = pickNumber(state, areaCode, ctx);
  }
  const number: NumberState = {
    e164,
    ...(cmd.origin === undefined ? {} : { origin: cmd.origin }),
    kind: cmd.kind,
    lifetime: lifetimeOf(cmd.kind, cmd.lifetime),
    status: 'provisioning',
    ...(cmd.name === undefined ? {} : { name: cmd.name }),
    ...(cmd.subgroup === undefined ? {} : { subgroup: cmd.subgroup }),
    ...(cmd.campaign === undefined ? {} : { campaign: cmd.campaign }),
    ...(cmd.rep === undefined ? {} : { rep: cmd.rep }),
    ...(cmd.inbox === undefined ? {} : { inbox: { mode: cmd.inbox.mode, agents: [...cmd.inbox.agents] } }),
    assignment: 'none',
    assignmentVersion: 0,
    portProtected: cmd.portProtected ?? isDedicated(cmd.kind, cmd.lifetime),
    portPin: String(Math.floor(ctx.random() * 10_000)).padStart(4, '0'),
    orderedAt: ctx.now,
  };
  take(state, account.info.id, e164);
  account.numbers[e164] = number;
  if (cmd.campaign !== undefined) associate(account, cmd.campaign, e164);
  fx.emit(
    account.info.id,
    'number.ordered',
    { number: e164, kind: number.kind, lifetime: number.lifetime },
    number.subgroup,
  );
  fx.schedule(ctx.now + drawLatency(state, ctx, 'provisioning'), {
    action: 'timer.provisioned',
    account: account.info.id,
    number: e164,
  });
  return number;
}

/** An order went through the inventory's checks: every area code's, and a scarce one's. */
function traceInventory(areaCode: string, ctx: WorldContext): void {
  ctx.trace?.('area-code-unavailable');
  if (ctx.profile.numbers.scarceAreaCodes[areaCode] !== undefined) ctx.trace?.('scarce-area-code');
}

function unavailable(areaCode: string, ctx: WorldContext): Refusal {
  traceInventory(areaCode, ctx);
  const scarce = capacityOf(ctx.profile, areaCode) > 0;
  return refuse(
    'unprocessable',
    'area-code-unavailable',
    `area code ${areaCode} has no numbers available${scarce ? ' (a scarce area code)' : ''}; choose another area code`,
    { areaCode },
  );
}

/** `order_number` (`POST /v1/numbers`). */
export function orderNumber(
  state: WorldState,
  cmd: OrderNumber,
  actor: Actor | undefined,
  ctx: WorldContext,
): Outcome {
  const account = accountFor(state, actor);
  if (isRefusal(account)) return fail(account);
  if (
    cmd.subgroup !== undefined &&
    (!account.subgroups.includes(cmd.subgroup) || !reaches(actor, cmd.subgroup, ctx.trace))
  )
    return fail(outOfScope(`subgroup '${cmd.subgroup}'`));
  const denied = requireAdmin(actor, 'order numbers', ctx.trace);
  if (denied) return fail(denied);
  const subgroup = cmd.subgroup ?? (actor && actor.subgroups.length === 1 ? actor.subgroups[0] : undefined);
  const fx = effects(ctx.now);
  const number = placeOrder(
    state,
    account,
    { ...cmd, ...(subgroup === undefined ? {} : { subgroup }) },
    ctx,
    fx,
  );
  return isRefusal(number) ? fail(number) : ok(fx, number);
}

/** The provisioning queue is through: active, or failed under a `provisioning-failure` fault. */
export function finishProvisioning(
  state: WorldState,
  accountId: string,
  e164: string,
  ctx: WorldContext,
): Outcome {
  const fx = effects(ctx.now);
  const account = state.accounts[accountId];
  const number = account?.numbers[e164];
  if (!account || !number || number.status !== 'provisioning') return ok(fx);
  const failure = Object.values(state.faults).find(
    (f) => f.type === 'provisioning-failure' && (f.account ?? accountId) === accountId,
  );
  if (failure && ctx.random() < (failure.rate ?? 1)) {
    // A failed number holds no campaign (`assignment-needs-active-number`); the campaign keeps
    // the association, which never shrinks (`use-case-number-limit`).
    const campaign = number.campaign;
    number.status = 'failed';
    delete number.campaign;
    fx.emit(
      accountId,
      'number.failed',
      { number: e164, ...(campaign === undefined ? {} : { campaign }) },
      number.subgroup,
    );
    return ok(fx);
  }
  number.status = 'active';
  fx.emit(accountId, 'number.provisioned', { number: e164 }, number.subgroup);
  if (number.campaign !== undefined) startPropagation(state, accountId, number, ctx, fx);
  else assignFromPool(state, account, number, ctx, fx);
  return ok(fx);
}

/** Assignment starts to propagate to the carriers (`assignment-propagation`). */
export function startPropagation(
  state: WorldState,
  accountId: string,
  number: NumberState,
  ctx: WorldContext,
  fx: Effects,
): void {
  ctx.trace?.('assignment-propagation');
  number.assignment = 'propagating';
  number.assignmentVersion += 1;
  fx.emit(
    accountId,
    'assignment.propagating',
    { number: number.e164, campaign: number.campaign ?? null },
    number.subgroup,
  );
  fx.schedule(ctx.now + drawLatency(state, ctx, 'propagation'), {
    action: 'timer.propagated',
    account: accountId,
    number: number.e164,
    version: number.assignmentVersion,
  });
}

/** Propagation is through: the assignment is effective, unless a later one replaced it. */
export function finishPropagation(
  state: WorldState,
  accountId: string,
  e164: string,
  version: number,
  now: number,
): Outcome {
  const fx = effects(now);
  const number = state.accounts[accountId]?.numbers[e164];
  if (!number || number.assignmentVersion !== version || number.assignment !== 'propagating') return ok(fx);
  number.assignment = 'effective';
  fx.emit(
    accountId,
    'assignment.effective',
    { number: e164, campaign: number.campaign ?? null },
    number.subgroup,
  );
  return ok(fx);
}

/** `assign_number`: moves a number to a campaign, or unassigns it with `campaign: null`. */
export function assignNumber(
  state: WorldState,
  e164: string,
  campaignId: string | null,
  actor: Actor | undefined,
  ctx: WorldContext,
): Outcome {
  const account = accountFor(state, actor);
  if (isRefusal(account)) return fail(account);
  // Out of scope is not found, whatever the role: the scope is decided first.
  const number = findNumber(account, e164, actor, ctx.trace);
  if (isRefusal(number)) return fail(number);
  const denied = requireAdmin(actor, 'assign numbers', ctx.trace);
  if (denied) return fail(denied);
  const fx = effects(ctx.now);
  ctx.trace?.('one-campaign-per-number');
  if (campaignId === null) return unassign(account, number, fx);
  for (const rule of [
    'assignment-needs-active-number',
    'assignment-us-only',
    'campaign-number-needs-registration',
    'assignment-needs-approved-campaign',
  ])
    ctx.trace?.(rule);
  if (number.status !== 'active')
    return refused(
      'unprocessable',
      'assignment-needs-active-number',
      `${number.e164} is ${number.status}; only an active number can be assigned`,
    );
  if (ctx.profile.numbers.nonUsAreaCodes.includes(number.e164.slice(2, 5)))
    return refused(
      'unprocessable',
      'assignment-us-only',
      `${number.e164} is not a US number; only US numbers take part in 10DLC`,
    );
  if (number.kind !== 'campaign')
    return refused(
      'unprocessable',
      'campaign-number-needs-registration',
      `${number.e164} is a one-to-one number; only campaign numbers are assigned to campaigns`,
    );
  const campaign = account.campaigns[campaignId];
  if (!campaign) return refused('not-found', undefined, `campaign '${campaignId}' does not exist`);
  if (campaign.status !== 'approved')
    return refused(
      'unprocessable',
      'assignment-needs-approved-campaign',
      `campaign '${campaignId}' is ${campaign.status}, not approved`,
    );
  if (number.campaign === campaignId) return ok(fx, number);
  const limit = associationRefusal(account, campaignId, number.e164, ctx);
  if (limit) return fail(limit);
  number.campaign = campaignId;
  associate(account, campaignId, number.e164);
  startPropagation(state, account.info.id, number, ctx, fx);
  return ok(fx, number);
}

/** Takes a number off its campaign (`assign_number` with `campaign: null`, a pool left). */
export function unassign(account: AccountState, number: NumberState, fx: Effects): Outcome {
  if (number.campaign === undefined) return ok(fx, number);
  delete number.campaign;
  number.assignment = 'none';
  number.assignmentVersion += 1;
  fx.emit(account.info.id, 'assignment.removed', { number: number.e164 }, number.subgroup);
  return ok(fx, number);
}

/** `rename_number`: the name is internal (`number-name-internal`). */
export function renameNumber(
  state: WorldState,
  e164: string,
  name: string,
  actor: Actor | undefined,
  ctx: WorldContext,
): Outcome {
  const account = accountFor(state, actor);
  if (isRefusal(account)) return fail(account);
  // Out of scope is not found, whatever the role: the scope is decided first.
  const number = findNumber(account, e164, actor, ctx.trace);
  if (isRefusal(number)) return fail(number);
  const denied = requireAdmin(actor, 'rename numbers', ctx.trace);
  if (denied) return fail(denied);
  // Kept on the number alone: nothing a contact receives is built from it.
  ctx.trace?.('number-name-internal');
  number.name = name;
  const fx = effects(ctx.now);
  fx.emit(account.info.id, 'number.renamed', { number: number.e164, name }, number.subgroup);
  return ok(fx, number);
}

/** A reference to users the account does not have: not found, as an unknown campaign is. */
function unknownUsers(account: AccountState, users: ReadonlyArray<string | undefined>): Refusal | undefined {
  const unknown = users.filter((u): u is string => u !== undefined && !account.users[u]);
  if (unknown.length === 0) return undefined;
  return refuse('not-found', undefined, `no user ${unknown.map((u) => `'${u}'`).join(', ')} in the account`);
}

/** `set_inbox`: who answers a number's unsolicited messages. */
export function setInbox(
  state: WorldState,
  e164: string,
  mode: 'agent' | 'bot',
  agents: string[],
  actor: Actor | undefined,
  ctx: WorldContext,
): Outcome {
  const account = accountFor(state, actor);
  if (isRefusal(account)) return fail(account);
  // Out of scope is not found, whatever the role: the scope is decided first.
  const number = findNumber(account, e164, actor, ctx.trace);
  if (isRefusal(number)) return fail(number);
  const denied = requireAdmin(actor, 'change inbox settings', ctx.trace);
  if (denied) return fail(denied);
  const unknown = unknownUsers(account, agents);
  if (unknown) return fail(unknown);
  number.inbox = { mode, agents };
  const fx = effects(ctx.now);
  fx.emit(account.info.id, 'number.inbox_changed', { number: number.e164, mode, agents }, number.subgroup);
  return ok(fx, number);
}

/** `release_number`: not while an outreach runs on it (`number-in-use`). */
export function releaseNumber(
  state: WorldState,
  e164: string,
  actor: Actor | undefined,
  ctx: WorldContext,
  event = 'number.released',
): Outcome {
  const account = accountFor(state, actor);
  if (isRefusal(account)) return fail(account);
  // Out of scope is not found, whatever the role: the scope is decided first.
  const number = findNumber(account, e164, actor, ctx.trace);
  if (isRefusal(number)) return fail(number);
  const denied = requireAdmin(actor, 'release numbers', ctx.trace);
  if (denied) return fail(denied);
  ctx.trace?.('number-in-use');
  const running = Object.values(account.outreach).find(
    (o) => (o.status === 'active' || o.status === 'launching') && o.numbers.includes(number.e164),
  );
  if (running)
    return refused(
      'conflict',
      'number-in-use',
      `${number.e164} is used by ${running.status} outreach '${running.id}'; complete it first`,
    );
  if (number.status === 'released')
    return refused('conflict', undefined, `${number.e164} is already released`);
  number.status = 'released';
  delete number.campaign;
  delete number.pool;
  number.assignment = 'none';
  number.assignmentVersion += 1;
  const fx = effects(ctx.now);
  fx.emit(account.info.id, event, { number: number.e164 }, number.subgroup);
  return ok(fx, number);
}

/** `port_out`: a protected number needs its PIN (`port-protection`). */
export function portOut(
  state: WorldState,
  e164: string,
  pin: string,
  actor: Actor | undefined,
  ctx: WorldContext,
): Outcome {
  const account = accountFor(state, actor);
  if (isRefusal(account)) return fail(account);
  const number = findNumber(account, e164, actor, ctx.trace);
  if (isRefusal(number)) return fail(number);
  ctx.trace?.('port-protection');
  if (number.portProtected && pin !== number.portPin)
    return refused(
      'forbidden',
      'port-protection',
      `${number.e164} is port-protected; the PIN does not match`,
    );
  return releaseNumber(state, e164, actor, ctx, 'number.ported_out');
}

/** Whether the carriers are down for an account (`carrier-outage` fault). */
export function carrierOutage(state: WorldState, account: string): boolean {
  return faultOn(state, 'carrier-outage', account);
}
