import type { Request } from 'express';
import type { CampaignState } from '../../../engine/world/index.js';
import { providerCode } from '../provider-ids.js';
import {
  ORIGIN,
  bool,
  iso,
  list,
  pageV1,
  pathParam,
  required,
  str,
  type TwilioCall,
  type TwilioContext,
} from './context.js';
import { TwilioError, badParam, notFound } from './errors.js';
import { brandOf } from './brands.js';
import { campaignOfSid, campaignSid, brandSid } from './sids.js';
import { serviceOf } from './services.js';

/**
 * `messaging.twilio.com/v1/Services/{sid}/Compliance/Usa2p`: the A2P campaign of a Messaging
 * Service. Creating one is the engine's `submit_campaign` (the registry's checks: a verified
 * brand, the use case, the fields) and makes it the service's pool campaign, so the service's
 * numbers are assigned once the review approves it. Its `campaign_status` is the review's:
 * PENDING when just submitted, IN_PROGRESS under review, VERIFIED or FAILED with the reasons the
 * rules give (a sample through a public URL shortener fails with 30963).
 */
export const CAMPAIGN_KIND = 'us-app-to-person';

/** Sub use cases for MIXED and LOW_VOLUME, which Twilio's API does not ask for and the registry needs. */
const DEFAULT_SUB_USE_CASES = ['CUSTOMER_CARE', 'ACCOUNT_NOTIFICATION'];

/** Twilio's `campaign_status` for the engine's campaign status. */
export function campaignStatus(c: CampaignState, now: number): string {
  switch (c.status) {
    case 'draft':
      return 'PENDING';
    case 'pending':
      return now > c.submittedAt ? 'IN_PROGRESS' : 'PENDING';
    case 'approved':
      return 'VERIFIED';
    case 'rejected':
      return 'FAILED';
    case 'suspended':
      return 'SUSPENDED';
    case 'expired':
      return 'EXPIRED';
  }
}

function campaignView(
  ctx: TwilioContext,
  call: TwilioCall,
  service: string,
  c: CampaignState,
): Record<string, unknown> {
  const sid = campaignSid(c.id);
  const record = ctx.account(call).records[sid];
  const data = record?.data ?? {};
  const status = campaignStatus(c, ctx.now());
  let rateLimits: Record<string, unknown> | null = null;
  if (status === 'VERIFIED') {
    const brand = ctx.read<{ tier: string; dailyCap: number; mps: number }>(call, {
      of: 'brand',
      id: c.brand,
    });
    rateLimits = { tier: brand.tier, daily_cap: brand.dailyCap, mps: brand.mps };
  }
  return {
    sid,
    account_sid: call.accountSid,
    brand_registration_sid: brandSid(c.brand),
    messaging_service_sid: service,
    description: c.description ?? null,
    message_samples: c.sampleMessages ?? [],
    us_app_to_person_usecase: c.useCase,
    has_embedded_links: c.embeddedLinks ?? false,
    has_embedded_phone: c.embeddedPhone ?? false,
    subscriber_opt_in: data.subscriber_opt_in ?? false,
    age_gated: c.ageGated ?? false,
    direct_lending: c.directLending ?? false,
    campaign_status: status,
    campaign_id: providerCode('C', c.id),
    is_externally_registered: false,
    rate_limits: rateLimits,
    message_flow: c.messageFlow ?? null,
    opt_in_message: data.opt_in_message ?? null,
    opt_out_message: c.optOutMessage ?? null,
    help_message: c.helpMessage ?? null,
    opt_in_keywords: data.opt_in_keywords ?? null,
    opt_out_keywords: c.optOutKeywords ?? null,
    help_keywords: c.helpKeywords ?? null,
    date_created: iso(c.submittedAt),
    date_updated: iso(c.decidedAt ?? c.submittedAt),
    url: `${ORIGIN.messaging}/v1/Services/${service}/Compliance/Usa2p/${sid}`,
    mock: false,
    privacy_policy_url: data.privacy_policy_url ?? null,
    terms_and_conditions_url: data.terms_and_conditions_url ?? null,
    errors:
      status === 'FAILED'
        ? c.reasons.map((r) => ({
            error_code: r.errorCode ?? 30896,
            description: r.message,
            tendlc_rule: r.rule,
          }))
        : [],
  };
}

function campaignIn(ctx: TwilioContext, call: TwilioCall, service: string, sid: string): CampaignState {
  const account = ctx.account(call);
  const id = campaignOfSid(account, sid);
  const campaign = id === undefined ? undefined : account.campaigns[id];
  if (!campaign || account.pools[service]?.campaign !== campaign.id) throw notFound(call.path);
  return campaign;
}

export function useCases(ctx: TwilioContext): Array<Record<string, unknown>> {
  const { standardUseCases, specialUseCases } = ctx.service.sim.profile.registration;
  const name = (code: string): string =>
    code
      .toLowerCase()
      .split('_')
      .map((w) => (w === '2fa' ? '2FA' : w.charAt(0).toUpperCase() + w.slice(1)))
      .join(' ');
  return [
    ...standardUseCases.map((code) => ({
      code,
      name: name(code),
      description: name(code),
      post_approval_required: false,
    })),
    ...specialUseCases.map((code) => ({
      code,
      name: name(code),
      description: name(code),
      post_approval_required: true,
    })),
  ];
}

function keywords(req: Request, name: string): string[] | undefined {
  const values = list(req, name);
  return values
    ?.flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

export function mountCampaigns(ctx: TwilioContext): void {
  const base = '/Services/{MessagingServiceSid}/Compliance/Usa2p';
  ctx.route('messaging', 'post', base, (req, call) => {
    const service = serviceOf(ctx, call, pathParam(req, 'MessagingServiceSid'));
    const existing = ctx.account(call).pools[service.id]?.campaign;
    if (
      existing !== undefined &&
      ['pending', 'approved'].includes(ctx.account(call).campaigns[existing]?.status ?? '')
    )
      throw new TwilioError(
        409,
        20409,
        `Messaging Service ${service.id} already has a campaign (${campaignSid(existing)})`,
      );
    const brand = brandOf(ctx, call, required(req, 'BrandRegistrationSid'));
    const useCase = required(req, 'UsAppToPersonUsecase');
    const samples = list(req, 'MessageSamples');
    if (!samples || samples.length === 0)
      throw badParam('MessageSamples', 'at least one sample is required', 21200);
    const hasLinks = bool(req, 'HasEmbeddedLinks');
    const hasPhone = bool(req, 'HasEmbeddedPhone');
    if (hasLinks === undefined) throw badParam('HasEmbeddedLinks', 'it is required', 21200);
    if (hasPhone === undefined) throw badParam('HasEmbeddedPhone', 'it is required', 21200);
    const optional = {
      optOutKeywords: keywords(req, 'OptOutKeywords'),
      optOutMessage: str(req, 'OptOutMessage'),
      helpKeywords: keywords(req, 'HelpKeywords'),
      helpMessage: str(req, 'HelpMessage'),
      ageGated: bool(req, 'AgeGated'),
      directLending: bool(req, 'DirectLending'),
      subUseCases: ['MIXED', 'LOW_VOLUME'].includes(useCase) ? DEFAULT_SUB_USE_CASES : undefined,
    };
    const campaign = ctx.run<CampaignState>(call, {
      action: 'submit_campaign',
      brand: brand.id,
      useCase,
      description: required(req, 'Description'),
      messageFlow: required(req, 'MessageFlow'),
      sampleMessages: samples,
      embeddedLinks: hasLinks,
      embeddedPhone: hasPhone,
      ...(Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined)) as typeof optional),
    });
    ctx.run(call, { action: 'put_pool', id: service.id, origin: 'twilio', campaign: campaign.id });
    ctx.putRecord(call, campaignSid(campaign.id), CAMPAIGN_KIND, {
      messaging_service_sid: service.id,
      subscriber_opt_in: bool(req, 'SubscriberOptIn') ?? false,
      opt_in_message: str(req, 'OptInMessage') ?? null,
      opt_in_keywords: keywords(req, 'OptInKeywords') ?? null,
      privacy_policy_url: str(req, 'PrivacyPolicyUrl') ?? null,
      terms_and_conditions_url: str(req, 'TermsAndConditionsUrl') ?? null,
    });
    return { status: 201, body: campaignView(ctx, call, service.id, campaign) };
  });
  ctx.route('messaging', 'get', base, (req, call) => {
    const service = serviceOf(ctx, call, pathParam(req, 'MessagingServiceSid'));
    const account = ctx.account(call);
    const id = account.pools[service.id]?.campaign;
    const campaign = id === undefined ? undefined : account.campaigns[id];
    const items = campaign ? [campaignView(ctx, call, service.id, campaign)] : [];
    return {
      status: 200,
      body: pageV1(req, 'messaging', `/v1/Services/${service.id}/Compliance/Usa2p`, 'compliance', items),
    };
  });
  // Before `{Sid}`, which would take `Usecases` for a SID.
  ctx.route('messaging', 'get', `${base}/Usecases`, (req, call) => {
    serviceOf(ctx, call, pathParam(req, 'MessagingServiceSid'));
    const brandSidParam = str(req, 'BrandRegistrationSid');
    if (brandSidParam !== undefined) brandOf(ctx, call, brandSidParam);
    return { status: 200, body: { us_app_to_person_usecases: useCases(ctx) } };
  });
  ctx.route('messaging', 'get', `${base}/{Sid}`, (req, call) => {
    const service = serviceOf(ctx, call, pathParam(req, 'MessagingServiceSid'));
    const campaign = campaignIn(ctx, call, service.id, pathParam(req, 'Sid'));
    return { status: 200, body: campaignView(ctx, call, service.id, campaign) };
  });
  ctx.route('messaging', 'delete', `${base}/{Sid}`, (req, call) => {
    const service = serviceOf(ctx, call, pathParam(req, 'MessagingServiceSid'));
    const campaign = campaignIn(ctx, call, service.id, pathParam(req, 'Sid'));
    if (campaign.status === 'approved' || campaign.status === 'pending' || campaign.status === 'suspended')
      ctx.run(call, { action: 'deactivate_campaign', campaign: campaign.id });
    ctx.run(call, { action: 'put_pool', id: service.id, origin: 'twilio', campaign: null });
    if (ctx.account(call).records[campaignSid(campaign.id)])
      ctx.run(call, { action: 'delete_record', id: campaignSid(campaign.id) });
    return { status: 204 };
  });
}
