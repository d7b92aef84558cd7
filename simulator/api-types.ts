/**
 * The API's resources, events and request bodies as the API answers and takes them (times are ISO
 * 8601 strings). The declarations are generated from schemas/openapi.json at build time
 * (scripts/api-types.mjs), so they are the document's schemas and cannot drift from them.
 */
import type { Delivery } from '../engine/schemas/compiled/api-types.js';

export type {
  AccountCreated,
  AccountInfo,
  AvailableNumber,
  Brand,
  Campaign,
  Clock,
  Conversation,
  CreateBrand,
  CreateOutreach,
  CreateWebhook,
  Delivery,
  Error as ApiError,
  Event as ApiEvent,
  Fault,
  FaultType,
  HandsetEntry,
  InjectFault,
  LaunchOutreach,
  Message,
  MessageStatus,
  OrderNumber,
  OutboxMessage,
  Outreach,
  PhoneNumber,
  Snapshot,
  SendMessage,
  SubmitCampaign,
  UpdateNumber,
  UserKey,
  Webhook,
  WebhookWithSecret,
} from '../engine/schemas/compiled/api-types.js';

/** One attempt of a webhook delivery: wall time `at`, virtual `dueAt`, the receiver's status. */
export type DeliveryAttempt = Delivery['attempts'][number];

/** A list as the API answers it: a page of items and the cursor of the next (`?cursor=`). */
export interface Page<T> {
  data: T[];
  next: string | null;
}
