import { createHmac } from 'node:crypto';
import type { AccountState, MessageState, WorldState } from '../../../engine/world/index.js';
import { keywordOf } from '../../../engine/world/replies.js';
import type { SimulatorService } from '../../service.js';
import type { EventRoute, FaceAnswer, FaceFormat, FaceTarget } from '../routing.js';
import type { PendingDelivery } from '../../outbox.js';
import { API_VERSION } from './messages.js';
import { messageSid, numberSid } from './sids.js';

/**
 * Twilio's webhooks. Which events go where: each status change of a message to its
 * `StatusCallback`, else to its Messaging Service's `status_callback`; each text a handset sends
 * to one of the account's numbers to the number's `SmsUrl`, or its Messaging Service's
 * `inbound_request_url`. The requests are form-encoded and signed with `X-Twilio-Signature`, as
 * twilio-node's `validateRequest` checks them; a `<Message>` in the TwiML answer to an incoming
 * text is sent back to the handset through the service's `send`.
 */

/** The face records this reads, as the face's resource files keep them. */
const SERVICE_KIND = 'service';
const NUMBER_KIND = 'incoming-number';

/** The engine's message events and the status each gives the message, in Twilio's words. */
const STATUS_OF: Record<string, string> = {
  'message.scheduled': 'scheduled',
  'message.queued': 'queued',
  'message.sending': 'sending',
  'message.sent': 'sent',
  'message.delivered': 'delivered',
  'message.undelivered': 'undelivered',
  'message.failed': 'failed',
  'message.canceled': 'canceled',
};

function recordData(
  account: Readonly<AccountState>,
  id: string,
  kind: string,
): Record<string, unknown> | undefined {
  const record = account.records[id];
  return record?.face === 'twilio' && record.kind === kind ? record.data : undefined;
}

function url(value: unknown): string | undefined {
  return typeof value === 'string' && /^https?:\/\//iu.test(value) ? value : undefined;
}

/** Where a text to one of the account's numbers goes: its service's inbound URL or its `SmsUrl`. */
function inboundUrl(account: Readonly<AccountState>, e164: string): string | undefined {
  const number = account.numbers[e164];
  if (!number) return undefined;
  const own = url(recordData(account, numberSid(e164), NUMBER_KIND)?.sms_url);
  const service = number.pool === undefined ? undefined : recordData(account, number.pool, SERVICE_KIND);
  // A service's inbound settings win over its numbers', unless it says to use the number's.
  if (service && service.use_inbound_webhook_on_number !== true)
    return url(service.inbound_request_url) ?? own;
  return own;
}

export const twilioEventRoute: EventRoute = (event, world: Readonly<WorldState>) => {
  if (!event.type.startsWith('message.')) return [];
  const account = world.accounts[event.account];
  if (!account) return [];
  if (event.type === 'message.received') {
    const to = event.data.to;
    const target = typeof to === 'string' ? inboundUrl(account, to) : undefined;
    return target === undefined
      ? []
      : [{ face: 'twilio', url: target, kind: 'inbound' } satisfies FaceTarget];
  }
  if (STATUS_OF[event.type] === undefined) return [];
  const id = event.data.message;
  const m = typeof id === 'string' ? account.messages.get(id) : undefined;
  if (!m || m.direction !== 'outbound') return [];
  const target =
    m.callback ??
    (m.pool === undefined ? undefined : url(recordData(account, m.pool, SERVICE_KIND)?.status_callback));
  return target === undefined ? [] : [{ face: 'twilio', url: target, kind: 'status' }];
};

/**
 * `X-Twilio-Signature`: HMAC-SHA1 with the auth token over the URL followed by each parameter's
 * name and value, by name in order, in base64 (twilio-node's `getExpectedTwilioSignature`).
 */
export function twilioSignature(authToken: string, target: string, params: Record<string, string>): string {
  const data = Object.keys(params)
    .sort()
    .reduce((acc, key) => acc + key + params[key]!, target);
  return createHmac('sha1', authToken).update(Buffer.from(data, 'utf8')).digest('base64');
}

function messageOf(service: SimulatorService, p: PendingDelivery): MessageState | undefined {
  const id = p.event.data.message;
  return typeof id === 'string'
    ? service.sim.inspect().accounts[p.event.account]?.messages.get(id)
    : undefined;
}

/** The parameters of a status callback for the event's status. */
function statusParams(accountSid: string, p: PendingDelivery, m: MessageState): Record<string, string> {
  const status = STATUS_OF[p.event.type] ?? m.status;
  const sid = messageSid(m.id);
  const params: Record<string, string> = {
    AccountSid: accountSid,
    ApiVersion: API_VERSION,
    From: m.from,
    MessageSid: sid,
    MessageStatus: status,
    SmsSid: sid,
    SmsStatus: status,
    To: m.to,
  };
  if (m.pool !== undefined) params.MessagingServiceSid = m.pool;
  const code = p.event.data.errorCode;
  if ((status === 'failed' || status === 'undelivered') && typeof code === 'number')
    params.ErrorCode = String(code);
  return params;
}

/** The parameters of an incoming message. */
function inboundParams(
  accountSid: string,
  m: MessageState,
  pool: string | undefined,
  optOutType: string | undefined,
): Record<string, string> {
  const sid = messageSid(m.id);
  const params: Record<string, string> = {
    AccountSid: accountSid,
    ApiVersion: API_VERSION,
    Body: m.body,
    From: m.from,
    FromCountry: 'US',
    MessageSid: sid,
    NumMedia: '0',
    NumSegments: String(m.segments),
    SmsMessageSid: sid,
    SmsSid: sid,
    SmsStatus: 'received',
    To: m.to,
    ToCountry: 'US',
  };
  if (pool !== undefined) params.MessagingServiceSid = pool;
  if (optOutType !== undefined) params.OptOutType = optOutType;
  return params;
}

/** Twilio's `OptOutType` for a keyword the simulator acted on (`STOP`, `START`, `HELP`). */
function optOutTypeOf(service: SimulatorService, body: string): string | undefined {
  const keyword = keywordOf(body);
  const { messages } = service.sim.profile;
  if (messages.optOutKeywords.includes(keyword)) return 'STOP';
  if (messages.optInKeywords.includes(keyword)) return 'START';
  if (messages.helpKeywords.includes(keyword)) return 'HELP';
  return undefined;
}

export const twilioFormat: FaceFormat = {
  request(p, service, _wallMs) {
    const credentials = service.credentialsOf(p.event.account)?.twilio;
    const m = messageOf(service, p);
    const accountSid = credentials?.accountSid ?? '';
    let params: Record<string, string> = {};
    if (m && p.face?.kind === 'inbound') {
      const pool = service.sim.inspect().accounts[p.event.account]?.numbers[m.to]?.pool;
      params = inboundParams(accountSid, m, pool, optOutTypeOf(service, m.body));
    } else if (m) params = statusParams(accountSid, p, m);
    const body = new URLSearchParams(params).toString();
    return {
      headers: {
        'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
        'x-twilio-signature': twilioSignature(credentials?.authToken ?? '', p.url, params),
        'i-twilio-idempotency-token': `${p.delivery.id}-${String(p.event.id)}`,
      },
      body,
    };
  },

  answered(p: PendingDelivery, answer: FaceAnswer, service: SimulatorService) {
    if (p.face?.kind !== 'inbound') return;
    const handset = p.event.data.from;
    const number = p.event.data.to;
    if (typeof handset !== 'string' || typeof number !== 'string') return;
    for (const reply of twimlMessages(answer.body)) {
      // As Twilio does with a <Message> it cannot send: dropped (its debugger logs it), the
      // engine's refusal being the reason.
      service.execute(
        { action: 'send', from: reply.from ?? number, to: reply.to ?? handset, body: reply.body },
        { account: p.event.account, user: '@twilio' },
      );
    }
  },
};

// ── TwiML ─────────────────────────────────────────────────────────────────────────────────

/** A `<Message>` of a TwiML answer: its text, and the `to`/`from` it may name. */
export interface TwimlMessage {
  body: string;
  to?: string;
  from?: string;
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decode(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/giu, (whole, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X'))
      return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)));
    return ENTITIES[name] ?? whole;
  });
}

function attribute(attrs: string, name: string): string | undefined {
  const match = new RegExp(`\\b${name}\\s*=\\s*("([^"]*)"|'([^']*)')`, 'u').exec(attrs);
  return match ? decode(match[2] ?? match[3] ?? '') : undefined;
}

/**
 * The texts a TwiML answer sends: each `<Message>` of its `<Response>`, its text either its
 * content or its `<Body>` (a `<Media>` beside it is not simulated). An answer that is not TwiML,
 * or an empty `<Response/>`, sends nothing.
 */
export function twimlMessages(xml: string): TwimlMessage[] {
  const response = /<Response\b[^>]*>([\s\S]*)<\/Response\s*>/u.exec(xml.replace(/<!--[\s\S]*?-->/gu, ''));
  if (!response) return [];
  const out: TwimlMessage[] = [];
  for (const match of response[1]!.matchAll(/<Message\b([^>]*?)(?:\/>|>([\s\S]*?)<\/Message\s*>)/gu)) {
    const attrs = match[1] ?? '';
    const inner = match[2] ?? '';
    const bodies = [...inner.matchAll(/<Body\b[^>]*>([\s\S]*?)<\/Body\s*>/gu)].map((b) => b[1] ?? '');
    const raw =
      bodies.length > 0 ? bodies.join('') : inner.replace(/<Media\b[\s\S]*?(?:\/>|<\/Media\s*>)/gu, '');
    const text = decode(raw.replace(/<!\[CDATA\[([\s\S]*?)\]\]>/gu, '$1').replace(/<[^>]*>/gu, '')).trim();
    if (text === '') continue;
    const message: TwimlMessage = { body: text };
    const to = attribute(attrs, 'to');
    const from = attribute(attrs, 'from');
    if (to !== undefined) message.to = to;
    if (from !== undefined) message.from = from;
    out.push(message);
  }
  return out;
}
