/** A webhook subscription of an account (`POST /v1/webhooks`). */
export interface WebhookSubscription {
  id: string;
  account: string;
  url: string;
  /** Event type patterns: `message.*`, `number.provisioned`, `*`. */
  events: string[];
  /** The HMAC-SHA256 key of `X-Tendlc-Signature`. */
  secret: string;
  createdAt: string;
}

/** Whether an event type matches one of the patterns (`message.*` matches `message.sent`). */
export function matchesType(type: string, patterns: readonly string[]): boolean {
  return patterns.some(
    (p) => p === '*' || p === type || (p.endsWith('.*') && type.startsWith(p.slice(0, -1))),
  );
}
