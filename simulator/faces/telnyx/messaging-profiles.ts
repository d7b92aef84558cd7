import type { AccountState, NumberState } from '../../../engine/world/index.js';
import type { TelnyxContext } from './context.js';
import { faceError, sendTelnyxError } from './errors.js';
import { findProfile } from './ids.js';
import { badUrl, body, sendFlat, type Body } from './requests.js';
import { messagingSettingsView, profileView, recordIds } from './views.js';

/** Messaging profiles: the engine's pools of origin `telnyx`, their settings kept as face records. */

/** Messaging profiles and the numbers in one. */
export function mountMessagingProfiles(ctx: TelnyxContext): void {
  const { r, service, actorOf, accountOf, exec, nextNumber, putRecord, refuse, notFound, now } = ctx;
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
