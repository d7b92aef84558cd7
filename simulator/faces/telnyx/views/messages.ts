import type { AccountState, MessageState } from '../../../../engine/world/index.js';
import { deliveryError, type TelnyxError } from '../errors.js';
import { messageId, telnyxIds } from '../ids.js';
import { iso } from './common.js';

export type ToStatusT =
  'queued' | 'sending' | 'sent' | 'delivered' | 'sending_failed' | 'delivery_failed' | 'delivery_unconfirmed';

/** A message's `to[].status` from the engine's status. */
export function toStatusOf(status: MessageState['status']): ToStatusT {
  switch (status) {
    case 'sent':
      return 'sent';
    case 'delivered':
      return 'delivered';
    case 'undelivered':
      return 'delivery_failed';
    case 'failed':
    case 'canceled':
      return 'sending_failed';
    default:
      return 'queued';
  }
}

type LineType = 'Wireless';

/** What Telnyx's message object has in either direction. */
interface MessageViewBase {
  record_type: 'message';
  id: string;
  type: 'SMS';
  from: { phone_number: string; carrier: string; line_type: LineType };
  text: string;
  parts: number;
  encoding: string;
  messaging_profile_id?: string;
  errors: TelnyxError[];
  received_at: string;
  sent_at: string | null;
  completed_at: string | null;
  valid_until: string | null;
  webhook_url: string | null;
  webhook_failover_url: string | null;
  tags: string[];
  cost: null;
}

export interface OutboundView extends MessageViewBase {
  direction: 'outbound';
  to: Array<{ phone_number: string; status: ToStatusT; carrier: string; line_type: LineType }>;
  tcr_campaign_id: string | null;
  tcr_campaign_billable: boolean;
  tcr_campaign_registered: string | null;
}

export interface InboundView extends MessageViewBase {
  direction: 'inbound';
  to: Array<{ phone_number: string; status: 'webhook_delivered'; carrier: string; line_type: LineType }>;
}

/** What an event's moment says of a message, for a webhook of that moment (a `message.sent` says `sent`). */
export interface MomentOf {
  status: MessageState['status'];
  errorCode?: number | undefined;
  rule?: string | undefined;
}

const CARRIER = 'T-Mobile USA';

export function outboundView(account: AccountState, message: MessageState, moment?: MomentOf): OutboundView {
  const status = moment?.status ?? message.status;
  const errorCode = moment ? moment.errorCode : message.errorCode;
  const rule = moment ? moment.rule : message.rule;
  const failed = status === 'failed' || status === 'undelivered' || status === 'canceled';
  const number = account.numbers[message.from];
  const campaign = number?.campaign === undefined ? undefined : account.campaigns[number.campaign];
  const done = status === 'delivered' || failed;
  const encoding = /^[\x20-\x7e\n\r]*$/u.test(message.body) ? 'GSM-7' : 'UCS-2';
  return {
    record_type: 'message',
    id: messageId(message.id, account),
    direction: 'outbound',
    type: 'SMS',
    from: { phone_number: message.from, carrier: 'Telnyx', line_type: 'Wireless' },
    to: [{ phone_number: message.to, status: toStatusOf(status), carrier: CARRIER, line_type: 'Wireless' }],
    text: message.body,
    parts: message.segments,
    encoding,
    ...(number?.pool === undefined ? {} : { messaging_profile_id: telnyxIds.profile(number.pool) }),
    errors: failed ? [deliveryError(errorCode, rule)] : [],
    received_at: iso(message.createdAt),
    sent_at: message.sentAt === undefined || status === 'queued' ? null : iso(message.sentAt),
    completed_at: done && message.doneAt !== undefined ? iso(message.doneAt) : null,
    valid_until: null,
    webhook_url: message.callback ?? null,
    webhook_failover_url: null,
    tags: [],
    cost: null,
    tcr_campaign_id: campaign ? telnyxIds.tcrCampaign(campaign.id) : null,
    tcr_campaign_billable: campaign !== undefined,
    tcr_campaign_registered: campaign
      ? campaign.status === 'approved'
        ? 'REGISTERED'
        : 'UNREGISTERED'
      : null,
  };
}

export function inboundView(account: AccountState, message: MessageState): InboundView {
  const number = account.numbers[message.to];
  return {
    record_type: 'message',
    id: messageId(message.id, account),
    direction: 'inbound',
    type: 'SMS',
    from: { phone_number: message.from, carrier: CARRIER, line_type: 'Wireless' },
    to: [{ phone_number: message.to, status: 'webhook_delivered', carrier: 'Telnyx', line_type: 'Wireless' }],
    text: message.body,
    parts: message.segments,
    encoding: /^[\x20-\x7e\n\r]*$/u.test(message.body) ? 'GSM-7' : 'UCS-2',
    ...(number?.pool === undefined ? {} : { messaging_profile_id: telnyxIds.profile(number.pool) }),
    errors: [],
    received_at: iso(message.createdAt),
    sent_at: null,
    completed_at: null,
    valid_until: null,
    webhook_url: null,
    webhook_failover_url: null,
    tags: [],
    cost: null,
  };
}

/** A canceled scheduled message, as Telnyx's cancel answers it: the message, its recipient `cancelled`. */
export function canceledView(
  account: AccountState,
  message: MessageState,
): Omit<OutboundView, 'to'> & {
  to: Array<{ phone_number: string; status: 'cancelled'; carrier: string; line_type: LineType }>;
} {
  const view = outboundView(account, message);
  return {
    ...view,
    errors: [],
    to: view.to.map((t) => ({ ...t, status: 'cancelled' as const })),
  };
}

export function messageView(account: AccountState, message: MessageState): OutboundView | InboundView {
  return message.direction === 'inbound' ? inboundView(account, message) : outboundView(account, message);
}
