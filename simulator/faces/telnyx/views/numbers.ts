import type { AccountState, FaceRecord, NumberState } from '../../../../engine/world/index.js';
import { telnyxIds } from '../ids.js';
import { iso, recordIds, str, type Records } from './common.js';

export type NumberStatusT = 'purchase-pending' | 'purchase-failed' | 'active' | 'deleted';

export function numberStatusOf(number: NumberState): NumberStatusT {
  switch (number.status) {
    case 'active':
      return 'active';
    case 'failed':
      return 'purchase-failed';
    case 'released':
      return 'deleted';
    default:
      return 'purchase-pending';
  }
}

export interface NumberView {
  id: string;
  record_type: 'phone_number';
  phone_number: string;
  status: NumberStatusT;
  tags: string[];
  country_iso_alpha2: 'US';
  created_at: string;
  purchased_at: string;
  updated_at: string;
  deletion_lock_enabled: boolean;
  external_pin: string | null;
  phone_number_type: 'local';
  messaging_profile_id: string | null;
  messaging_profile_name: string | null;
  messaging_campaign_id: string | null;
  customer_reference: string | null;
  connection_id: string | null;
  billing_group_id: string | null;
  source_type: 'number_order';
  emergency_enabled: boolean;
  call_forwarding_enabled: boolean;
  cnam_listing_enabled: boolean;
  caller_id_name_enabled: boolean;
  call_recording_enabled: boolean;
  t38_fax_gateway_enabled: boolean;
}

export function numberView(number: NumberState, records: Records): NumberView {
  const record = records[recordIds.number(number.e164)];
  const tags = record?.data.tags;
  const profile = number.pool === undefined ? undefined : records[recordIds.profile(number.pool)];
  return {
    id: telnyxIds.phoneNumber(number.e164),
    record_type: 'phone_number',
    phone_number: number.e164,
    status: numberStatusOf(number),
    tags: Array.isArray(tags) ? tags.filter((t): t is string => typeof t === 'string') : [],
    country_iso_alpha2: 'US',
    created_at: iso(number.orderedAt),
    purchased_at: iso(number.orderedAt),
    updated_at: iso(record?.updatedAt ?? number.orderedAt),
    deletion_lock_enabled: false,
    external_pin: null,
    phone_number_type: 'local',
    messaging_profile_id: number.pool === undefined ? null : telnyxIds.profile(number.pool),
    messaging_profile_name: str(profile?.data, 'name') ?? null,
    messaging_campaign_id: number.campaign === undefined ? null : telnyxIds.campaign(number.campaign),
    customer_reference: str(record?.data, 'customer_reference') ?? null,
    connection_id: null,
    billing_group_id: null,
    source_type: 'number_order',
    emergency_enabled: false,
    call_forwarding_enabled: false,
    cnam_listing_enabled: false,
    caller_id_name_enabled: false,
    call_recording_enabled: false,
    t38_fax_gateway_enabled: false,
  };
}

/** A released number as Telnyx's delete answers it: the number's fields, without the empty ones. */
export type DeletedNumberView = {
  [K in keyof NumberView]?: Exclude<NumberView[K], null>;
};

export function deletedNumberView(number: NumberState, records: Records): DeletedNumberView {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(numberView(number, records)))
    if (value !== null) out[key] = value;
  return out as DeletedNumberView;
}

export interface MessagingSettingsView {
  id: string;
  record_type: 'messaging_settings';
  phone_number: string;
  messaging_profile_id: string | null;
  country_code: 'US';
  type: 'longcode';
  messaging_product: 'A2P';
  traffic_type: 'A2P';
  eligible_messaging_products: string[];
  tags: string[];
  created_at: string;
  updated_at: string;
}

export function messagingSettingsView(number: NumberState, records: Records): MessagingSettingsView {
  const v = numberView(number, records);
  return {
    id: v.id,
    record_type: 'messaging_settings',
    phone_number: v.phone_number,
    messaging_profile_id: v.messaging_profile_id,
    country_code: 'US',
    type: 'longcode',
    messaging_product: 'A2P',
    traffic_type: 'A2P',
    eligible_messaging_products: ['A2P'],
    tags: v.tags,
    created_at: v.created_at,
    updated_at: v.updated_at,
  };
}

// ── number orders ───────────────────────────────────────────────────────────────────────────

export type OrderStatusT = 'pending' | 'success' | 'failure';

export interface OrderView {
  id: string;
  record_type: 'number_order';
  status: OrderStatusT;
  phone_numbers: Array<{
    id: string;
    record_type: 'number_order_phone_number';
    phone_number: string;
    status: OrderStatusT;
    country_code: 'US';
    phone_number_type: 'local';
    requirements_met: boolean;
  }>;
  phone_numbers_count: number;
  messaging_profile_id?: string;
  customer_reference?: string;
  requirements_met: boolean;
  sub_number_orders_ids: string[];
  created_at: string;
  updated_at: string;
}

function orderStatusOf(number: NumberState | undefined): OrderStatusT {
  if (!number || number.status === 'failed') return 'failure';
  return number.status === 'active' || number.status === 'released' ? 'success' : 'pending';
}

/** A number order: `pending` while any of its numbers is in the provisioning queue, then `success` or `failure`. */
export function orderView(account: AccountState, record: FaceRecord): OrderView {
  const numbers = Array.isArray(record.data.numbers)
    ? record.data.numbers.filter((n): n is string => typeof n === 'string')
    : [];
  const items = numbers.map((e164) => ({
    id: telnyxIds.phoneNumber(e164),
    record_type: 'number_order_phone_number' as const,
    phone_number: e164,
    status: orderStatusOf(account.numbers[e164]),
    country_code: 'US' as const,
    phone_number_type: 'local' as const,
    requirements_met: true,
  }));
  const status: OrderStatusT = items.some((i) => i.status === 'pending')
    ? 'pending'
    : items.some((i) => i.status === 'failure')
      ? 'failure'
      : 'success';
  const done = Math.max(
    record.updatedAt,
    ...numbers.map((n) => account.numbers[n]?.orderedAt ?? record.updatedAt),
  );
  return {
    id: telnyxIds.order(record.id),
    record_type: 'number_order',
    status,
    phone_numbers: items,
    phone_numbers_count: items.length,
    ...(str(record.data, 'messaging_profile_id') === undefined
      ? {}
      : { messaging_profile_id: str(record.data, 'messaging_profile_id') }),
    ...(str(record.data, 'customer_reference') === undefined
      ? {}
      : { customer_reference: str(record.data, 'customer_reference') }),
    requirements_met: true,
    sub_number_orders_ids: [],
    created_at: iso(record.createdAt),
    updated_at: iso(done),
  };
}
