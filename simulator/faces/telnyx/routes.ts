import express, { type NextFunction, type Request, type Response } from 'express';
import { durationMs } from '../../../engine/duration.js';
import { normalizePhone } from '../../../engine/phone.js';
import type {
  AccountState,
  BrandState,
  CampaignState,
  Command,
  MessageState,
  NumberState,
  Outcome,
} from '../../../engine/world/index.js';
import { bearerOf } from '../../http/bearer.js';
import type { AppParts } from '../../http/app.js';
import type { ActorRef, SimulatorService } from '../../service.js';
import { StorageUnavailable } from '../../storage-error.js';
import { faceCaller } from '../face-auth.js';
import { faceError, fromRefusal, sendTelnyxError, type TelnyxRefusal } from './errors.js';
import { findBrand, findCampaign, findMessage, findNumberId, findProfile, telnyxIds } from './ids.js';
import {
  BRAND_FACE_FIELDS,
  assignmentView,
  brandListItem,
  brandView,
  campaignView,
  canceledView,
  deletedNumberView,
  messageView,
  messagingSettingsView,
  numberView,
  orderView,
  outboundView,
  profileView,
  recordIds,
} from './views.js';

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
const BRAND_FIELDS: Record<string, string> = { name: '/displayName' };
const MESSAGE_FIELDS: Record<string, string> = {
  body: '/text',
  from: '/from',
  to: '/to',
  sendAt: '/send_at',
};

/** The registry's fields of a brand: set at registration, not changed by an update. */
const BRAND_ENGINE_FIELDS = [
  'entityType',
  'ein',
  'country',
  'email',
  'vertical',
  'stockSymbol',
  'stockExchange',
];

type Body = Record<string, unknown>;

/** Telnyx's API (`https://api.telnyx.com/v2`) under `/telnyx/v2`: each route one or a few engine commands. */
export function telnyxRoutes(parts: AppParts): express.Router {
  const { service } = parts;
  const r = express.Router({ strict: true });
  r.use(express.json({ limit: '1mb', strict: false }));
  r.use(authenticate(service));

  const actorOf = (res: Response): ActorRef => res.locals.caller.actor!;
  const accountOf = (res: Response): AccountState => service.sim.inspect().accounts[actorOf(res).account]!;
  const exec = (res: Response, command: Command): Outcome => {
    const outcome = service.execute(command, actorOf(res));
    parts.afterChange();
    return outcome;
  };
  const nextNumber = (res: Response, kind: string): number => {
    const data = accountOf(res).records[recordIds.counters]?.data ?? {};
    const n = (typeof data[kind] === 'number' ? (data[kind] as number) : 0) + 1;
    exec(res, {
      action: 'put_record',
      id: recordIds.counters,
      face: 'telnyx',
      kind: 'counters',
      data: { ...data, [kind]: n },
    });
    return n;
  };
  const putRecord = (res: Response, id: string, kind: string, data: Body): void => {
    exec(res, { action: 'put_record', id, face: 'telnyx', kind, data });
  };
  const body = (req: Request): Body =>
    typeof req.body === 'object' && req.body !== null && !Array.isArray(req.body) ? (req.body as Body) : {};
  const refuse = (res: Response, outcome: Outcome, fields?: Record<string, string>): boolean => {
    if (outcome.ok) return false;
    sendTelnyxError(res, fromRefusal(outcome.refusal, fields));
    return true;
  };
  const notFound = (res: Response, what: string, pointer?: string): void => {
    sendTelnyxError(res, faceError(404, 'notFound', `${what} does not exist`, pointer));
  };
  /** A number the caller reaches (its subgroups): out of scope is not found. */
  const reachable = (res: Response, id: string): NumberState | undefined => {
    const e164 = findNumberId(accountOf(res), id);
    if (e164 === undefined) return undefined;
    const read = service.query({ of: 'number', e164 }, actorOf(res));
    return read.ok ? (read.result as NumberState) : undefined;
  };
  const mnoMs = (): number => durationMs(service.sim.profile.latency[service.sim.latency].propagation[1]);
  const now = (): number => service.sim.now();

  // ── numbers ─────────────────────────────────────────────────────────────────────────────

  r.get('/v2/available_phone_numbers', (req, res) => {
    const q = queryOf(req);
    const areaCode = q.get('filter[national_destination_code]');
    const country = q.get('filter[country_code]');
    if (country !== null && country.toUpperCase() !== 'US')
      return sendTelnyxError(
        res,
        faceError(400, 'badRequest', 'only US numbers are sold here', '/filter/country_code'),
      );
    if (areaCode === null || !/^[2-9]\d\d$/u.test(areaCode))
      return sendTelnyxError(
        res,
        faceError(
          400,
          'missingParameter',
          'give filter[national_destination_code], a three-digit area code',
          '/filter/national_destination_code',
        ),
      );
    const limit = Math.min(100, Math.max(1, Number(q.get('filter[limit]') ?? 20) || 20));
    const read = service.query({ of: 'available-numbers', areaCode, limit, dedicated: false }, actorOf(res));
    if (!read.ok) return sendTelnyxError(res, fromRefusal(read.refusal));
    const data = (read.result as Array<{ e164: string }>).map((n) => ({
      record_type: 'available_phone_number' as const,
      phone_number: n.e164,
      vanity_format: '',
      best_effort: false,
      quickship: true,
      reservable: true,
      region_information: [
        { region_type: 'country_code' as const, region_name: 'US' },
        { region_type: 'rate_center' as const, region_name: areaCode },
      ],
      cost_information: { upfront_cost: '1.00', monthly_cost: '1.00', currency: 'USD' },
      features: [{ name: 'sms' }, { name: 'mms' }, { name: 'voice' }],
    }));
    const meta = { total_results: data.length, best_effort_results: 0 };
    res.json({ data, meta, metadata: meta });
  });

  r.post('/v2/number_orders', (req, res) => {
    const b = body(req);
    const wanted = Array.isArray(b.phone_numbers) ? b.phone_numbers : [];
    const numbers = wanted.map((p) =>
      typeof p === 'object' && p !== null ? (p as Body).phone_number : undefined,
    );
    if (numbers.length === 0 || numbers.some((n) => typeof n !== 'string'))
      return sendTelnyxError(
        res,
        faceError(
          400,
          'missingParameter',
          'phone_numbers must list at least one {phone_number}',
          '/phone_numbers',
        ),
      );
    const profileId = b.messaging_profile_id;
    let pool: string | undefined;
    if (profileId !== undefined && profileId !== null && profileId !== '') {
      pool = typeof profileId === 'string' ? findProfile(accountOf(res), profileId) : undefined;
      if (pool === undefined)
        return notFound(res, `messaging profile '${String(profileId)}'`, '/messaging_profile_id');
    }
    const ordered: string[] = [];
    for (const [i, e164] of (numbers as string[]).entries()) {
      const outcome = exec(res, { action: 'order_number', e164, kind: 'campaign', origin: 'telnyx' });
      if (!outcome.ok) {
        // Whatever refused the number (its inventory, its format), the request's field is this one.
        const refusal = fromRefusal(outcome.refusal);
        refusal.error.source = { pointer: `/phone_numbers/${String(i)}/phone_number` };
        return sendTelnyxError(res, refusal);
      }
      const number = (outcome as { result: NumberState }).result;
      ordered.push(number.e164);
      if (pool !== undefined) exec(res, { action: 'pool_number', number: number.e164, pool });
    }
    const id = recordIds.order(nextNumber(res, 'order'));
    putRecord(res, id, 'number_order', {
      numbers: ordered,
      ...(pool === undefined ? {} : { messaging_profile_id: telnyxIds.profile(pool) }),
      ...(typeof b.customer_reference === 'string' ? { customer_reference: b.customer_reference } : {}),
    });
    const account = accountOf(res);
    res.json({ data: orderView(account, account.records[id]!) });
  });

  const orders = (account: AccountState) =>
    Object.values(account.records).filter((rec) => rec.face === 'telnyx' && rec.kind === 'number_order');
  r.get('/v2/number_orders', (req, res) => {
    const account = accountOf(res);
    sendFlat(
      req,
      res,
      orders(account).map((rec) => orderView(account, rec)),
    );
  });
  r.get('/v2/number_orders/:id', (req, res) => {
    const account = accountOf(res);
    const rec = orders(account).find((o) => telnyxIds.order(o.id) === req.params.id);
    if (!rec) return notFound(res, `number order '${String(req.params.id)}'`);
    res.json({ data: orderView(account, rec) });
  });

  r.get('/v2/phone_numbers', (req, res) => {
    const read = service.query({ of: 'numbers' }, actorOf(res));
    const records = accountOf(res).records;
    const wanted = queryOf(req).get('filter[phone_number]');
    const numbers = (read.ok ? (read.result as NumberState[]) : []).filter(
      (n) => n.status !== 'released' && (wanted === null || n.e164 === wanted || n.e164 === `+${wanted}`),
    );
    sendFlat(
      req,
      res,
      numbers.map((n) => numberView(n, records)),
    );
  });
  r.get('/v2/phone_numbers/:id', (req, res) => {
    const number = reachable(res, String(req.params.id));
    if (!number) return notFound(res, `phone number '${String(req.params.id)}'`);
    res.json({ data: numberView(number, accountOf(res).records) });
  });
  r.patch('/v2/phone_numbers/:id', (req, res) => {
    const number = reachable(res, String(req.params.id));
    if (!number) return notFound(res, `phone number '${String(req.params.id)}'`);
    const b = body(req);
    const before = accountOf(res).records[recordIds.number(number.e164)]?.data ?? {};
    const data: Body = { ...before };
    if (typeof b.customer_reference === 'string') data.customer_reference = b.customer_reference;
    if (Array.isArray(b.tags)) data.tags = b.tags.filter((t) => typeof t === 'string');
    putRecord(res, recordIds.number(number.e164), 'phone_number', data);
    res.json({ data: numberView(reachable(res, number.e164)!, accountOf(res).records) });
  });
  r.delete('/v2/phone_numbers/:id', (req, res) => {
    const number = reachable(res, String(req.params.id));
    if (!number) return notFound(res, `phone number '${String(req.params.id)}'`);
    const outcome = exec(res, { action: 'release_number', number: number.e164 });
    if (refuse(res, outcome)) return;
    res.json({ data: deletedNumberView(reachable(res, number.e164) ?? number, accountOf(res).records) });
  });
  r.get('/v2/phone_numbers/:id/messaging', (req, res) => {
    const number = reachable(res, String(req.params.id));
    if (!number) return notFound(res, `phone number '${String(req.params.id)}'`);
    res.json({ data: messagingSettingsView(number, accountOf(res).records) });
  });
  r.patch('/v2/phone_numbers/:id/messaging', (req, res) => {
    const number = reachable(res, String(req.params.id));
    if (!number) return notFound(res, `phone number '${String(req.params.id)}'`);
    const b = body(req);
    if (b.messaging_profile_id !== undefined) {
      const id = b.messaging_profile_id;
      let pool: string | null = null;
      if (id !== null && id !== '') {
        pool = typeof id === 'string' ? (findProfile(accountOf(res), id) ?? null) : null;
        if (pool === null) return notFound(res, `messaging profile '${String(id)}'`, '/messaging_profile_id');
      }
      if (number.pool !== undefined && pool !== null && number.pool !== pool)
        if (refuse(res, exec(res, { action: 'pool_number', number: number.e164, pool: null }))) return;
      if (refuse(res, exec(res, { action: 'pool_number', number: number.e164, pool }))) return;
    }
    res.json({ data: messagingSettingsView(reachable(res, number.e164)!, accountOf(res).records) });
  });

  // ── messaging profiles ──────────────────────────────────────────────────────────────────

  const profiles = (account: AccountState): string[] =>
    Object.values(account.pools)
      .filter((p) => p.origin === 'telnyx')
      .map((p) => p.id);
  const viewProfile = (account: AccountState, pool: string) =>
    profileView(pool, account.records[recordIds.profile(pool)], now());

  r.post('/v2/messaging_profiles', (req, res) => {
    const b = body(req);
    if (typeof b.name !== 'string' || b.name === '')
      return sendTelnyxError(res, faceError(400, 'missingParameter', 'name is required', '/name'));
    const bad = badUrl(b, ['webhook_url', 'webhook_failover_url']);
    if (bad) return sendTelnyxError(res, bad);
    const pool = `telnyx-mp-${String(nextNumber(res, 'profile'))}`;
    if (refuse(res, exec(res, { action: 'put_pool', id: pool, origin: 'telnyx' }))) return;
    putRecord(res, recordIds.profile(pool), 'messaging_profile', profileData({}, b));
    res.json({ data: viewProfile(accountOf(res), pool) });
  });
  r.get('/v2/messaging_profiles', (req, res) => {
    const account = accountOf(res);
    sendFlat(
      req,
      res,
      profiles(account).map((p) => viewProfile(account, p)),
    );
  });
  r.get('/v2/messaging_profiles/:id', (req, res) => {
    const account = accountOf(res);
    const pool = findProfile(account, String(req.params.id));
    if (pool === undefined) return notFound(res, `messaging profile '${String(req.params.id)}'`);
    res.json({ data: viewProfile(account, pool) });
  });
  r.get('/v2/messaging_profiles/:id/phone_numbers', (req, res) => {
    const account = accountOf(res);
    const pool = findProfile(account, String(req.params.id));
    if (pool === undefined) return notFound(res, `messaging profile '${String(req.params.id)}'`);
    const read = service.query({ of: 'numbers' }, actorOf(res));
    const numbers = (read.ok ? (read.result as NumberState[]) : []).filter(
      (n) => n.pool === pool && n.status !== 'released',
    );
    sendFlat(
      req,
      res,
      numbers.map((n) => messagingSettingsView(n, account.records)),
    );
  });
  r.patch('/v2/messaging_profiles/:id', (req, res) => {
    const pool = findProfile(accountOf(res), String(req.params.id));
    if (pool === undefined) return notFound(res, `messaging profile '${String(req.params.id)}'`);
    const b = body(req);
    const bad = badUrl(b, ['webhook_url', 'webhook_failover_url']);
    if (bad) return sendTelnyxError(res, bad);
    const before = accountOf(res).records[recordIds.profile(pool)]?.data ?? {};
    putRecord(res, recordIds.profile(pool), 'messaging_profile', profileData(before, b));
    res.json({ data: viewProfile(accountOf(res), pool) });
  });
  r.delete('/v2/messaging_profiles/:id', (req, res) => {
    const account = accountOf(res);
    const pool = findProfile(account, String(req.params.id));
    if (pool === undefined) return notFound(res, `messaging profile '${String(req.params.id)}'`);
    const view = viewProfile(account, pool);
    if (refuse(res, exec(res, { action: 'delete_pool', id: pool }))) return;
    exec(res, { action: 'delete_record', id: recordIds.profile(pool) });
    res.json({ data: view });
  });

  // ── 10DLC: brands ───────────────────────────────────────────────────────────────────────

  r.post('/v2/10dlc/brand', (req, res) => {
    const b = body(req);
    const typeProblem = wrongType(b, BRAND_TYPES);
    if (typeProblem) return sendTelnyxError(res, typeProblem);
    const outcome = exec(res, {
      action: 'register_brand',
      name: b.displayName as string,
      entityType: b.entityType as never,
      ...pick(b, ['ein', 'country', 'email', 'vertical', 'stockSymbol', 'stockExchange']),
    });
    if (refuse(res, outcome, BRAND_FIELDS)) return;
    const created = (outcome as { result: { id: string; status: BrandState['status'] } }).result;
    putRecord(res, recordIds.brand(created.id), 'brand', pick(b, [...BRAND_FACE_FIELDS]));
    const account = accountOf(res);
    // As the command left it (pending), before a review due now moved it on.
    res.json(brandView(account, { ...account.brands[created.id]!, status: created.status }, account.records));
  });
  r.get('/v2/10dlc/brand', (req, res) => {
    const account = accountOf(res);
    sendPerPage(
      req,
      res,
      Object.values(account.brands).map((b) => brandListItem(account, b, account.records)),
    );
  });
  r.get('/v2/10dlc/brand/:id', (req, res) => {
    const account = accountOf(res);
    const brand = findBrand(account, String(req.params.id));
    if (!brand) return notFound(res, `brand '${String(req.params.id)}'`);
    res.json(brandView(account, brand, account.records));
  });
  r.put('/v2/10dlc/brand/:id', (req, res) => {
    const brand = findBrand(accountOf(res), String(req.params.id));
    if (!brand) return notFound(res, `brand '${String(req.params.id)}'`);
    const b = body(req);
    const typeProblem = wrongType(b, BRAND_TYPES);
    if (typeProblem) return sendTelnyxError(res, typeProblem);
    const changed = BRAND_ENGINE_FIELDS.find(
      (f) => b[f] !== undefined && b[f] !== (brand as unknown as Body)[f],
    );
    if (changed !== undefined)
      return sendTelnyxError(
        res,
        faceError(
          422,
          'unprocessable',
          `${changed} is part of the brand's registration and cannot change; register a new brand`,
          `/${changed}`,
        ),
      );
    const before = accountOf(res).records[recordIds.brand(brand.id)]?.data ?? {};
    putRecord(res, recordIds.brand(brand.id), 'brand', { ...before, ...pick(b, [...BRAND_FACE_FIELDS]) });
    const account = accountOf(res);
    res.json(brandView(account, account.brands[brand.id]!, account.records));
  });
  r.post('/v2/10dlc/brand/:id/externalVetting', (req, res) => {
    const brand = findBrand(accountOf(res), String(req.params.id));
    if (!brand) return notFound(res, `brand '${String(req.params.id)}'`);
    const b = body(req);
    if (typeof b.evpId !== 'string' || typeof b.vettingClass !== 'string')
      return sendTelnyxError(
        res,
        faceError(
          400,
          'missingParameter',
          'evpId and vettingClass are required',
          typeof b.evpId === 'string' ? '/vettingClass' : '/evpId',
        ),
      );
    if (refuse(res, exec(res, { action: 'request_vetting', brand: brand.id }))) return;
    putRecord(res, recordIds.vetting(brand.id), 'vetting', { evpId: b.evpId, vettingClass: b.vettingClass });
    res.json(vettingView(accountOf(res), brand.id));
  });
  r.get('/v2/10dlc/brand/:id/externalVetting', (req, res) => {
    const account = accountOf(res);
    const brand = findBrand(account, String(req.params.id));
    if (!brand) return notFound(res, `brand '${String(req.params.id)}'`);
    res.json(account.records[recordIds.vetting(brand.id)] ? [vettingView(account, brand.id)] : []);
  });

  // ── 10DLC: campaigns ────────────────────────────────────────────────────────────────────

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

  // ── 10DLC: phone-number campaigns ───────────────────────────────────────────────────────

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

  // ── messages ────────────────────────────────────────────────────────────────────────────

  r.post('/v2/messages', (req, res) => {
    const b = body(req);
    const typeProblem = wrongType(b, {
      from: 'string',
      messaging_profile_id: 'string',
      send_at: 'string',
      webhook_url: 'string',
      webhook_failover_url: 'string',
    });
    if (typeProblem) return sendTelnyxError(res, typeProblem);
    if (typeof b.to !== 'string' || b.to === '')
      return sendTelnyxError(res, faceError(400, 'missingParameter', 'to is required', '/to'));
    if (typeof b.text !== 'string' || b.text === '')
      return sendTelnyxError(res, faceError(400, 'missingParameter', 'text is required for an SMS', '/text'));
    const from = typeof b.from === 'string' && b.from !== '' ? b.from : undefined;
    const profileId = b.messaging_profile_id;
    let pool: string | undefined;
    if (typeof profileId === 'string' && profileId !== '') {
      pool = findProfile(accountOf(res), profileId);
      if (pool === undefined)
        return notFound(res, `messaging profile '${profileId}'`, '/messaging_profile_id');
    }
    if (from === undefined && pool === undefined)
      return sendTelnyxError(
        res,
        faceError(400, 'missingParameter', 'give from or messaging_profile_id', '/from'),
      );
    const bad = badUrl(b, ['webhook_url', 'webhook_failover_url']);
    if (bad) return sendTelnyxError(res, bad);
    // Telnyx refuses a text to a contact who sent STOP at once (409, 40300), where the native API
    // accepts it and fails it later (21610): the same rule, `opt-out-honored`, where Telnyx gives it.
    const to = normalizePhone(b.to);
    if (to.ok && accountOf(res).optOuts[to.e164] !== undefined)
      return sendTelnyxError(res, {
        status: 409,
        error: {
          code: '40300',
          title: 'Blocked due to STOP message',
          detail: `Messages cannot be sent from ${from ?? 'this profile'} to ${to.e164} due to an existing block rule (the contact replied STOP).`,
          source: { pointer: '/to' },
          meta: { rule: 'opt-out-honored', error_code: 21610 },
        },
      });
    const outcome = exec(res, {
      action: 'send',
      ...(from === undefined ? { pool: pool! } : { from }),
      to: b.to,
      body: b.text,
      ...(typeof b.webhook_url === 'string' && b.webhook_url !== '' ? { callback: b.webhook_url } : {}),
      ...(typeof b.send_at === 'string' ? { sendAt: b.send_at } : {}),
    });
    if (refuse(res, outcome, MESSAGE_FIELDS)) return;
    // The result is the message as the command left it (queued), before timers due now moved it.
    const message = (outcome as { result: MessageState }).result;
    res.json({ data: outboundView(accountOf(res), message) });
  });
  r.delete('/v2/messages/:id', (req, res) => {
    const message = findMessage(accountOf(res), String(req.params.id));
    const read = message && service.query({ of: 'message', id: message.id }, actorOf(res));
    if (!message || !read?.ok) return notFound(res, `message '${String(req.params.id)}'`);
    const outcome = exec(res, { action: 'cancel_message', message: message.id });
    if (refuse(res, outcome)) return;
    res.json(canceledView(accountOf(res), (outcome as { result: MessageState }).result));
  });
  r.get('/v2/messages/:id', (req, res) => {
    const account = accountOf(res);
    const message = findMessage(account, String(req.params.id));
    const read = message && service.query({ of: 'message', id: message.id }, actorOf(res));
    if (!message || !read?.ok) return notFound(res, `message '${String(req.params.id)}'`);
    res.json({ data: messageView(account, message) });
  });

  r.use((req, res) => {
    sendTelnyxError(res, faceError(404, 'notFound', `no route ${req.method} ${req.baseUrl}${req.path}`));
  });
  r.use(errorHandler);
  return r;
}

type FieldType = 'string' | 'boolean' | 'strings';

/** A field of the wrong JSON type: 400 `10015` pointing at it (the SDK's types say what each takes). */
function wrongType(b: Body, types: Record<string, FieldType>): TelnyxRefusal | undefined {
  for (const [key, type] of Object.entries(types)) {
    const v = b[key];
    if (v === undefined || v === null) continue;
    const ok =
      type === 'strings' ? Array.isArray(v) && v.every((x) => typeof x === 'string') : typeof v === type;
    if (!ok)
      return faceError(
        400,
        'badRequest',
        `${key} must be ${type === 'strings' ? 'a list of strings' : `a ${type}`}`,
        `/${key}`,
      );
  }
  return undefined;
}

const BRAND_TYPES: Record<string, FieldType> = Object.fromEntries(
  [
    ...BRAND_FACE_FIELDS,
    'entityType',
    'ein',
    'country',
    'email',
    'vertical',
    'stockSymbol',
    'stockExchange',
  ].map((k) => [k, 'string' as const]),
);
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

function vettingView(account: AccountState, brand: string) {
  const record = account.records[recordIds.vetting(brand)];
  const state = account.brands[brand];
  const done = state?.vetting === 'done';
  return {
    evpId: String(record?.data.evpId ?? 'AEGIS'),
    vettingClass: String(record?.data.vettingClass ?? 'STANDARD'),
    vettingId: telnyxIds.vetting(brand),
    createDate: new Date(record?.createdAt ?? 0).toISOString(),
    ...(done && state
      ? { vettedDate: new Date(record?.updatedAt ?? 0).toISOString(), vettingScore: state.trustScore }
      : {}),
  };
}

/** A messaging profile's fields, as given, over what it had. */
function profileData(before: Body, b: Body): Body {
  const data: Body = { ...before };
  for (const key of ['name', 'webhook_url', 'webhook_failover_url', 'alpha_sender'])
    if (b[key] === null) delete data[key];
    else if (typeof b[key] === 'string') data[key] = b[key];
  if (typeof b.enabled === 'boolean') data.enabled = b.enabled;
  if (Array.isArray(b.whitelisted_destinations))
    data.whitelisted_destinations = b.whitelisted_destinations.filter((d) => typeof d === 'string');
  return data;
}

/** A webhook URL Telnyx would refuse (10003): not http(s), or over 2,000 characters. */
function badUrl(b: Body, keys: string[]): TelnyxRefusal | undefined {
  for (const key of keys) {
    const v = b[key];
    if (v === undefined || v === null || v === '') continue;
    let ok = typeof v === 'string' && v.length <= 2000;
    if (ok)
      try {
        ok = ['http:', 'https:'].includes(new URL(v as string).protocol);
      } catch {
        ok = false;
      }
    if (!ok)
      return {
        status: 400,
        error: {
          code: '10003',
          title: 'Invalid URL',
          detail: `${key} is not an http(s) URL`,
          source: { pointer: `/${key}` },
        },
      };
  }
  return undefined;
}

function pick(b: Body, keys: readonly string[]): Record<string, never> {
  const out: Body = {};
  for (const key of keys) if (b[key] !== undefined && b[key] !== null) out[key] = b[key];
  return out as Record<string, never>;
}

/** The query as sent: the SDK writes `filter[...]` keys, which the app's simple parser leaves as they are. */
function queryOf(req: Request): URLSearchParams {
  const at = req.originalUrl.indexOf('?');
  return new URLSearchParams(at < 0 ? '' : req.originalUrl.slice(at + 1));
}

/** Telnyx's flat paging: `page[number]`, `page[size]`; `meta` says where the list is. */
function sendFlat(req: Request, res: Response, items: unknown[]): void {
  const q = queryOf(req);
  const size = Math.min(250, Math.max(1, Math.floor(Number(q.get('page[size]') ?? 20)) || 20));
  const page = Math.max(1, Math.floor(Number(q.get('page[number]') ?? 1)) || 1);
  res.json({
    data: items.slice((page - 1) * size, page * size),
    meta: {
      page_number: page,
      page_size: size,
      total_pages: Math.max(1, Math.ceil(items.length / size)),
      total_results: items.length,
    },
  });
}

/** The 10DLC API's paging: `page`, `recordsPerPage`; `{records, page, totalRecords}`. */
function sendPerPage(req: Request, res: Response, items: unknown[]): void {
  const q = queryOf(req);
  const size = Math.min(500, Math.max(1, Math.floor(Number(q.get('recordsPerPage') ?? 10)) || 10));
  const page = Math.max(1, Math.floor(Number(q.get('page') ?? 1)) || 1);
  res.json({ records: items.slice((page - 1) * size, page * size), page, totalRecords: items.length });
}

/** Telnyx authenticates with `Authorization: Bearer <API key>` (face-auth.ts decides whose). */
function authenticate(service: SimulatorService) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const token = bearerOf(req.headers.authorization);
    if (token === undefined)
      return sendTelnyxError(
        res,
        faceError(401, 'authentication', 'send your API key as Authorization: Bearer <API key>'),
      );
    const caller = faceCaller(service, 'telnyx', token);
    if (!caller.ok)
      return sendTelnyxError(
        res,
        faceError(caller.status, caller.status === 401 ? 'authentication' : 'authorization', caller.message),
      );
    res.locals.caller = { admin: false, actor: caller.actor };
    service.sync();
    next();
  };
}

/** Malformed JSON, a body too large, anything thrown: Telnyx's envelope, never a stack trace. */
function errorHandler(error: unknown, _req: Request, res: Response, _next: NextFunction): void {
  const e = error as { type?: string; status?: number; message?: string };
  if (e.type === 'entity.parse.failed')
    return sendTelnyxError(res, faceError(400, 'invalidJson', 'the request body is not valid JSON'));
  if (e.type === 'entity.too.large')
    return sendTelnyxError(res, faceError(413, 'tooLarge', 'the request body is too large'));
  if (error instanceof StorageUnavailable) {
    res.set('Retry-After', '1');
    return sendTelnyxError(res, faceError(503, 'internal', 'storage is unavailable; retry shortly'));
  }
  if (typeof e.status === 'number' && e.status >= 400 && e.status < 500)
    return sendTelnyxError(res, faceError(e.status, 'badRequest', 'the request could not be read'));
  process.stderr.write(
    `tendlc serve: internal error in the telnyx face: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  sendTelnyxError(res, faceError(500, 'internal', 'internal error'));
}
