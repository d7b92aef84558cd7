import type { AccountConfig } from '../account-config.js';
import { createAccount, drawLatency, effects, ok, refused } from './state.js';
import { isDedicated, lifetimeOf, take } from './inventory.js';
import { reservedConfigRefusal } from './reserved-keys.js';
import type { AccountState, NumberState, Outcome, WorldContext, WorldState } from './types.js';

/**
 * Creates an account from a config document, as it is: brands, campaigns and numbers keep the
 * statuses the config gives (an active number holding a campaign is effective at once).
 */
export function loadAccount(state: WorldState, config: AccountConfig, ctx: WorldContext): Outcome {
  const reserved = reservedConfigRefusal(config);
  if (reserved) return { ok: false, refusal: reserved };
  const id = config.account.id;
  if (state.accounts[id]) return refused('conflict', undefined, `account '${id}' already exists`);
  const taken = (config.numbers ?? []).find((n) => state.owners[n.e164] !== undefined);
  if (taken) return refused('conflict', undefined, `${taken.e164} is held by another account`);
  const account = createAccount({ ...config.account });
  account.subgroups = (config.subgroups ?? []).map((s) => s.id);
  for (const user of config.users ?? [])
    account.users[user.id] = {
      id: user.id,
      ...(user.name === undefined ? {} : { name: user.name }),
      role: user.role,
      subgroups: user.subgroups ?? [],
    };
  for (const brand of config.brands ?? [])
    account.brands[brand.id] = {
      ...brand,
      trustScore: brand.trustScore ?? Math.floor(ctx.random() * 101),
      vetted: brand.vetted ?? false,
      vetting: brand.vetted ? 'done' : 'none',
      createdAt: ctx.now,
    };
  for (const { submittedAt, approvedAt, ...c } of config.campaigns ?? [])
    account.campaigns[c.id] = {
      ...c,
      reasons: [],
      // A config's dates read as UTC days; the world keeps epoch milliseconds.
      submittedAt: dateOf(submittedAt) ?? ctx.now,
      ...(approvedAt === undefined || dateOf(approvedAt) === undefined
        ? {}
        : { decidedAt: dateOf(approvedAt)! }),
    };
  const fx = effects(ctx.now);
  for (const n of config.numbers ?? []) {
    loadNumber(state, account, n, ctx);
    if (n.status === 'ordered' || n.status === 'provisioning')
      fx.schedule(ctx.now + drawLatency(state, ctx, 'provisioning'), {
        action: 'timer.provisioned',
        account: id,
        number: n.e164,
      });
  }
  for (const o of config.outreach ?? [])
    account.outreach[o.id] = {
      ...o,
      numberMode: o.numberMode ?? 'dedicated',
      numbers: o.numbers ?? [],
      recipients: o.recipients ?? [],
    };
  for (const o of config.outreach ?? [])
    if (o.status !== 'draft')
      for (const r of o.recipients ?? []) if (r.name) account.contactNames[r.to] = r.name;
  state.accounts[id] = account;
  fx.emit(id, 'account.loaded', { account: id });
  return ok(fx, { account: id });
}

function dateOf(text: string | undefined): number | undefined {
  const at = text === undefined ? NaN : Date.parse(text);
  return Number.isFinite(at) ? at : undefined;
}

function loadNumber(
  state: WorldState,
  account: AccountState,
  n: NonNullable<AccountConfig['numbers']>[number],
  ctx: WorldContext,
): void {
  if (account.numbers[n.e164]) return;
  const held = n.status === 'active' || n.status === 'ordered' || n.status === 'provisioning';
  const number: NumberState = {
    ...n,
    lifetime: lifetimeOf(n.kind, n.lifetime),
    status: n.status === 'ordered' ? 'provisioning' : n.status,
    assignment: n.campaign !== undefined && n.status === 'active' ? 'effective' : 'none',
    assignmentVersion: 0,
    portProtected: n.portProtected ?? isDedicated(n.kind, n.lifetime),
    portPin: String(Math.floor(ctx.random() * 10_000)).padStart(4, '0'),
    orderedAt: ctx.now,
  };
  account.numbers[n.e164] = number;
  if (held) take(state, account.info.id, n.e164);
  if (n.campaign !== undefined) (account.associations[n.campaign] ??= []).push(n.e164);
}
