import type { Request } from 'express';
import type { FaceRecord, NumberState } from '../../../engine/world/index.js';
import {
  bool,
  int,
  page2010,
  pathParam,
  rfc2822,
  str,
  type TwilioCall,
  type TwilioContext,
} from './context.js';
import { TwilioError, badParam, notFound } from './errors.js';
import { numberOfSid, numberSid } from './sids.js';

/**
 * api.twilio.com's phone numbers: `AvailablePhoneNumbers/US/Local.json` over the engine's
 * inventory, and `IncomingPhoneNumbers` bought with the engine's `order_number` (origin
 * `twilio`: a campaign-capable number with no campaign, held to the carriers' rules only). What
 * only Twilio has (`SmsUrl`, `SmsMethod`, `StatusCallback`…) is a face record under the `PN…` SID
 * (kind `incoming-number`, snake_case fields). Deleting one releases it.
 */
export const NUMBER_KIND = 'incoming-number';

const CAPABILITIES = { voice: true, sms: true, mms: true, fax: false };

/** The number settings Twilio keeps, by parameter: all strings (URLs and methods); null when unset. */
const SETTINGS: Array<[param: string, field: string, fallback: string | null]> = [
  ['SmsUrl', 'sms_url', null],
  ['SmsMethod', 'sms_method', 'POST'],
  ['SmsFallbackUrl', 'sms_fallback_url', null],
  ['SmsFallbackMethod', 'sms_fallback_method', 'POST'],
  ['StatusCallback', 'status_callback', null],
  ['StatusCallbackMethod', 'status_callback_method', 'POST'],
  ['VoiceUrl', 'voice_url', null],
  ['VoiceMethod', 'voice_method', 'POST'],
  ['VoiceFallbackUrl', 'voice_fallback_url', null],
  ['VoiceFallbackMethod', 'voice_fallback_method', 'POST'],
  ['SmsApplicationSid', 'sms_application_sid', null],
  ['VoiceApplicationSid', 'voice_application_sid', null],
  ['ApiVersion', 'api_version', '2010-04-01'],
];

/** A US number's friendly form, as Twilio writes it: `(425) 555-0123`. */
function friendly(e164: string): string {
  return `(${e164.slice(2, 5)}) ${e164.slice(5, 8)}-${e164.slice(8)}`;
}

function settingsOf(req: Request, base: Record<string, unknown>): Record<string, unknown> {
  const data = { ...base };
  for (const [param, field] of SETTINGS) {
    const v = str(req, param);
    if (v === undefined) continue;
    if (field.endsWith('_method') && !['GET', 'POST'].includes(v.toUpperCase()))
      throw badParam(param, `'${v}' is not GET or POST`);
    if (field.endsWith('_url') || field === 'status_callback')
      if (v !== '' && !/^https?:\/\/\S+$/iu.test(v))
        throw badParam(param, `'${v}' is not an http(s) URL`, 21502);
    data[field] = v === '' ? null : field.endsWith('_method') ? v.toUpperCase() : v;
  }
  const name = str(req, 'FriendlyName');
  if (name !== undefined) data.friendly_name = name;
  return data;
}

export function numberView(call: TwilioCall, n: NumberState, record?: FaceRecord): Record<string, unknown> {
  const sid = numberSid(n.e164);
  const data = record?.data ?? {};
  const view: Record<string, unknown> = {
    account_sid: call.accountSid,
    address_sid: null,
    address_requirements: 'none',
    api_version: '2010-04-01',
    beta: false,
    capabilities: CAPABILITIES,
    date_created: rfc2822(n.orderedAt),
    date_updated: rfc2822(record?.updatedAt ?? n.orderedAt),
    friendly_name: data.friendly_name ?? n.name ?? friendly(n.e164),
    identity_sid: null,
    phone_number: n.e164,
    origin: n.origin === 'twilio' ? 'twilio' : 'hosted',
    sid,
  };
  for (const [, field, fallback] of SETTINGS) view[field] = data[field] ?? fallback;
  return {
    ...view,
    trunk_sid: null,
    uri: `/2010-04-01/Accounts/${call.accountSid}/IncomingPhoneNumbers/${sid}.json`,
    voice_receive_mode: 'voice',
    voice_caller_id_lookup: false,
    emergency_status: 'Inactive',
    emergency_address_sid: null,
    emergency_address_status: 'unregistered',
    bundle_sid: null,
    status: n.status === 'active' ? 'in-use' : n.status === 'failed' ? 'failed' : 'pending',
    type: 'local',
  };
}

function held(ctx: TwilioContext, call: TwilioCall): NumberState[] {
  return Object.values(ctx.account(call).numbers).filter(
    (n) => n.status !== 'released' && n.status !== 'failed',
  );
}

function numberOf(ctx: TwilioContext, call: TwilioCall, sid: string): NumberState {
  const account = ctx.account(call);
  const e164 = numberOfSid(account, sid);
  const n = e164 === undefined ? undefined : account.numbers[e164];
  if (!n || n.status === 'released') throw notFound(call.path);
  return n;
}

/** `Contains`: digits, with `*` for any one digit (Twilio's letters are not supported). */
function containsFilter(req: Request): ((e164: string) => boolean) | undefined {
  const pattern = str(req, 'Contains');
  if (pattern === undefined || pattern === '') return undefined;
  if (!/^\+?[\d*]+$/u.test(pattern)) throw badParam('Contains', `'${pattern}' is not digits and *`);
  const re = new RegExp(pattern.replace('+', '\\+').replace(/\*/gu, '\\d'), 'u');
  return (e164) => re.test(e164);
}

/** Twilio's codes for a number it cannot sell: 21421 not a valid number, 21422 not available. */
function orderError(error: unknown, phoneNumber: string | undefined): unknown {
  if (!(error instanceof TwilioError) || phoneNumber === undefined) return error;
  if (error.status === 409)
    return new TwilioError(400, 21422, `PhoneNumber ${phoneNumber} is not available`, error.rule);
  if (error.rule === 'recipient-us-10-digit')
    return new TwilioError(400, 21421, `PhoneNumber is invalid: ${error.message}`, error.rule);
  return error;
}

export function mountNumbers(ctx: TwilioContext): void {
  ctx.route('api', 'get', '/AvailablePhoneNumbers/{CountryCode}/Local.json', (req, call) => {
    const country = pathParam(req, 'CountryCode');
    if (country !== 'US') throw notFound(call.path);
    let areaCode = str(req, 'AreaCode');
    const contains = containsFilter(req);
    const pattern = str(req, 'Contains')?.replace(/^\+?1?/u, '') ?? '';
    if (areaCode === undefined && /^\d{3}/u.test(pattern)) areaCode = pattern.slice(0, 3);
    if (areaCode === undefined)
      throw badParam('AreaCode', 'the simulator lists numbers by area code: give AreaCode', 21200);
    if (!/^[2-9]\d\d$/u.test(areaCode))
      throw badParam('AreaCode', `'${areaCode}' is not a three-digit area code`);
    const size = int(req, 'PageSize', 1, 1000) ?? 50;
    const found = ctx.read<Array<{ e164: string }>>(call, {
      of: 'available-numbers',
      areaCode,
      limit: contains ? 1000 : size,
    });
    const numbers =
      bool(req, 'SmsEnabled') === false ? [] : found.map((n) => n.e164).filter(contains ?? (() => true));
    const items = numbers.slice(0, size).map((e164) => ({
      friendly_name: friendly(e164),
      phone_number: e164,
      lata: null,
      locality: null,
      rate_center: null,
      latitude: null,
      longitude: null,
      region: null,
      postal_code: null,
      iso_country: 'US',
      address_requirements: 'none',
      beta: false,
      capabilities: CAPABILITIES,
    }));
    const base = `/2010-04-01/Accounts/${call.accountSid}/AvailablePhoneNumbers/US/Local.json`;
    return {
      status: 200,
      body: page2010(req, base, 'available_phone_numbers', items, {
        AreaCode: str(req, 'AreaCode'),
        Contains: str(req, 'Contains'),
        SmsEnabled: str(req, 'SmsEnabled'),
      }),
    };
  });

  ctx.route('api', 'post', '/IncomingPhoneNumbers.json', (req, call) => {
    const phoneNumber = str(req, 'PhoneNumber');
    const areaCode = str(req, 'AreaCode');
    if (phoneNumber === undefined && areaCode === undefined)
      throw new TwilioError(400, 21450, 'Phone number or area code is required');
    const data = settingsOf(req, {});
    let n: NumberState;
    try {
      n = ctx.run<NumberState>(call, {
        action: 'order_number',
        kind: 'campaign',
        origin: 'twilio',
        ...(phoneNumber === undefined ? { areaCode } : { e164: phoneNumber }),
        ...(typeof data.friendly_name === 'string' ? { name: data.friendly_name } : {}),
      });
    } catch (error) {
      throw orderError(error, phoneNumber);
    }
    const record = ctx.putRecord(call, numberSid(n.e164), NUMBER_KIND, data);
    return { status: 201, body: numberView(call, n, record) };
  });
  ctx.route('api', 'get', '/IncomingPhoneNumbers.json', (req, call) => {
    const records = ctx.account(call).records;
    const phone = str(req, 'PhoneNumber');
    const name = str(req, 'FriendlyName');
    const origin = str(req, 'Origin');
    const items = held(ctx, call)
      .map((n) => numberView(call, n, records[numberSid(n.e164)]))
      .filter(
        (v) =>
          (phone === undefined || String(v.phone_number).includes(phone.replace(/[^\d+]/gu, ''))) &&
          (name === undefined || v.friendly_name === name) &&
          (origin === undefined || v.origin === origin),
      );
    const base = `/2010-04-01/Accounts/${call.accountSid}/IncomingPhoneNumbers.json`;
    return {
      status: 200,
      body: page2010(req, base, 'incoming_phone_numbers', items, {
        PhoneNumber: phone,
        FriendlyName: name,
        Origin: origin,
      }),
    };
  });
  ctx.route('api', 'get', '/IncomingPhoneNumbers/{Sid}.json', (req, call) => {
    const n = numberOf(ctx, call, pathParam(req, 'Sid'));
    return { status: 200, body: numberView(call, n, ctx.account(call).records[numberSid(n.e164)]) };
  });
  ctx.route('api', 'post', '/IncomingPhoneNumbers/{Sid}.json', (req, call) => {
    const n = numberOf(ctx, call, pathParam(req, 'Sid'));
    const sid = numberSid(n.e164);
    const data = settingsOf(req, ctx.account(call).records[sid]?.data ?? {});
    const record = ctx.putRecord(call, sid, NUMBER_KIND, data);
    return { status: 200, body: numberView(call, n, record) };
  });
  ctx.route('api', 'delete', '/IncomingPhoneNumbers/{Sid}.json', (req, call) => {
    const n = numberOf(ctx, call, pathParam(req, 'Sid'));
    ctx.run(call, { action: 'release_number', number: n.e164 });
    if (ctx.account(call).records[numberSid(n.e164)])
      ctx.run(call, { action: 'delete_record', id: numberSid(n.e164) });
    return { status: 204 };
  });
}
