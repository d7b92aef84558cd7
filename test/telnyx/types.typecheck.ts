// The face's responses against the `telnyx` SDK's response types, under `tsc --noEmit` (this file is
// in tsconfig's `include`, not a vitest file): each view or body the Telnyx face sends `satisfies`
// the type the SDK gives its caller. A field of the wrong type or a status outside the SDK's union
// fails the type check.
import type { AvailablePhoneNumberListResponse } from 'telnyx/resources/available-phone-numbers';
import type {
  MessageCancelScheduledResponse,
  MessageRetrieveResponse,
  MessageSendResponse,
} from 'telnyx/resources/messages/messages';
import type {
  MessagingProfileCreateResponse,
  MessagingProfileRetrieveResponse,
} from 'telnyx/resources/messaging-profiles/messaging-profiles';
import type {
  BrandListResponse,
  BrandRetrieveResponse,
  TelnyxBrand,
} from 'telnyx/resources/messaging-10dlc/brand/brand';
import type { ExternalVetting } from 'telnyx/resources/messaging-10dlc/brand/external-vetting';
import type {
  CampaignDeactivateResponse,
  CampaignListResponse,
  TelnyxCampaignCsp,
} from 'telnyx/resources/messaging-10dlc/campaign/campaign';
import type { PhoneNumberCampaign } from 'telnyx/resources/messaging-10dlc/phone-number-campaigns';
import type { NumberOrderRetrieveResponse } from 'telnyx/resources/number-orders';
import type {
  PhoneNumberDeleteResponse,
  PhoneNumberRetrieveResponse,
} from 'telnyx/resources/phone-numbers/phone-numbers';
import type { MessagingRetrieveResponse } from 'telnyx/resources/phone-numbers/messaging';
import type { DeliveryUpdateWebhookEvent, InboundMessageWebhookEvent } from 'telnyx/resources/webhooks';
import type { TelnyxError } from '../../simulator/faces/telnyx/errors.js';
import type { MessagingError0b38e7044b } from 'telnyx/resources/messages/messages';
import type {
  AccountState,
  BrandState,
  CampaignState,
  FaceRecord,
  MessageState,
  NumberState,
} from '../../engine/world/index.js';
import type { SimEvent } from '../../simulator/simulation.js';
import {
  assignmentView,
  brandListItem,
  brandView,
  campaignView,
  canceledView,
  deletedNumberView,
  inboundView,
  messagingSettingsView,
  numberView,
  orderView,
  outboundView,
  profileView,
  type AssignmentView,
  type Records,
} from '../../simulator/faces/telnyx/views.js';
import { inboundWebhook, outboundWebhook } from '../../simulator/faces/telnyx/webhooks.js';

declare const account: AccountState;
declare const brand: BrandState;
declare const campaign: CampaignState;
declare const number: NumberState;
declare const message: MessageState;
declare const record: FaceRecord;
declare const records: Records;
declare const event: SimEvent;
declare const assignment: AssignmentView;

export const checks = [
  brandView(account, brand, records) satisfies TelnyxBrand,
  brandView(account, brand, records) satisfies BrandRetrieveResponse,
  brandListItem(account, brand, records) satisfies BrandListResponse,
  campaignView(account, campaign, records, 0, 0) satisfies TelnyxCampaignCsp,
  campaignView(account, campaign, records, 0, 0) satisfies CampaignListResponse,
  { time: 0, message: '', record_type: 'campaign' } satisfies CampaignDeactivateResponse,
  assignment satisfies PhoneNumberCampaign,
  assignmentView(account, number, records) satisfies PhoneNumberCampaign | undefined,
  { data: profileView('pool', record, 0) } satisfies MessagingProfileCreateResponse,
  { data: profileView('pool', record, 0) } satisfies MessagingProfileRetrieveResponse,
  { data: orderView(account, record) } satisfies NumberOrderRetrieveResponse,
  { data: numberView(number, records) } satisfies PhoneNumberRetrieveResponse,
  { data: deletedNumberView(number, records) } satisfies PhoneNumberDeleteResponse,
  { data: messagingSettingsView(number, records) } satisfies MessagingRetrieveResponse,
  { data: outboundView(account, message) } satisfies MessageSendResponse,
  { data: outboundView(account, message) } satisfies MessageRetrieveResponse,
  { data: inboundView(account, message) } satisfies MessageRetrieveResponse,
  canceledView(account, message) satisfies MessageCancelScheduledResponse,
  outboundWebhook(account, message, event, 'h', {
    attempt: 1,
    delivered_to: '',
  }) satisfies DeliveryUpdateWebhookEvent,
  inboundWebhook(account, message, event, 'h', {
    attempt: 1,
    delivered_to: '',
  }) satisfies InboundMessageWebhookEvent,
  {} as TelnyxError satisfies MessagingError0b38e7044b,
];

/** The available-numbers answer, as the route builds it. */
export const available = {
  data: [
    {
      record_type: 'available_phone_number' as const,
      phone_number: '+14255550100',
      vanity_format: '',
      best_effort: false,
      quickship: true,
      reservable: true,
      region_information: [{ region_type: 'country_code' as const, region_name: 'US' }],
      cost_information: { upfront_cost: '1.00', monthly_cost: '1.00', currency: 'USD' },
      features: [{ name: 'sms' }],
    },
  ],
  meta: { total_results: 1, best_effort_results: 0 },
} satisfies AvailablePhoneNumberListResponse;

export const vetting = {} as {
  evpId: string;
  vettingClass: string;
  vettingId: string;
  createDate: string;
  vettedDate?: string;
  vettingScore?: number;
} satisfies ExternalVetting;
