import type { Refusal } from '../../../engine/refusal.js';

/**
 * Twilio's error envelope, `{code, message, more_info, status}`, and the engine rule's id in
 * `tendlc_rule` when a rule refused, and again in `details.tendlc_rule`: twilio-node's
 * `RestException` keeps `code`, `message`, `moreInfo`, `status` and `details`, so an
 * integrator's catch sees both Twilio's code and the rule that decided.
 */
export interface TwilioErrorBody {
  code: number;
  message: string;
  more_info: string;
  status: number;
  detail?: string;
  tendlc_rule?: string;
  /** What twilio-node's `RestException` passes through as `details`: the rule id again. */
  details?: { tendlc_rule: string };
}

/** An answer of the face that is not a success: thrown by a handler, sent by the router. */
export class TwilioError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
    readonly rule?: string,
    readonly detail?: string,
  ) {
    super(message);
  }

  body(): TwilioErrorBody {
    return {
      code: this.code,
      message: this.message,
      more_info: `https://www.twilio.com/docs/errors/${String(this.code)}`,
      status: this.status,
      ...(this.detail === undefined ? {} : { detail: this.detail }),
      ...(this.rule === undefined ? {} : { tendlc_rule: this.rule, details: { tendlc_rule: this.rule } }),
    };
  }
}

/** Twilio's 404 for a resource that does not exist (or belongs to another account). */
export function notFound(path: string): TwilioError {
  return new TwilioError(404, 20404, `The requested resource ${path} was not found`);
}

/** A parameter Twilio would refuse: 400, 21200 when it is missing, 20001 when it is not valid. */
export function badParam(name: string, why: string, code = 20001): TwilioError {
  return new TwilioError(400, code, `Invalid parameter ${name}: ${why}`);
}

export function missingParam(name: string): TwilioError {
  return new TwilioError(400, 21200, `Required parameter "${name}" is missing.`);
}

/** The caller's credentials were refused (twilio-node raises a `RestException` with code 20003). */
export function authError(status: 401 | 403, message: string): TwilioError {
  return status === 401
    ? new TwilioError(401, 20003, 'Authenticate', undefined, message)
    : new TwilioError(403, 20403, 'Permission Denied', undefined, message);
}

/**
 * Twilio's code for a refusal by an engine rule that has no 10DLC error code of its own: the
 * codes Twilio gives for the same situation. The carrier codes of the rule catalog (21610, 30007,
 * 30034, 30991, 30930, 30963, 21720…) are Twilio's own and pass as they are.
 */
const RULE_CODES: Record<string, number> = {
  'area-code-unavailable': 21452,
  'scarce-area-code': 21452,
  'number-not-active': 21606,
  'port-protection': 21422,
  'use-case-number-limit': 21714,
  'opt-out-honored': 21610,
};

const KIND_STATUS: Record<Refusal['kind'], number> = {
  invalid: 400,
  unprocessable: 400,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
};

/** An engine refusal in Twilio's envelope: the engine's message, Twilio's code, the rule's id. */
export function refusalError(refusal: Refusal, path: string): TwilioError {
  if (refusal.kind === 'not-found') {
    const err = notFound(path);
    return new TwilioError(404, 20404, `${err.message}: ${refusal.message}`);
  }
  const field = typeof refusal.details?.field === 'string' ? refusal.details.field : undefined;
  const code =
    refusal.errorCode ??
    (refusal.rule === undefined ? undefined : RULE_CODES[refusal.rule]) ??
    (refusal.kind === 'forbidden' ? 20403 : refusal.kind === 'conflict' ? 20409 : 20001);
  const message = field === undefined ? refusal.message : `${refusal.message} (parameter ${field})`;
  return new TwilioError(KIND_STATUS[refusal.kind], code, message, refusal.rule);
}
