import { tierFor } from '../carrier-profile.js';
import { missingBrandFields } from '../rules/brands.js';
import { accountFor, isRefusal, requireAdmin } from './access.js';
import { drawLatency, effects, fail, fieldsOf, nextId, ok, refused } from './state.js';
import type { Actor, BrandState, Outcome, RegisterBrand, WorldContext, WorldState } from './types.js';

/** `register_brand`: a brand is pending until the identity check (`brand-lifecycle`). */
export function registerBrand(
  state: WorldState,
  cmd: RegisterBrand,
  actor: Actor | undefined,
  ctx: WorldContext,
): Outcome {
  const account = accountFor(state, actor);
  if (isRefusal(account)) return fail(account);
  const denied = requireAdmin(actor, 'register brands', ctx.trace);
  if (denied) return fail(denied);
  ctx.trace?.('brand-required-fields');
  const missing = missingBrandFields(cmd);
  if (missing.length > 0)
    return refused('unprocessable', 'brand-required-fields', `the brand lacks ${missing.join(', ')}`, {
      missing,
    });
  const id = cmd.id ?? nextId(account.counters, 'brand');
  if (account.brands[id]) return refused('conflict', undefined, `brand '${id}' already exists`);
  ctx.trace?.('brand-lifecycle');
  ctx.trace?.('trust-tier');
  const score = cmd.trustScore ?? Math.floor(ctx.random() * 101);
  const brand: BrandState = {
    ...fieldsOf(cmd),
    id,
    status: 'pending',
    trustScore: score,
    vetted: false,
    vetting: 'none',
    createdAt: ctx.now,
  };
  account.brands[id] = brand;
  const fx = effects(ctx.now);
  fx.emit(account.info.id, 'brand.created', { brand: id, status: 'pending' });
  fx.schedule(ctx.now + drawLatency(state, ctx, 'brandReview'), {
    action: 'timer.brand_review',
    account: account.info.id,
    brand: id,
  });
  return ok(fx, brandView(brand, ctx));
}

/** The identity check ends: verified, unless the EIN is the profile's documented unverifiable one. */
export function reviewBrand(
  state: WorldState,
  accountId: string,
  brandId: string,
  ctx: WorldContext,
): Outcome {
  const fx = effects(ctx.now);
  const brand = state.accounts[accountId]?.brands[brandId];
  if (!brand || brand.status !== 'pending') return ok(fx);
  ctx.trace?.('brand-lifecycle');
  brand.status = brand.ein === ctx.profile.registration.unverifiedEin ? 'unverified' : 'verified';
  fx.emit(accountId, `brand.${brand.status}`, { brand: brandId, trustScore: brand.trustScore });
  return ok(fx);
}

/** `request_vetting`: secondary vetting gives `vetted: true` and a new score after its latency. */
export function requestVetting(
  state: WorldState,
  brandId: string,
  actor: Actor | undefined,
  ctx: WorldContext,
): Outcome {
  const account = accountFor(state, actor);
  if (isRefusal(account)) return fail(account);
  const denied = requireAdmin(actor, 'request vetting', ctx.trace);
  if (denied) return fail(denied);
  const brand = account.brands[brandId];
  if (!brand) return refused('not-found', undefined, `brand '${brandId}' does not exist`);
  ctx.trace?.('brand-must-be-verified');
  if (brand.status !== 'verified')
    return refused(
      'unprocessable',
      'brand-must-be-verified',
      `brand '${brandId}' is ${brand.status}; vetting needs a verified brand`,
      {},
      30991,
    );
  if (brand.vetting === 'pending')
    return refused('conflict', undefined, `vetting of brand '${brandId}' is already under way`);
  brand.vetting = 'pending';
  const fx = effects(ctx.now);
  fx.emit(account.info.id, 'brand.vetting_requested', { brand: brandId });
  fx.schedule(ctx.now + drawLatency(state, ctx, 'brandVetting'), {
    action: 'timer.brand_vetting',
    account: account.info.id,
    brand: brandId,
  });
  return ok(fx, brandView(brand, ctx));
}

/** Vetting ends with a new score drawn from the seeded source. */
export function finishVetting(
  state: WorldState,
  accountId: string,
  brandId: string,
  ctx: WorldContext,
): Outcome {
  const fx = effects(ctx.now);
  const brand = state.accounts[accountId]?.brands[brandId];
  if (!brand || brand.vetting !== 'pending') return ok(fx);
  ctx.trace?.('brand-lifecycle');
  ctx.trace?.('trust-tier');
  brand.vetting = 'done';
  brand.vetted = true;
  brand.trustScore = Math.floor(ctx.random() * 101);
  fx.emit(accountId, 'brand.vetted', { brand: brandId, trustScore: brand.trustScore });
  return ok(fx);
}

/** A brand as the API shows it, with the tier its score gives (`trust-tier`). */
export function brandView(brand: BrandState, ctx: Pick<WorldContext, 'profile'>): Record<string, unknown> {
  const tier = tierFor(ctx.profile, brand.trustScore, brand.vetted);
  return { ...brand, tier: tier.name, dailyCap: tier.dailyCap, mps: tier.mps };
}
