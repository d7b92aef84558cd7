import type { ProviderFace, WorldState } from '../../engine/world/index.js';
import type { PendingDelivery } from '../outbox.js';
import type { SimulatorService } from '../service.js';
import type { SimEvent } from '../simulation.js';

/**
 * How a provider face's webhooks reach the outbox. A face says, for each event, which of its URLs
 * it goes to (a message's status callback, a number's `SmsUrl`, a messaging profile's webhook
 * URL): read from the world as it is when the event is recorded, so that a replay owes the same
 * deliveries. The outbox keeps them, retries them and logs them as it does the native
 * subscriptions' (under `<face>:<account>`); the dispatcher asks the face for the request at each
 * attempt, since a signature carries the wall clock.
 */
export interface FaceTarget {
  face: ProviderFace;
  url: string;
  /** What the face sends there (`status`, `inbound`, `message.finalized`…): the face's own word. */
  kind: string;
  /** Where the retries of a failed attempt go instead (a Telnyx profile's `webhook_failover_url`). */
  failover?: string;
}

/** A face's routing of events to its URLs. */
export type EventRoute = (event: SimEvent, world: Readonly<WorldState>) => FaceTarget[];

/** The request of one attempt. */
export interface FaceRequest {
  headers: Record<string, string>;
  body: string;
}

/** The receiver's answer to an attempt. */
export interface FaceAnswer {
  status: number;
  contentType: string | null;
  body: string;
}

/** A face's webhook format: the request of an attempt, and what the receiver's answer does. */
export interface FaceFormat {
  /** The request for an attempt, signed at `wallMs`. */
  request(p: PendingDelivery, service: SimulatorService, wallMs: number): FaceRequest;
  /**
   * Acts on a 2xx answer (Twilio's TwiML `<Message>` reply sends a text): through the service's
   * commands, so it is journaled as any change.
   */
  answered?(p: PendingDelivery, answer: FaceAnswer, service: SimulatorService): void;
}

/** The outbox's log of a face's deliveries for an account. */
export function faceLog(face: ProviderFace, account: string): string {
  return `${face}:${account}`;
}
