import type { Response } from 'express';
import type { Refusal } from '../../../engine/refusal.js';
import { redactSecrets } from '../../http/secrets.js';

/** One error of Telnyx's envelope `{errors: [...]}`. */
export interface TelnyxError {
  code: string;
  title: string;
  detail: string;
  source?: { pointer?: string; parameter?: string };
  meta?: { rule?: string; error_code?: number; [key: string]: unknown };
}

/** What a route answers with when it refuses: an HTTP status and one Telnyx error. */
export interface TelnyxRefusal {
  status: number;
  error: TelnyxError;
}

/** Telnyx's request-error codes (its "API Error Messages" list), by what went wrong. */
export const REQUEST_CODES = {
  inactiveNumber: { code: '10001', title: 'Inactive phone number' },
  invalidNumber: { code: '10002', title: 'Invalid phone number' },
  missingParameter: { code: '10004', title: 'Missing required parameter' },
  notFound: { code: '10005', title: 'Resource not found' },
  authentication: { code: '10009', title: 'Authentication failed' },
  authorization: { code: '10010', title: 'Authorization failed' },
  duplicate: { code: '10012', title: 'Duplicate resource' },
  badRequest: { code: '10015', title: 'Bad Request' },
  invalidJson: { code: '10023', title: 'Invalid JSON' },
  stopBlocked: { code: '40300', title: 'Blocked due to STOP message' },
  unprocessable: { code: '10015', title: 'Unprocessable entity' },
  methodNotAllowed: { code: '10015', title: 'Method not allowed' },
  tooLarge: { code: '10015', title: 'Request entity too large' },
  internal: { code: '10007', title: 'Unexpected error' },
} as const;

/**
 * The Telnyx delivery-error code for a carrier code of the rule catalog (the codes a native
 * message carries in `errorCode`), as Telnyx reports it in a message's `errors[]`.
 */
const DELIVERY_CODES: Record<number, { code: string; title: string }> = {
  21610: { code: '40300', title: 'Blocked due to STOP message' },
  30003: { code: '40006', title: 'Recipient server unavailable' },
  30006: { code: '40001', title: 'Not routable' },
  30007: { code: '40002', title: 'Blocked as spam - temporary' },
  30022: { code: '40014', title: 'Expired in queue' },
  30024: { code: '40010', title: 'Not 10DLC registered' },
  30027: { code: '40011', title: 'Too many requests' },
  30034: { code: '40010', title: 'Not 10DLC registered' },
};

/** The general-purpose delivery failure, for a failure with no carrier code (an empty balance). */
const UNDELIVERABLE = { code: '40008', title: 'Undeliverable' };

/** A message's failure as an entry of its `errors[]`: Telnyx's code, the catalog's code and rule in `meta`. */
export function deliveryError(errorCode: number | undefined, rule: string | undefined): TelnyxError {
  const known = (errorCode === undefined ? undefined : DELIVERY_CODES[errorCode]) ?? UNDELIVERABLE;
  return {
    ...known,
    detail:
      rule === undefined
        ? `the carrier reported ${errorCode === undefined ? 'a failure' : String(errorCode)}`
        : `refused by rule ${rule}${errorCode === undefined ? '' : ` (${String(errorCode)})`}`,
    meta: {
      ...(rule === undefined ? {} : { rule }),
      ...(errorCode === undefined ? {} : { error_code: errorCode }),
    },
  };
}

const STATUS: Record<Refusal['kind'], number> = {
  invalid: 400,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  unprocessable: 422,
};

/** The rules whose refusals Telnyx names with a code of their own. */
const RULE_CODES: Record<string, { code: string; title: string }> = {
  'recipient-us-10-digit': REQUEST_CODES.invalidNumber,
  'number-not-active': REQUEST_CODES.inactiveNumber,
  'brand-required-fields': REQUEST_CODES.missingParameter,
  'opt-out-honored': REQUEST_CODES.stopBlocked,
  'number-admin-role': REQUEST_CODES.authorization,
};

/**
 * An engine refusal in Telnyx's envelope: the status from its kind, Telnyx's code for its rule (or
 * for its kind), the rule id and the catalog's code in `meta`. `fields` maps the engine's field
 * names to the request's (`from` → `/from`, `sampleMessages` → `/sample1`).
 */
export function fromRefusal(refusal: Refusal, fields: Record<string, string> = {}): TelnyxRefusal {
  const status = STATUS[refusal.kind];
  const byKind =
    refusal.kind === 'not-found'
      ? REQUEST_CODES.notFound
      : refusal.kind === 'forbidden'
        ? REQUEST_CODES.authorization
        : refusal.kind === 'conflict'
          ? REQUEST_CODES.duplicate
          : refusal.kind === 'invalid'
            ? REQUEST_CODES.badRequest
            : REQUEST_CODES.unprocessable;
  // A 404 is the same whether the resource is missing or out of the key's scope: no rule in it.
  const rule = refusal.kind === 'not-found' ? undefined : refusal.rule;
  const known = (rule === undefined ? undefined : RULE_CODES[rule]) ?? byKind;
  const details = refusal.details;
  const field =
    details?.field ?? (Array.isArray(details?.fields) ? (details.fields as unknown[])[0] : undefined);
  const pointer =
    typeof field === 'string' && field !== ''
      ? (fields[field] ?? `/${field.replace(/^\//u, '')}`)
      : undefined;
  return {
    status,
    error: {
      ...known,
      detail: redactSecrets(refusal.message),
      ...(pointer === undefined ? {} : { source: { pointer } }),
      ...(rule === undefined && refusal.errorCode === undefined
        ? {}
        : {
            meta: {
              ...(rule === undefined ? {} : { rule }),
              ...(refusal.errorCode === undefined ? {} : { error_code: refusal.errorCode }),
            },
          }),
    },
  };
}

/** An error the face decides itself (a missing field, an unknown id, a bad key). */
export function faceError(
  status: number,
  kind: keyof typeof REQUEST_CODES,
  detail: string,
  pointer?: string,
): TelnyxRefusal {
  return {
    status,
    error: {
      ...REQUEST_CODES[kind],
      detail: redactSecrets(detail),
      ...(pointer === undefined ? {} : { source: { pointer } }),
    },
  };
}

/**
 * Sends a refusal as Telnyx does, `{errors: [...]}`. `x-should-retry: false` tells the SDK (which
 * retries 409s and 5xx by default) that the simulator's answer is final: a refusal by a rule does
 * not change on a retry.
 */
export function sendTelnyxError(res: Response, refusal: TelnyxRefusal): void {
  res
    .status(refusal.status)
    .set('x-should-retry', 'false')
    .json({ errors: [refusal.error] });
}
