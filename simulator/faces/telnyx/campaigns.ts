import type { Request, Response } from 'express';
import type { CampaignState, NumberState } from '../../../engine/world/index.js';
import type { TelnyxContext } from './context.js';
import { sendTelnyxError } from './errors.js';
import { findBrand, findCampaign, telnyxIds } from './ids.js';
import { body, pick, queryOf, sendPerPage, wrongType, type FieldType } from './requests.js';
import { assignmentView, campaignView, recordIds } from './views.js';

/** 10DLC campaigns: submitting and reading them, and the numbers assigned to them. */

/** The campaign builder, and the campaigns of the account. */
export function mountCampaigns(ctx: TelnyxContext): void {
  const { r, accountOf, exec, putRecord, refuse, notFound, mnoMs, now } = ctx;
  r.post('/v2/10dlc/campaignBuilder', (req, res) => {
    const b = body(req);
    const typeProblem = wrongType(b, CAMPAIGN_TYPES);
    if (typeProblem) return sendTelnyxError(res, typeProblem);
    const brand = typeof b.brandId === 'string' ? findBrand(accountOf(res), b.brandId) : undefined;
    if (!brand) return notFound(res, `brand '${String(b.brandId)}'`, '/brandId');
    const samples = [1, 2, 3, 4, 5]
      .map((i) => b[`sample${String(i)}`])
      .filter((s): s is string => typeof s === 'string');
    const keywords = (v: unknown) =>
      typeof v === 'string'
        ? v
            .split(',')
            .map((k) => k.trim())
            .filter((k) => k !== '')
        : undefined;
    const outcome = exec(res, {
      action: 'submit_campaign',
      brand: brand.id,
      useCase: b.usecase as string,
      ...(Array.isArray(b.subUsecases) ? { subUseCases: b.subUsecases as string[] } : {}),
      ...pick(b, ['description', 'messageFlow', 'helpMessage', 'ageGated', 'directLending', 'embeddedPhone']),
      ...(b.optoutMessage === undefined ? {} : { optOutMessage: b.optoutMessage as string }),
      ...(keywords(b.optoutKeywords) ? { optOutKeywords: keywords(b.optoutKeywords)! } : {}),
      ...(keywords(b.helpKeywords) ? { helpKeywords: keywords(b.helpKeywords)! } : {}),
      ...(b.embeddedLink === undefined ? {} : { embeddedLinks: b.embeddedLink as boolean }),
      ...(samples.length > 0 ? { sampleMessages: samples } : {}),
    });
    if (refuse(res, outcome, CAMPAIGN_FIELDS)) return;
    const campaign = (outcome as { result: CampaignState }).result;
    putRecord(
      res,
      recordIds.campaign(campaign.id),
      'campaign',
      pick(b, ['webhookURL', 'webhookFailoverURL']),
    );
    const account = accountOf(res);
    res.json(campaignView(account, campaign, account.records, now(), mnoMs()));
  });
  r.get('/v2/10dlc/campaign', (req, res) => {
    const account = accountOf(res);
    const brandId = queryOf(req).get('brandId');
    const brand = brandId === null ? undefined : findBrand(account, brandId);
    if (brandId !== null && !brand) return notFound(res, `brand '${brandId}'`, '/brandId');
    sendPerPage(
      req,
      res,
      Object.values(account.campaigns)
        .filter((c) => !brand || c.brand === brand.id)
        .map((c) => campaignView(account, c, account.records, now(), mnoMs())),
    );
  });
  r.get('/v2/10dlc/campaign/:id', (req, res) => {
    const account = accountOf(res);
    const campaign = findCampaign(account, String(req.params.id));
    if (!campaign) return notFound(res, `campaign '${String(req.params.id)}'`);
    res.json(campaignView(account, campaign, account.records, now(), mnoMs()));
  });
  r.delete('/v2/10dlc/campaign/:id', (req, res) => {
    const campaign = findCampaign(accountOf(res), String(req.params.id));
    if (!campaign) return notFound(res, `campaign '${String(req.params.id)}'`);
    if (refuse(res, exec(res, { action: 'deactivate_campaign', campaign: campaign.id }))) return;
    res.json({
      time: Math.floor(now() / 1000),
      message: `campaign ${telnyxIds.tcrCampaign(campaign.id)} deactivated`,
      record_type: 'campaign',
    });
  });
}

/** Phone-number campaigns: a number assigned to a campaign. */
export function mountNumberCampaigns(ctx: TelnyxContext): void {
  const { r, service, actorOf, accountOf, exec, putRecord, refuse, notFound, reachable, now } = ctx;
  const assign = (req: Request, res: Response, phoneNumber: unknown): void => {
    const b = body(req);
    const number = typeof phoneNumber === 'string' ? reachable(res, phoneNumber) : undefined;
    if (!number) return notFound(res, `phone number '${String(phoneNumber)}'`, '/phoneNumber');
    const campaign =
      typeof b.campaignId === 'string' ? findCampaign(accountOf(res), b.campaignId) : undefined;
    if (!campaign) return notFound(res, `campaign '${String(b.campaignId)}'`, '/campaignId');
    const outcome = exec(res, { action: 'assign_number', number: number.e164, campaign: campaign.id });
    if (refuse(res, outcome)) return;
    const previous = accountOf(res).records[recordIds.assignment(number.e164)];
    if (previous?.data.campaign !== campaign.id)
      putRecord(res, recordIds.assignment(number.e164), 'assignment', { campaign: campaign.id });
    const account = accountOf(res);
    // The number as the command left it (propagating), before timers due now moved it on.
    res.json(assignmentView(account, (outcome as { result: NumberState }).result, account.records));
  };
  r.post('/v2/10dlc/phone_number_campaigns', (req, res) => {
    assign(req, res, body(req).phoneNumber);
  });
  r.put('/v2/10dlc/phone_number_campaigns/:phoneNumber', (req, res) => {
    assign(req, res, req.params.phoneNumber);
  });
  r.get('/v2/10dlc/phone_number_campaigns', (req, res) => {
    const account = accountOf(res);
    const q = queryOf(req);
    const read = service.query({ of: 'numbers' }, actorOf(res));
    const views = (read.ok ? (read.result as NumberState[]) : [])
      .map((n) => assignmentView(account, n, account.records))
      .filter((v) => v !== undefined)
      .filter(
        (v) =>
          (q.get('filter[telnyx_campaign_id]') ?? v.campaignId) === v.campaignId &&
          (q.get('filter[tcr_campaign_id]') ?? v.tcrCampaignId) === v.tcrCampaignId &&
          (q.get('filter[telnyx_brand_id]') ?? v.brandId) === v.brandId &&
          (q.get('filter[tcr_brand_id]') ?? v.tcrBrandId) === v.tcrBrandId,
      );
    sendPerPage(req, res, views);
  });
  r.get('/v2/10dlc/phone_number_campaigns/:phoneNumber', (req, res) => {
    const number = reachable(res, String(req.params.phoneNumber));
    const view = number && assignmentView(accountOf(res), number, accountOf(res).records);
    if (!view) return notFound(res, `phone number campaign '${String(req.params.phoneNumber)}'`);
    res.json(view);
  });
  r.delete('/v2/10dlc/phone_number_campaigns/:phoneNumber', (req, res) => {
    const number = reachable(res, String(req.params.phoneNumber));
    const view = number && assignmentView(accountOf(res), number, accountOf(res).records);
    if (!number || !view) return notFound(res, `phone number campaign '${String(req.params.phoneNumber)}'`);
    if (refuse(res, exec(res, { action: 'assign_number', number: number.e164, campaign: null }))) return;
    exec(res, { action: 'delete_record', id: recordIds.assignment(number.e164) });
    res.json({ ...view, updatedAt: new Date(now()).toISOString() });
  });
}

/** How the engine's field names read in Telnyx's requests, for an error's `source.pointer`. */
const CAMPAIGN_FIELDS: Record<string, string> = {
  brand: '/brandId',
  useCase: '/usecase',
  subUseCases: '/subUsecases',
  sampleMessages: '/sample1',
  optOutMessage: '/optoutMessage',
  optOutKeywords: '/optoutKeywords',
  helpMessage: '/helpMessage',
  embeddedLinks: '/embeddedLink',
  campaignVerifyToken: '/campaignVerifyToken',
};

/** The JSON type each campaign field takes, as the SDK's types say. */
const CAMPAIGN_TYPES: Record<string, FieldType> = {
  brandId: 'string',
  usecase: 'string',
  description: 'string',
  messageFlow: 'string',
  sample1: 'string',
  sample2: 'string',
  sample3: 'string',
  sample4: 'string',
  sample5: 'string',
  optoutMessage: 'string',
  helpMessage: 'string',
  optoutKeywords: 'string',
  helpKeywords: 'string',
  webhookURL: 'string',
  webhookFailoverURL: 'string',
  subUsecases: 'strings',
  embeddedLink: 'boolean',
  embeddedPhone: 'boolean',
  ageGated: 'boolean',
  directLending: 'boolean',
};
