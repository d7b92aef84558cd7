import { campaignFieldProblems, eligibilityProblems, useCaseProblems } from '../rules/campaign-fields.js';
import { findShaft } from '../text/shaft.js';
import { findShorteners } from '../text/urls.js';
import { accountFor, isRefusal, requireAdmin } from './access.js';
import { assignApprovedCampaign } from './pools.js';
import { drawLatency, effects, fail, faultOn, fieldsOf, nextId, ok, refused } from './state.js';
import type {
  Actor,
  CampaignReason,
  CampaignState,
  Outcome,
  SubmitCampaign,
  WorldContext,
  WorldState,
} from './types.js';

/** `submit_campaign`: checked at once by the registry, then pending for the review latency. */
export function submitCampaign(
  state: WorldState,
  cmd: SubmitCampaign,
  actor: Actor | undefined,
  ctx: WorldContext,
): Outcome {
  const account = accountFor(state, actor);
  if (isRefusal(account)) return fail(account);
  const denied = requireAdmin(actor, 'register campaigns', ctx.trace);
  if (denied) return fail(denied);
  const brand = account.brands[cmd.brand];
  if (!brand) return refused('not-found', undefined, `brand '${cmd.brand}' does not exist`);
  for (const rule of [
    'brand-must-be-verified',
    'brand-campaign-limit',
    'campaign-use-case',
    'campaign-special-eligibility',
    'campaign-required-fields',
    'campaign-lifecycle',
  ])
    ctx.trace?.(rule);
  if (brand.status !== 'verified')
    return refused(
      'unprocessable',
      'brand-must-be-verified',
      `brand '${brand.id}' is ${brand.status}, not verified (30991)`,
      {},
      30991,
    );
  const count = Object.values(account.campaigns).filter((c) => c.brand === brand.id).length;
  const limit = ctx.profile.registration.campaignsPerBrand;
  if (count >= limit)
    return refused(
      'unprocessable',
      'brand-campaign-limit',
      `brand '${brand.id}' has ${String(count)} campaigns; at most ${String(limit)} are allowed (30930)`,
      {},
      30930,
    );
  const useCase = useCaseProblems(cmd, ctx.profile)[0];
  if (useCase)
    return refused('unprocessable', 'campaign-use-case', useCase.message, { field: useCase.field }, 21720);
  const eligibility = eligibilityProblems(cmd, brand, ctx.profile)[0];
  if (eligibility)
    return refused('unprocessable', 'campaign-special-eligibility', eligibility.message, {
      field: eligibility.field,
    });
  const fields = campaignFieldProblems(cmd, ctx.profile);
  if (fields.length > 0)
    return refused('unprocessable', 'campaign-required-fields', fields.map((p) => p.message).join('; '), {
      fields: fields.map((p) => p.field),
    });
  const id = cmd.id ?? nextId(account.counters, 'campaign');
  if (account.campaigns[id]) return refused('conflict', undefined, `campaign '${id}' already exists`);
  const campaign: CampaignState = {
    ...fieldsOf(cmd),
    id,
    status: 'pending',
    reasons: [],
    submittedAt: ctx.now,
  };
  account.campaigns[id] = campaign;
  const fx = effects(ctx.now);
  fx.emit(account.info.id, 'campaign.submitted', { campaign: id, brand: brand.id });
  fx.schedule(ctx.now + drawLatency(state, ctx, 'campaignReview'), {
    action: 'timer.campaign_review',
    account: account.info.id,
    campaign: id,
  });
  return ok(fx, campaign);
}

/** What the reviewers find in a campaign's samples (`public-url-shortener`, `shaft-content`). */
export function reviewReasons(campaign: CampaignState, ctx: WorldContext): CampaignReason[] {
  const reasons: CampaignReason[] = [];
  ctx.trace?.('public-url-shortener');
  ctx.trace?.('shaft-content');
  for (const sample of campaign.sampleMessages ?? []) {
    const shorteners = findShorteners(sample, ctx.profile.registration.urlShorteners);
    if (shorteners.length > 0)
      reasons.push({
        rule: 'public-url-shortener',
        errorCode: 30963,
        message: `sample links through ${shorteners.join(', ')}`,
      });
    const shaft = findShaft(sample, ctx.profile);
    if (shaft.prohibited.length > 0)
      reasons.push({ rule: 'shaft-content', message: `prohibited content: ${shaft.prohibited.join(', ')}` });
    if (!campaign.ageGated && shaft.ageGated.length > 0)
      reasons.push({
        rule: 'shaft-content',
        message: `age-restricted content without an age gate: ${shaft.ageGated.join(', ')}`,
      });
  }
  return reasons;
}

/** The review ends (`campaign-lifecycle`): approved, or rejected with the reasons from the rules. */
export function reviewCampaign(
  state: WorldState,
  accountId: string,
  campaignId: string,
  ctx: WorldContext,
): Outcome {
  const fx = effects(ctx.now);
  const campaign = state.accounts[accountId]?.campaigns[campaignId];
  if (!campaign || campaign.status !== 'pending') return ok(fx);
  ctx.trace?.('campaign-lifecycle');
  const reasons = reviewReasons(campaign, ctx);
  if (faultOn(state, 'campaign-rejection', accountId))
    reasons.push({ rule: 'campaign-lifecycle', message: 'rejected by the reviewers (injected fault)' });
  campaign.status = reasons.length > 0 ? 'rejected' : 'approved';
  campaign.reasons = reasons;
  campaign.decidedAt = ctx.now;
  fx.emit(accountId, `campaign.${campaign.status}`, {
    campaign: campaignId,
    ...(reasons.length > 0 ? { reasons, errorCode: reasons.find((r) => r.errorCode)?.errorCode } : {}),
  });
  const account = state.accounts[accountId];
  if (account && campaign.status === 'approved') assignApprovedCampaign(state, account, campaignId, ctx, fx);
  return ok(fx);
}

/**
 * Expires an approved or suspended campaign (the `campaign-expiry` fault): final, as
 * `campaign-lifecycle` says; its numbers stop carrying registered traffic
 * (`assignment-needs-approved-campaign`).
 */
export function expireCampaign(
  state: WorldState,
  accountId: string,
  campaignId: string,
  ctx: WorldContext,
): Outcome {
  const fx = effects(ctx.now);
  const campaign = state.accounts[accountId]?.campaigns[campaignId];
  if (!campaign) return refused('not-found', undefined, `campaign '${campaignId}' does not exist`);
  ctx.trace?.('campaign-lifecycle');
  if (campaign.status !== 'approved' && campaign.status !== 'suspended')
    return refused(
      'conflict',
      'campaign-lifecycle',
      `campaign '${campaignId}' is ${campaign.status}; only an approved or suspended campaign expires`,
    );
  campaign.status = 'expired';
  fx.emit(accountId, 'campaign.expired', { campaign: campaignId });
  return ok(fx, campaign);
}

/**
 * `deactivate_campaign`: the brand's owner ends an approved or suspended campaign. The registry
 * records a deactivated campaign as expired (`campaign-lifecycle`), so it is one here too.
 */
export function deactivateCampaign(
  state: WorldState,
  campaignId: string,
  actor: Actor | undefined,
  ctx: WorldContext,
): Outcome {
  const account = accountFor(state, actor);
  if (isRefusal(account)) return fail(account);
  const denied = requireAdmin(actor, 'deactivate campaigns', ctx.trace);
  if (denied) return fail(denied);
  return expireCampaign(state, account.info.id, campaignId, ctx);
}

/** Suspends or reinstates an approved campaign (the `campaign-suspension` fault). */
export function setSuspended(
  state: WorldState,
  accountId: string,
  campaignId: string,
  suspended: boolean,
  ctx: WorldContext,
): Outcome {
  const fx = effects(ctx.now);
  const campaign = state.accounts[accountId]?.campaigns[campaignId];
  if (!campaign) return refused('not-found', undefined, `campaign '${campaignId}' does not exist`);
  ctx.trace?.('campaign-lifecycle');
  const from = suspended ? 'approved' : 'suspended';
  if (campaign.status !== from) return ok(fx);
  campaign.status = suspended ? 'suspended' : 'approved';
  fx.emit(accountId, `campaign.${campaign.status === 'approved' ? 'reinstated' : 'suspended'}`, {
    campaign: campaignId,
  });
  return ok(fx);
}
