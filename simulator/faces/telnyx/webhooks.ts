import { createPrivateKey, sign, type KeyObject } from 'node:crypto';
import type { AccountState, MessageState, WorldState } from '../../../engine/world/index.js';
import type { PendingDelivery } from '../../outbox.js';
import type { SimulatorService } from '../../service.js';
import type { SimEvent } from '../../simulation.js';
import type { FaceFormat, FaceRequest, FaceTarget } from '../routing.js';
import { telnyxIds } from './ids.js';
import {
  inboundView,
  outboundView,
  recordIds,
  type InboundView,
  type MomentOf,
  type OutboundView,
} from './views.js';

/**
 * Telnyx's messaging webhooks: `message.sent` when a text leaves, `message.finalized` when its fate
 * is known (delivered, or failed with its errors), `message.received` when a contact texts one of
 * the account's Telnyx numbers. They go to the message's own `webhook_url`, else to the webhook URL
 * of its number's messaging profile, in Telnyx's envelope, signed Ed25519 with the account's key.
 */

/** The engine's message events, as Telnyx's webhook event types. */
const EVENT_TYPES: Record<string, string> = {
  'message.sent': 'message.sent',
  'message.delivered': 'message.finalized',
  'message.undelivered': 'message.finalized',
  'message.failed': 'message.finalized',
  'message.received': 'message.received',
};

/** The status a webhook of an engine event tells. */
const MOMENT: Record<string, MessageState['status']> = {
  'message.sent': 'sent',
  'message.delivered': 'delivered',
  'message.undelivered': 'undelivered',
  'message.failed': 'failed',
};

function profileUrl(
  account: AccountState,
  e164: string,
  key: 'webhook_url' | 'webhook_failover_url' = 'webhook_url',
): string | undefined {
  const pool = account.numbers[e164]?.pool;
  const url = pool === undefined ? undefined : account.records[recordIds.profile(pool)]?.data[key];
  return typeof url === 'string' && url !== '' ? url : undefined;
}

/** Which URL an event goes to: only texts of numbers bought through this face (`origin: telnyx`). */
export function telnyxEventRoute(event: SimEvent, world: Readonly<WorldState>): FaceTarget[] {
  const kind = EVENT_TYPES[event.type];
  if (kind === undefined || event.data.answers !== undefined) return [];
  const account = world.accounts[event.account];
  const message = account?.messages.get(String(event.data.message));
  if (!account || !message) return [];
  const own = message.direction === 'inbound' ? message.to : message.from;
  if (account.numbers[own]?.origin !== 'telnyx') return [];
  // A message's own webhook_url wins over its profile's; the profile's failover URL takes the retries.
  const given = message.direction === 'outbound' ? message.callback : undefined;
  const url = given ?? profileUrl(account, own);
  if (url === undefined) return [];
  const failover = given === undefined ? profileUrl(account, own, 'webhook_failover_url') : undefined;
  return [{ face: 'telnyx', url, kind, ...(failover === undefined ? {} : { failover }) }];
}

// The accounts' private keys, parsed once per key.
const keys = new Map<string, KeyObject>();

function privateKey(der: string): KeyObject {
  let key = keys.get(der);
  if (!key) {
    key = createPrivateKey({ key: Buffer.from(der, 'base64'), format: 'der', type: 'pkcs8' });
    if (keys.size > 1000) keys.clear();
    keys.set(der, key);
  }
  return key;
}

/** Where a delivery stands: its attempt and its URL, as Telnyx's envelope says in `meta`. */
export interface WebhookMeta {
  attempt: number;
  delivered_to: string;
}

/** Telnyx's envelope of an outbound message's webhook (`message.sent`, `message.finalized`). */
export interface OutboundWebhook {
  data: {
    event_type: 'message.sent' | 'message.finalized';
    id: string;
    occurred_at: string;
    payload: OutboundView;
    record_type: 'event';
  };
  meta: WebhookMeta;
}

/** Telnyx's envelope of a contact's text to one of the account's numbers (`message.received`). */
export interface InboundWebhook {
  data: {
    event_type: 'message.received';
    id: string;
    occurred_at: string;
    payload: InboundView;
    record_type: 'event';
  };
  meta: WebhookMeta;
}

export function outboundWebhook(
  account: AccountState,
  message: MessageState,
  event: SimEvent,
  history: string,
  meta: WebhookMeta,
): OutboundWebhook {
  const moment: MomentOf = {
    status: MOMENT[event.type] ?? message.status,
    errorCode: typeof event.data.errorCode === 'number' ? event.data.errorCode : undefined,
    rule: typeof event.data.rule === 'string' ? event.data.rule : undefined,
  };
  return {
    data: {
      event_type: event.type === 'message.sent' ? 'message.sent' : 'message.finalized',
      id: telnyxIds.event(event.id, history),
      occurred_at: new Date(event.at).toISOString(),
      payload: outboundView(account, message, moment),
      record_type: 'event',
    },
    meta,
  };
}

export function inboundWebhook(
  account: AccountState,
  message: MessageState,
  event: SimEvent,
  history: string,
  meta: WebhookMeta,
): InboundWebhook {
  return {
    data: {
      event_type: 'message.received',
      id: telnyxIds.event(event.id, history),
      occurred_at: new Date(event.at).toISOString(),
      payload: inboundView(account, message),
      record_type: 'event',
    },
    meta,
  };
}

/** The body of a delivery: the event's moment of the message, in Telnyx's webhook envelope. */
export function telnyxWebhookBody(
  p: PendingDelivery,
  world: Readonly<WorldState>,
  history: string,
): OutboundWebhook | InboundWebhook | { data: { id: string; record_type: 'event' }; meta: WebhookMeta } {
  const { event } = p;
  const meta = { attempt: p.delivery.attempts.length + 1, delivered_to: p.url };
  const account = world.accounts[event.account];
  const message = account?.messages.get(String(event.data.message));
  // Messages are never removed from the world (a reset clears the outbox too): this is a guard.
  if (!account || !message)
    return { data: { id: telnyxIds.event(event.id, history), record_type: 'event' }, meta };
  return message.direction === 'inbound'
    ? inboundWebhook(account, message, event, history, meta)
    : outboundWebhook(account, message, event, history, meta);
}

export const telnyxFormat: FaceFormat = {
  request(p: PendingDelivery, service: SimulatorService, wallMs: number): FaceRequest {
    const body = JSON.stringify(telnyxWebhookBody(p, service.sim.inspect(), service.history));
    const timestamp = String(Math.floor(wallMs / 1000));
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'user-agent': 'telnyx-webhooks (tendlc)',
      'telnyx-timestamp': timestamp,
    };
    const credentials = service.credentialsOf(p.event.account);
    if (credentials)
      headers['telnyx-signature-ed25519'] = sign(
        null,
        Buffer.from(`${timestamp}|${body}`),
        privateKey(credentials.telnyx.privateKey),
      ).toString('base64');
    return { headers, body };
  },
};
