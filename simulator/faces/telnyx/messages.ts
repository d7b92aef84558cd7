import { normalizePhone } from '../../../engine/phone.js';
import type { MessageState } from '../../../engine/world/index.js';
import type { TelnyxContext } from './context.js';
import { faceError, sendTelnyxError } from './errors.js';
import { findMessage, findProfile } from './ids.js';
import { badUrl, body, wrongType } from './requests.js';
import { canceledView, messageView, outboundView } from './views.js';

/** Messages: sending, cancelling a scheduled one, and reading one. */

/** POST /v2/messages, DELETE and GET /v2/messages/{id}. */
export function mountMessages(ctx: TelnyxContext): void {
  const { r, service, actorOf, accountOf, exec, refuse, notFound } = ctx;
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
}

/** How the engine's field names read in Telnyx's requests, for an error's `source.pointer`. */
const MESSAGE_FIELDS: Record<string, string> = {
  body: '/text',
  from: '/from',
  to: '/to',
  sendAt: '/send_at',
};
