import type { EventRoute, FaceFormat } from '../routing.js';

/**
 * Twilio's webhooks: which events go to which of the account's URLs (a message's
 * `StatusCallback`, a number's `SmsUrl`, a Messaging Service's inbound URL), and their form-encoded,
 * `X-Twilio-Signature`-signed requests. None yet: the messages part of the face brings them.
 */
export const twilioEventRoute: EventRoute = () => [];

export const twilioFormat: FaceFormat = {
  request: () => ({ headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: '' }),
};
