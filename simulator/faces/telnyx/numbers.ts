import type { AccountState, NumberState } from '../../../engine/world/index.js';
import type { TelnyxContext } from './context.js';
import { faceError, fromRefusal, sendTelnyxError } from './errors.js';
import { findProfile, telnyxIds } from './ids.js';
import { body, queryOf, sendFlat, type Body } from './requests.js';
import { deletedNumberView, messagingSettingsView, numberView, orderView, recordIds } from './views.js';

/** Numbers: searching and ordering them, the account's numbers and their messaging settings. */

/** GET /v2/available_phone_numbers: the inventory of an area code. */
export function mountAvailableNumbers(ctx: TelnyxContext): void {
  const { r, service, actorOf } = ctx;
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
}

/** Number orders: buying numbers (with `origin: 'telnyx'`), optionally into a messaging profile. */
export function mountNumberOrders(ctx: TelnyxContext): void {
  const { r, accountOf, exec, nextNumber, putRecord, notFound } = ctx;
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
}

/** The account's phone numbers, their tags and reference, and their messaging profile. */
export function mountPhoneNumbers(ctx: TelnyxContext): void {
  const { r, service, actorOf, accountOf, exec, putRecord, refuse, notFound, reachable } = ctx;
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
}
