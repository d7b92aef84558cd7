import type { Request } from 'express';
import { normalizePhone } from '../../../engine/phone.js';
import type { Refusal } from '../../../engine/refusal.js';
import type { AccountState, MessageState } from '../../../engine/world/index.js';
import { page2010, pathParam, rfc2822, str, type TwilioCall, type TwilioContext } from './context.js';
import { TwilioError, badParam, notFound, refusalError } from './errors.js';
import { messageSid } from './sids.js';

/**
 * api.twilio.com's `Messages`: a Twilio message is the engine's message. Create is the engine's
 * `send` (`From`, or `MessagingServiceSid` as the sender pool; `StatusCallback` as the message's
 * callback; `SendAt` with `ScheduleType=fixed` as a scheduled send), update with
 * `Status=canceled` is `cancel_message`, fetch and list read the account's messages. Statuses are
 * the engine's, which are Twilio's words; a failure carries the engine's error code, which is
 * Twilio's own.
 */

export const API_VERSION = '2010-04-01';

/** Twilio's words for the carrier codes a message can fail with (its `error_message`). */
const ERROR_MESSAGES: Record<number, string> = {
  21610: 'Attempt to send to unsubscribed recipient',
  30003: 'Unreachable destination handset',
  30006: 'Landline or unreachable carrier',
  30007: 'Message filtered',
  30022: 'US A2P 10DLC - Rate Limits Exceeded',
  30024: 'Numeric Sender ID not provisioned on carrier',
  30027: 'US A2P 10DLC - T-Mobile Daily Message Limit Reached',
  30034: 'US A2P 10DLC - Message from an Unregistered Number',
};

/** The path of the account's messages, as Twilio names it. */
export function messagesPath(accountSid: string): string {
  return `/${API_VERSION}/Accounts/${accountSid}/Messages`;
}

/** Twilio's direction: an answer to a keyword is a reply; every other outbound text came from the API. */
function direction(m: MessageState): string {
  if (m.direction === 'inbound') return 'inbound';
  return m.answers === undefined ? 'outbound-api' : 'outbound-reply';
}

/** When Twilio would say it was sent: handed to the carrier, or received. */
function dateSent(m: MessageState): number | undefined {
  return m.direction === 'inbound' ? m.createdAt : m.sentAt;
}

/** The Message resource as api.twilio.com returns it, typed as its document says. */
export function messageView(
  accountSid: string,
  m: MessageState,
  status: string = m.status,
): Record<string, unknown> {
  const sid = messageSid(m.id);
  const uri = `${messagesPath(accountSid)}/${sid}`;
  return {
    account_sid: accountSid,
    api_version: API_VERSION,
    body: m.body,
    date_created: rfc2822(m.createdAt),
    date_sent: rfc2822(dateSent(m)),
    date_updated: rfc2822(m.doneAt ?? m.sentAt ?? m.createdAt),
    direction: direction(m),
    error_code: m.errorCode ?? null,
    error_message: m.errorCode === undefined ? null : (ERROR_MESSAGES[m.errorCode] ?? null),
    from: m.from,
    messaging_service_sid: m.pool ?? null,
    num_media: '0',
    num_segments: String(m.segments),
    price: null,
    price_unit: 'USD',
    sid,
    status,
    subresource_uris: { media: `${uri}/Media.json`, feedback: `${uri}/Feedback.json` },
    to: m.to,
    uri: `${uri}.json`,
  };
}

/**
 * A refusal of `send` in Twilio's words: the codes Twilio gives at create for the same cause,
 * the rule's id kept. Anything else as the skeleton maps it.
 */
function sendRefusal(refusal: Refusal, path: string, req: Request): TwilioError {
  const rule = refusal.rule;
  const field = refusal.details?.field;
  if (rule === 'recipient-us-10-digit')
    return new TwilioError(400, 21211, `Invalid 'To' Phone Number: ${refusal.message}`, rule);
  if (field === 'body') return new TwilioError(400, 21602, 'Message body is required.', rule);
  if (refusal.kind === 'not-found') {
    // A `From` the account does not hold, or a Messaging Service it does not have.
    if (str(req, 'From') !== undefined)
      return new TwilioError(
        400,
        21606,
        `The From phone number ${str(req, 'From') ?? ''} is not a valid, SMS-capable inbound phone number or short code for your account.`,
        rule,
      );
    return new TwilioError(400, 21701, `The Messaging Service Sid is invalid: ${refusal.message}`, rule);
  }
  if (rule === 'number-not-active' && str(req, 'From') === undefined)
    return new TwilioError(
      400,
      21703,
      `The Messaging Service does not have a phone number available to send a message: ${refusal.message}`,
      rule,
    );
  if (rule === 'number-not-active')
    return new TwilioError(400, 21606, `The From phone number is not active: ${refusal.message}`, rule);
  const err = refusalError(refusal, path);
  // A send is refused with 400 on Twilio whatever the cause, the code saying which; a permission
  // (a number's inbox whose agents the account's credentials are not) stays a 403.
  return new TwilioError(err.status === 403 ? 403 : 400, err.code, err.message, rule, err.detail);
}

/** `SendAt` with `ScheduleType=fixed`: an ISO 8601 time 15 minutes to 35 days ahead. */
function sendAtOf(req: Request, now: number): number | undefined {
  const sendAt = str(req, 'SendAt');
  const type = str(req, 'ScheduleType');
  if (sendAt === undefined) {
    if (type !== undefined) throw new TwilioError(400, 35111, 'ScheduleType needs SendAt.');
    return undefined;
  }
  if (type !== 'fixed') throw new TwilioError(400, 35111, "SendAt needs ScheduleType 'fixed'.");
  const at = Date.parse(sendAt);
  if (!/^\d{4}-\d{2}-\d{2}T/u.test(sendAt) || Number.isNaN(at))
    throw badParam('SendAt', `'${sendAt}' is not an ISO 8601 date-time`, 35101);
  if (at < now + 15 * 60_000 || at > now + 35 * 86_400_000)
    throw new TwilioError(
      400,
      35114,
      'SendAt must be at least 15 minutes and at most 35 days after the request.',
    );
  return at;
}

function create(ctx: TwilioContext, req: Request, call: TwilioCall): Record<string, unknown> {
  const path = `${messagesPath(call.accountSid)}.json`;
  const to = str(req, 'To');
  if (to === undefined || to === '') throw new TwilioError(400, 21604, "A 'To' phone number is required.");
  const from = str(req, 'From') || undefined;
  const pool = str(req, 'MessagingServiceSid') || undefined;
  if (from === undefined && pool === undefined)
    throw new TwilioError(400, 21603, "A 'From' or 'MessagingServiceSid' parameter is required.");
  if (pool !== undefined && !/^MG[0-9a-f]{32}$/u.test(pool))
    throw new TwilioError(400, 21701, `The Messaging Service Sid ${pool} is invalid.`);
  const body = str(req, 'Body') ?? '';
  if (body === '') throw new TwilioError(400, 21602, 'Message body is required.');
  if (body.length > 1600)
    throw new TwilioError(400, 21617, 'The concatenated message body exceeds the 1600 character limit.');
  const callback = str(req, 'StatusCallback') || undefined;
  if (callback !== undefined && !/^https?:\/\/\S+$/iu.test(callback))
    throw badParam('StatusCallback', `'${callback}' is not an http(s) URL`, 21609);
  const sendAt = sendAtOf(req, ctx.now());
  // Twilio refuses a text to a recipient who texted STOP at create, where the native API fails
  // it later: the same rule, `opt-out-honored`, read before the engine queues it.
  const recipient = normalizePhone(to);
  const account = ctx.account(call);
  if (recipient.ok && account.optOuts[recipient.e164] !== undefined)
    throw new TwilioError(
      400,
      21610,
      `Attempt to send to unsubscribed recipient: ${recipient.e164} replied STOP to this account.`,
      'opt-out-honored',
    );
  // A Messaging Service is a pool this face made (a Telnyx profile is none); with `From` too,
  // Twilio sends from `From` on the service's behalf.
  if (pool !== undefined && account.pools[pool]?.origin !== 'twilio')
    throw new TwilioError(400, 21701, `The Messaging Service Sid ${pool} is invalid.`);
  const outcome = ctx.service.execute(
    {
      action: 'send',
      to,
      body,
      ...(from === undefined ? {} : { from }),
      ...(pool === undefined ? {} : { pool }),
      ...(callback === undefined ? {} : { callback }),
      ...(sendAt === undefined ? {} : { sendAt }),
    },
    call.actor,
  );
  if (!outcome.ok) throw sendRefusal(outcome.refusal, path, req);
  const m = outcome.result as MessageState;
  // A Messaging Service's message is `accepted` until a sender is chosen; here it is chosen at once.
  return messageView(call.accountSid, m, pool !== undefined && m.status === 'queued' ? 'accepted' : m.status);
}

/**
 * Each account's messages by SID, made as messages arrive: an account's messages are only ever
 * added, so the index hashes each id once, and a SID that names nothing (a typo, a fuzzer, another
 * account's message) costs a lookup rather than a hash of every message.
 */
const sidIndex = new WeakMap<ReadonlyMap<string, MessageState>, { size: number; ids: Map<string, string> }>();

function messageIdOf(account: Readonly<AccountState>, sid: string): string | undefined {
  const messages = account.messages;
  let index = sidIndex.get(messages);
  if (!index || index.size > messages.size) sidIndex.set(messages, (index = { size: 0, ids: new Map() }));
  if (index.size < messages.size) {
    let i = 0;
    for (const id of messages.keys()) if (i++ >= index.size) index.ids.set(messageSid(id), id);
    index.size = messages.size;
  }
  return index.ids.get(sid);
}

/** The message a `SM…` SID names in the caller's account, or Twilio's 404. */
function messageOf(ctx: TwilioContext, call: TwilioCall, sid: string): MessageState {
  const account = ctx.account(call);
  const id = /^(SM|MM)[0-9a-f]{32}$/u.test(sid) ? messageIdOf(account, sid) : undefined;
  const m = id === undefined ? undefined : account.messages.get(id);
  if (!m) throw notFound(call.path);
  return m;
}

const DAY = 86_400_000;

/** A `DateSent` bound: a day (`2026-11-02`) or an instant; `[from, to)` in epoch ms. */
function dateBound(name: string, value: string): [number, number] {
  if (/^\d{4}-\d{2}-\d{2}$/u.test(value)) {
    const start = Date.parse(`${value}T00:00:00Z`);
    if (!Number.isNaN(start)) return [start, start + DAY];
  } else if (/^\d{4}-\d{2}-\d{2}T/u.test(value)) {
    const at = Date.parse(value);
    // To the second, as `date_sent` is written.
    if (!Number.isNaN(at)) return [Math.floor(at / 1000) * 1000, Math.floor(at / 1000) * 1000 + 1000];
  }
  throw badParam(name, `'${value}' is not a date (YYYY-MM-DD) or an ISO 8601 date-time`);
}

function phoneFilter(value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  const phone = normalizePhone(value);
  return phone.ok ? phone.e164 : value;
}

function list(ctx: TwilioContext, req: Request, call: TwilioCall): Record<string, unknown> {
  const to = phoneFilter(str(req, 'To'));
  const from = phoneFilter(str(req, 'From'));
  const on = str(req, 'DateSent');
  const before = str(req, 'DateSent<');
  const after = str(req, 'DateSent>');
  const range: [number, number] = [-Infinity, Infinity];
  if (on) {
    const [a, b] = dateBound('DateSent', on);
    range[0] = Math.max(range[0], a);
    range[1] = Math.min(range[1], b);
  }
  if (before) range[1] = Math.min(range[1], dateBound('DateSent<', before)[1]);
  if (after) range[0] = Math.max(range[0], dateBound('DateSent>', after)[0]);
  const dated = Boolean(on || before || after);
  const account: Readonly<AccountState> = ctx.account(call);
  const found: MessageState[] = [];
  for (const m of account.messages.values()) {
    if (to !== undefined && m.to !== to) continue;
    if (from !== undefined && m.from !== from) continue;
    if (dated) {
      const at = dateSent(m);
      if (at === undefined || at < range[0] || at >= range[1]) continue;
    }
    found.push(m);
  }
  // Newest first, as Twilio lists them; the id's sequence orders one instant's messages.
  const seq = (m: MessageState): number => Number(m.id.slice(m.id.lastIndexOf('-') + 1));
  found.sort((a, b) => b.createdAt - a.createdAt || seq(b) - seq(a));
  const filters: Record<string, string | undefined> = {
    To: to,
    From: from,
    DateSent: on || undefined,
    'DateSent<': before || undefined,
    'DateSent>': after || undefined,
  };
  const page = page2010(req, `${messagesPath(call.accountSid)}.json`, 'messages', found, filters);
  return {
    ...page,
    messages: (page.messages as MessageState[]).map((m) => messageView(call.accountSid, m)),
  };
}

function update(ctx: TwilioContext, req: Request, call: TwilioCall): Record<string, unknown> {
  const m = messageOf(ctx, call, pathParam(req, 'Sid'));
  const status = str(req, 'Status');
  const body = str(req, 'Body');
  if (status === undefined && body === undefined)
    throw new TwilioError(400, 20001, 'Either Status or Body is required to update a message.');
  if (body !== undefined)
    throw badParam('Body', 'redacting a body is not simulated; only Status=canceled updates a message');
  if (status !== 'canceled') throw badParam('Status', `'${status ?? ''}' is not canceled`);
  const outcome = ctx.service.execute({ action: 'cancel_message', message: m.id }, call.actor);
  if (!outcome.ok) {
    const { refusal } = outcome;
    if (refusal.kind === 'conflict')
      throw new TwilioError(400, 30409, `Message ${messageSid(m.id)} cannot be canceled: ${refusal.message}`);
    throw refusalError(refusal, call.path);
  }
  return messageView(call.accountSid, outcome.result as MessageState);
}

export function mountMessages(ctx: TwilioContext): void {
  ctx.route('api', 'post', '/Messages.json', (req, call) => ({ status: 201, body: create(ctx, req, call) }));
  ctx.route('api', 'get', '/Messages.json', (req, call) => ({ status: 200, body: list(ctx, req, call) }));
  ctx.route('api', 'get', '/Messages/{Sid}.json', (req, call) => ({
    status: 200,
    body: messageView(call.accountSid, messageOf(ctx, call, pathParam(req, 'Sid'))),
  }));
  ctx.route('api', 'post', '/Messages/{Sid}.json', (req, call) => ({
    status: 200,
    body: update(ctx, req, call),
  }));
}
