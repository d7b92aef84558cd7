import { CAMPAIGN_ONLY_OUTREACH } from '../account-config.js';
import { normalizePhone } from '../phone.js';
import { type Refusal, refuse } from '../refusal.js';
import { accountFor, isRefusal, outOfScope, reaches } from './access.js';
import { associationRefusal, findNumber, placeOrder } from './numbers.js';
import { effects, fail, nextId, ok, refused, type Effects } from './state.js';
import { queueMessage } from './messages.js';
import type {
  AccountState,
  Actor,
  CreateOutreach,
  NumberState,
  Outcome,
  OutreachState,
  WorldContext,
  WorldState,
} from './types.js';

/** The number-kind rules of an outreach on its numbers (the number-kind and 1:1 families). */
function kindRefusal(
  account: AccountState,
  cmd: CreateOutreach,
  numbers: NumberState[],
  actor: Actor | undefined,
  ctx: WorldContext,
): Refusal | undefined {
  if (numbers.length > 0) {
    if (cmd.type === 'bulk') ctx.trace?.('bulk-needs-campaign-number');
    else if (CAMPAIGN_ONLY_OUTREACH.includes(cmd.type)) ctx.trace?.('automation-needs-campaign-number');
  }
  for (const number of numbers) {
    if (number.kind === 'one-to-one' || cmd.type === 'direct') ctx.trace?.('direct-from-reusable-number');
    if (number.kind === 'one-to-one') {
      ctx.trace?.('one-to-one-single-recipient');
      if (cmd.type === 'bulk')
        return refuse(
          'unprocessable',
          'bulk-needs-campaign-number',
          `bulk outreach cannot run on one-to-one number ${number.e164}`,
        );
      if (CAMPAIGN_ONLY_OUTREACH.includes(cmd.type))
        return refuse(
          'unprocessable',
          'automation-needs-campaign-number',
          `${cmd.type} outreach runs only on campaign numbers, not ${number.e164}`,
        );
      if ((cmd.recipients?.length ?? 0) > 1)
        return refuse(
          'unprocessable',
          'one-to-one-single-recipient',
          `one-to-one number ${number.e164} talks to one contact at a time`,
        );
      const owner = cmd.owner ?? actor?.user;
      if (owner !== undefined && !(number.inbox?.agents ?? []).includes(owner))
        return refuse(
          'forbidden',
          'direct-from-reusable-number',
          `user '${owner}' is not an agent of the inbox of ${number.e164}`,
        );
    } else if (cmd.type === 'direct') {
      return refuse(
        'unprocessable',
        'direct-from-reusable-number',
        `a direct text goes from a one-to-one number, not campaign number ${number.e164}`,
      );
    }
  }
  const ownerId = cmd.owner ?? actor?.user;
  const role = ownerId === undefined ? undefined : account.users[ownerId]?.role;
  if (cmd.type === 'direct' || cmd.type === 'scheduled') ctx.trace?.('direct-role');
  if ((cmd.type === 'direct' || cmd.type === 'scheduled') && role === 'limited')
    return refuse('forbidden', 'direct-role', `limited user '${ownerId ?? ''}' cannot start 1:1 texts`);
  return undefined;
}

function validRecipients(
  cmd: CreateOutreach,
  ctx: WorldContext,
): Array<{ to: string; name?: string }> | Refusal {
  const out: Array<{ to: string; name?: string }> = [];
  for (const [i, r] of (cmd.recipients ?? []).entries()) {
    ctx.trace?.('recipient-us-10-digit');
    const n = normalizePhone(r.to);
    if (!n.ok)
      return refuse(
        'invalid',
        'recipient-us-10-digit',
        `recipients[${String(i)}]: '${r.to}' is not a US number: ${n.reason}`,
        { field: `recipients/${String(i)}/to` },
      );
    out.push({ to: n.e164, ...(r.name === undefined ? {} : { name: r.name }) });
  }
  return out;
}

/** `create_outreach`: a draft, checked against the number-kind rules. */
export function createOutreach(
  state: WorldState,
  cmd: CreateOutreach,
  actor: Actor | undefined,
  ctx: WorldContext,
): Outcome {
  const account = accountFor(state, actor);
  if (isRefusal(account)) return fail(account);
  const built = buildOutreach(account, cmd, actor, ctx);
  if (isRefusal(built)) return fail(built);
  account.outreach[built.id] = built;
  const fx = effects(ctx.now);
  fx.emit(account.info.id, 'outreach.created', { outreach: built.id, type: built.type }, built.subgroup);
  return ok(fx, built);
}

function buildOutreach(
  account: AccountState,
  cmd: CreateOutreach,
  actor: Actor | undefined,
  ctx: WorldContext,
): OutreachState | Refusal {
  const denied = limitedRefusal(actor, ctx);
  if (denied) return denied;
  if (cmd.subgroup !== undefined && !reaches(actor, cmd.subgroup, ctx.trace))
    return outOfScope(`subgroup '${cmd.subgroup}'`);
  const numbers: NumberState[] = [];
  for (const e164 of cmd.numbers ?? []) {
    const number = findNumber(account, e164, actor, ctx.trace);
    if (isRefusal(number)) return number;
    // The actor reaches the number (else it would not be found): sharing it is the rule's to refuse.
    if (cmd.subgroup !== undefined && number.subgroup !== undefined && number.subgroup !== cmd.subgroup)
      return refuse(
        'unprocessable',
        'subgroup-isolation',
        `number ${e164} belongs to subgroup '${number.subgroup}'; outreach of subgroup '${cmd.subgroup}' cannot use it`,
        { field: '/numbers' },
      );
    numbers.push(number);
  }
  const kinds = kindRefusal(account, cmd, numbers, actor, ctx);
  if (kinds) return kinds;
  const recipients = validRecipients(cmd, ctx);
  if (isRefusal(recipients)) return recipients;
  if (cmd.campaign !== undefined && !account.campaigns[cmd.campaign])
    return refuse('not-found', undefined, `campaign '${cmd.campaign}' does not exist`);
  const id = cmd.id ?? nextId(account.counters, 'outreach');
  if (account.outreach[id]) return refuse('conflict', undefined, `outreach '${id}' already exists`);
  const subgroup = cmd.subgroup ?? numbers[0]?.subgroup;
  const owner = cmd.owner ?? actor?.user;
  ctx.trace?.('dedicated-default');
  return {
    id,
    type: cmd.type,
    ...(subgroup === undefined ? {} : { subgroup }),
    ...(cmd.campaign === undefined ? {} : { campaign: cmd.campaign }),
    // `dedicated-default`: an outreach uses a dedicated number unless single-use is asked for.
    numberMode: cmd.numberMode ?? 'dedicated',
    numbers: numbers.map((n) => n.e164),
    ...(cmd.areaCode === undefined ? {} : { areaCode: cmd.areaCode }),
    ...(cmd.market === undefined ? {} : { market: cmd.market }),
    ...(cmd.dailyVolume === undefined ? {} : { dailyVolume: cmd.dailyVolume }),
    status: 'draft',
    ...(owner === undefined ? {} : { owner }),
    recipients,
    ...(cmd.body === undefined ? {} : { body: cmd.body }),
  };
}

/** `direct-role`: a limited user starts no outreach (creating or launching it starts texts). */
function limitedRefusal(actor: Actor | undefined, ctx: WorldContext): Refusal | undefined {
  if (actor) ctx.trace?.('direct-role');
  if (actor?.role !== 'limited') return undefined;
  return refuse('forbidden', 'direct-role', `limited user '${actor.user}' cannot start outreach`);
}

/** `launch_outreach`: single-use buys a number and waits in the queue; dedicated needs active numbers. */
export function launchOutreach(
  state: WorldState,
  cmd: Partial<CreateOutreach> & { id: string },
  actor: Actor | undefined,
  ctx: WorldContext,
): Outcome {
  const account = accountFor(state, actor);
  if (isRefusal(account)) return fail(account);
  const existing = account.outreach[cmd.id];
  // Launching creates the outreach only when the launch describes it; a bare id must exist.
  if (!existing && cmd.type === undefined)
    return refused('not-found', undefined, `outreach '${cmd.id}' does not exist`);
  const outreach = existing ?? buildOutreach(account, { type: 'bulk', ...cmd }, actor, ctx);
  if (isRefusal(outreach)) return fail(outreach);
  if (existing && !reaches(actor, existing.subgroup, ctx.trace))
    return fail(outOfScope(`outreach '${cmd.id}'`));
  // Launching starts texts (`direct-role`): decided before the outreach's own state.
  if (existing) {
    const denied = limitedRefusal(actor, ctx);
    if (denied) return fail(denied);
  }
  if (outreach.status !== 'draft')
    return refused('conflict', undefined, `outreach '${outreach.id}' is ${outreach.status}`);
  const fx = effects(ctx.now);
  const launched =
    outreach.numberMode === 'single-use'
      ? launchSingleUse(state, account, outreach, ctx, fx)
      : launchDedicated(account, outreach, ctx);
  if (launched) return fail(launched);
  account.outreach[outreach.id] = outreach;
  if (outreach.recipients.length > 0) ctx.trace?.('contact-name');
  for (const r of outreach.recipients) if (r.name !== undefined) account.contactNames[r.to] = r.name;
  fx.emit(
    account.info.id,
    `outreach.${outreach.status}`,
    { outreach: outreach.id, numbers: outreach.numbers },
    outreach.subgroup,
  );
  if (isActive(outreach)) sendToRecipients(state, account, outreach, ctx, fx);
  return ok(fx, outreach);
}

// A function, so that the status read after launching is not narrowed to the one read before.
function isActive(outreach: OutreachState): boolean {
  return outreach.status === 'active';
}

function launchDedicated(
  account: AccountState,
  outreach: OutreachState,
  ctx: WorldContext,
): Refusal | undefined {
  for (const e164 of outreach.numbers) {
    ctx.trace?.('number-not-active');
    const number = account.numbers[e164];
    if (number && number.status !== 'active')
      return refuse('unprocessable', 'number-not-active', `${e164} is ${number.status}, not active`);
  }
  outreach.status = 'active';
  return undefined;
}

function launchSingleUse(
  state: WorldState,
  account: AccountState,
  outreach: OutreachState,
  ctx: WorldContext,
  fx: Effects,
): Refusal | undefined {
  ctx.trace?.('single-use-provisioning');
  ctx.trace?.('assignment-needs-approved-campaign');
  const campaign = outreach.campaign === undefined ? undefined : account.campaigns[outreach.campaign];
  if (!campaign || campaign.status !== 'approved')
    return refuse(
      'unprocessable',
      'assignment-needs-approved-campaign',
      `single-use outreach '${outreach.id}' needs an approved campaign`,
    );
  const limit = associationRefusal(account, campaign.id, undefined, ctx);
  if (limit) return limit;
  // The number is bought where the outreach aims: its area code, else its market.
  const areaCode = outreach.areaCode ?? outreach.market;
  if (areaCode === undefined)
    return refuse(
      'unprocessable',
      'single-use-provisioning',
      `single-use outreach '${outreach.id}' buys its number when it launches: give it an areaCode (or a market) to buy in`,
      { field: '/areaCode' },
    );
  const number = placeOrder(
    state,
    account,
    {
      kind: 'campaign',
      lifetime: 'single-use',
      campaign: campaign.id,
      areaCode,
      ...(outreach.subgroup === undefined ? {} : { subgroup: outreach.subgroup }),
    },
    ctx,
    fx,
  );
  if (isRefusal(number)) return number;
  outreach.numbers = [number.e164];
  outreach.status = 'launching';
  return undefined;
}

/** An outreach with a body and recipients texts each recipient as it becomes active. */
export function sendToRecipients(
  state: WorldState,
  account: AccountState,
  outreach: OutreachState,
  ctx: WorldContext,
  fx: Effects,
): void {
  const from = outreach.numbers[0];
  if (from === undefined || outreach.body === undefined) return;
  for (const r of outreach.recipients)
    queueMessage(
      state,
      account,
      {
        from,
        to: r.to,
        body: outreach.body,
        outreach: outreach.id,
        ...(outreach.owner === undefined ? {} : { user: outreach.owner }),
      },
      ctx,
      fx,
    );
}

/** Single-use outreach waiting for this number becomes active once it is provisioned and its assignment effective (`single-use-provisioning`). */
export function activateWaiting(
  state: WorldState,
  account: AccountState,
  e164: string,
  ctx: WorldContext,
  fx: Effects,
): void {
  // Ready to send: provisioned, and its assignment has reached the carriers (`assignment-propagation`):
  // texts sent while it propagates would all fail with 30024.
  const number = account.numbers[e164];
  if (number?.status !== 'active' || (number.campaign !== undefined && number.assignment !== 'effective'))
    return;
  for (const outreach of Object.values(account.outreach))
    if (outreach.status === 'launching' && outreach.numbers.includes(e164)) {
      ctx.trace?.('single-use-provisioning');
      outreach.status = 'active';
      fx.emit(
        account.info.id,
        'outreach.active',
        { outreach: outreach.id, numbers: outreach.numbers },
        outreach.subgroup,
      );
      sendToRecipients(state, account, outreach, ctx, fx);
    }
}

/** `complete_outreach`: its numbers are free to release. */
export function completeOutreach(
  state: WorldState,
  id: string,
  actor: Actor | undefined,
  ctx: WorldContext,
): Outcome {
  const account = accountFor(state, actor);
  if (isRefusal(account)) return fail(account);
  const outreach = account.outreach[id];
  if (!outreach || !reaches(actor, outreach.subgroup, ctx.trace))
    return refused('not-found', undefined, `outreach '${id}' does not exist`);
  outreach.status = 'completed';
  const fx = effects(ctx.now);
  fx.emit(account.info.id, 'outreach.completed', { outreach: id }, outreach.subgroup);
  return ok(fx, outreach);
}
