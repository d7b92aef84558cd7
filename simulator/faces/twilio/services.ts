import type { Request } from 'express';
import type { FaceRecord, NumberState } from '../../../engine/world/index.js';
import {
  ORIGIN,
  bool,
  int,
  iso,
  pageV1,
  pathParam,
  required,
  str,
  type TwilioCall,
  type TwilioContext,
} from './context.js';
import { badParam, notFound } from './errors.js';
import { useCases } from './campaigns.js';
import { PREFIX, campaignSid, numberOfSid, numberSid } from './sids.js';

/**
 * `messaging.twilio.com/v1/Services`: a Messaging Service is a sender pool (`put_pool`) with
 * Twilio's settings in a face record under the same `MG…` SID (kind `service`, the settings under
 * their snake_case names: `inbound_request_url`, `status_callback`…). Its `PhoneNumbers` are the
 * pool's numbers (`pool_number`): a number in a service whose campaign is approved is assigned to
 * it and propagates, as the engine's pools do.
 */
export const SERVICE_KIND = 'service';

type Setting = { param: string; field: string; type: 'string' | 'boolean' | 'integer'; default: unknown };

const SETTINGS: Setting[] = [
  { param: 'InboundRequestUrl', field: 'inbound_request_url', type: 'string', default: null },
  { param: 'InboundMethod', field: 'inbound_method', type: 'string', default: 'POST' },
  { param: 'FallbackUrl', field: 'fallback_url', type: 'string', default: null },
  { param: 'FallbackMethod', field: 'fallback_method', type: 'string', default: 'POST' },
  { param: 'StatusCallback', field: 'status_callback', type: 'string', default: null },
  { param: 'StickySender', field: 'sticky_sender', type: 'boolean', default: true },
  { param: 'MmsConverter', field: 'mms_converter', type: 'boolean', default: true },
  { param: 'SmartEncoding', field: 'smart_encoding', type: 'boolean', default: true },
  { param: 'ScanMessageContent', field: 'scan_message_content', type: 'string', default: 'inherit' },
  { param: 'FallbackToLongCode', field: 'fallback_to_long_code', type: 'boolean', default: true },
  { param: 'AreaCodeGeomatch', field: 'area_code_geomatch', type: 'boolean', default: true },
  { param: 'SynchronousValidation', field: 'synchronous_validation', type: 'boolean', default: false },
  { param: 'ValidityPeriod', field: 'validity_period', type: 'integer', default: 36000 },
  { param: 'Usecase', field: 'usecase', type: 'string', default: 'undeclared' },
  {
    param: 'UseInboundWebhookOnNumber',
    field: 'use_inbound_webhook_on_number',
    type: 'boolean',
    default: false,
  },
];

const METHODS = new Set(['GET', 'POST']);

function settingsOf(req: Request, base: Record<string, unknown>): Record<string, unknown> {
  const data = { ...base };
  const name = str(req, 'FriendlyName');
  if (name !== undefined) data.friendly_name = name;
  for (const s of SETTINGS) {
    const value =
      s.type === 'boolean'
        ? bool(req, s.param)
        : s.type === 'integer'
          ? int(req, s.param, 1, 36000)
          : str(req, s.param);
    if (value === undefined) continue;
    if (s.field.endsWith('_method') && !METHODS.has(String(value).toUpperCase()))
      throw badParam(s.param, `'${String(value)}' is not GET or POST`);
    if (s.field === 'scan_message_content' && !['inherit', 'enable', 'disable'].includes(String(value)))
      throw badParam(s.param, `'${String(value)}' is not inherit, enable or disable`);
    data[s.field] = s.field.endsWith('_method') ? String(value).toUpperCase() : value;
  }
  return data;
}

export function serviceView(ctx: TwilioContext, call: TwilioCall, r: FaceRecord): Record<string, unknown> {
  const url = `${ORIGIN.messaging}/v1/Services/${r.id}`;
  const pool = ctx.account(call).pools[r.id];
  const view: Record<string, unknown> = {
    sid: r.id,
    account_sid: call.accountSid,
    friendly_name: r.data.friendly_name,
    date_created: iso(r.createdAt),
    date_updated: iso(r.updatedAt),
  };
  for (const s of SETTINGS) view[s.field] = r.data[s.field] ?? s.default;
  return {
    ...view,
    url,
    links: {
      chat_senders: `${url}/ChatSenders`,
      phone_numbers: `${url}/PhoneNumbers`,
      short_codes: `${url}/ShortCodes`,
      alpha_senders: `${url}/AlphaSenders`,
      messages: `${url}/Messages`,
      us_app_to_person: `${url}/Compliance/Usa2p`,
      us_app_to_person_usecases: `${url}/Compliance/Usa2p/Usecases`,
      channel_senders: `${url}/ChannelSenders`,
    },
    us_app_to_person_registered: pool?.campaign !== undefined,
  };
}

/** The service record a `MG…` SID names, or Twilio's 404. */
export function serviceOf(ctx: TwilioContext, call: TwilioCall, sid: string): FaceRecord {
  return ctx.record(call, SERVICE_KIND, sid);
}

function phoneNumberView(call: TwilioCall, service: string, n: NumberState): Record<string, unknown> {
  const sid = numberSid(n.e164);
  return {
    sid,
    account_sid: call.accountSid,
    service_sid: service,
    date_created: iso(n.orderedAt),
    date_updated: iso(n.orderedAt),
    phone_number: n.e164,
    country_code: 'US',
    capabilities: ['SMS', 'MMS', 'Voice'],
    url: `${ORIGIN.messaging}/v1/Services/${service}/PhoneNumbers/${sid}`,
  };
}

function pooledNumbers(ctx: TwilioContext, call: TwilioCall, service: string): NumberState[] {
  return Object.values(ctx.account(call).numbers).filter(
    (n) => n.pool === service && n.status !== 'released',
  );
}

export function mountServices(ctx: TwilioContext): void {
  // Before `/Services/{Sid}`, which would take `Usecases` for a SID.
  // The use cases a service may declare (its `Usecase` setting), with no brand in view.
  ctx.route('messaging', 'get', '/Services/Usecases', () => ({
    status: 200,
    body: {
      usecases: useCases(ctx).map((u) => ({ usecase: u.code, description: u.description, purpose: u.name })),
    },
  }));
  ctx.route('messaging', 'post', '/Services', (req, call) => {
    required(req, 'FriendlyName');
    const data = settingsOf(req, {});
    const sid = ctx.newSid(call, PREFIX.service, SERVICE_KIND);
    ctx.run(call, { action: 'put_pool', id: sid, origin: 'twilio' });
    const record = ctx.putRecord(call, sid, SERVICE_KIND, data);
    return { status: 201, body: serviceView(ctx, call, record) };
  });
  ctx.route('messaging', 'get', '/Services', (req, call) => {
    const items = ctx.records(call, SERVICE_KIND).map((r) => serviceView(ctx, call, r));
    return { status: 200, body: pageV1(req, 'messaging', '/v1/Services', 'services', items) };
  });
  ctx.route('messaging', 'get', '/Services/{Sid}', (req, call) => ({
    status: 200,
    body: serviceView(ctx, call, serviceOf(ctx, call, pathParam(req, 'Sid'))),
  }));
  ctx.route('messaging', 'post', '/Services/{Sid}', (req, call) => {
    const r = serviceOf(ctx, call, pathParam(req, 'Sid'));
    const record = ctx.putRecord(call, r.id, SERVICE_KIND, settingsOf(req, r.data));
    return { status: 200, body: serviceView(ctx, call, record) };
  });
  ctx.route('messaging', 'delete', '/Services/{Sid}', (req, call) => {
    const r = serviceOf(ctx, call, pathParam(req, 'Sid'));
    const campaign = ctx.account(call).pools[r.id]?.campaign;
    // Its campaign goes with it, as Twilio deletes a service's A2P registration with the service.
    if (campaign !== undefined) {
      ctx.run(call, { action: 'deactivate_campaign', campaign });
      if (ctx.account(call).records[campaignSid(campaign)])
        ctx.run(call, { action: 'delete_record', id: campaignSid(campaign) });
    }
    ctx.run(call, { action: 'delete_pool', id: r.id });
    ctx.run(call, { action: 'delete_record', id: r.id });
    return { status: 204 };
  });

  const numbers = '/Services/{ServiceSid}/PhoneNumbers';
  ctx.route('messaging', 'post', numbers, (req, call) => {
    const service = serviceOf(ctx, call, pathParam(req, 'ServiceSid'));
    const sid = required(req, 'PhoneNumberSid');
    const e164 = numberOfSid(ctx.account(call), sid);
    if (e164 === undefined)
      throw badParam('PhoneNumberSid', `'${sid}' is not a phone number of this account`, 21710);
    const n = ctx.run<NumberState>(call, { action: 'pool_number', number: e164, pool: service.id });
    return { status: 201, body: phoneNumberView(call, service.id, n) };
  });
  ctx.route('messaging', 'get', numbers, (req, call) => {
    const service = serviceOf(ctx, call, pathParam(req, 'ServiceSid'));
    const items = pooledNumbers(ctx, call, service.id).map((n) => phoneNumberView(call, service.id, n));
    return {
      status: 200,
      body: pageV1(req, 'messaging', `/v1/Services/${service.id}/PhoneNumbers`, 'phone_numbers', items),
    };
  });
  const pooled = (req: Request, call: TwilioCall): { service: string; number: NumberState } => {
    const service = serviceOf(ctx, call, pathParam(req, 'ServiceSid'));
    const sid = pathParam(req, 'Sid');
    const number = pooledNumbers(ctx, call, service.id).find((n) => numberSid(n.e164) === sid);
    if (!number) throw notFound(call.path);
    return { service: service.id, number };
  };
  ctx.route('messaging', 'get', `${numbers}/{Sid}`, (req, call) => {
    const { service, number } = pooled(req, call);
    return { status: 200, body: phoneNumberView(call, service, number) };
  });
  ctx.route('messaging', 'delete', `${numbers}/{Sid}`, (req, call) => {
    const { number } = pooled(req, call);
    ctx.run(call, { action: 'pool_number', number: number.e164, pool: null });
    return { status: 204 };
  });
}
