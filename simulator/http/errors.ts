import type { Refusal, RefusalKind } from '../../engine/refusal.js';
import { STORAGE_RETRY_AFTER_S, type StorageUnavailable } from '../storage-error.js';
import { redactSecrets, redactSecretsIn } from './secrets.js';

/** The API's error body: `{error: {status, code, rule?, message, details?}}`. */
export interface ErrorBody {
  error: {
    status: number;
    code: string;
    rule?: string;
    errorCode?: number;
    message: string;
    details?: Readonly<Record<string, unknown>>;
  };
}

const STATUS: Record<RefusalKind, number> = {
  invalid: 400,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  unprocessable: 422,
};

const CODE: Record<number, string> = {
  400: 'invalid_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  426: 'upgrade_required',
  422: 'rule_violation',
  429: 'rate_limited',
  500: 'internal',
  503: 'unavailable',
};

/** The HTTP answer to an engine refusal: its status from the kind, its rule id as is. */
export function refusalError(refusal: Refusal): { status: number; body: ErrorBody } {
  const answer = httpError(STATUS[refusal.kind], refusal.message, pointed(refusal.details));
  // A 404 is the same whether the resource is missing or out of the key's scope: no rule in it.
  if (refusal.rule !== undefined && refusal.kind !== 'not-found') answer.body.error.rule = refusal.rule;
  if (refusal.errorCode !== undefined) answer.body.error.errorCode = refusal.errorCode;
  return answer;
}

/** The engine names a request's field by its key (`areaCode`); the API by its JSON Pointer (`/areaCode`). */
function pointed(details: Refusal['details']): Refusal['details'] {
  const field = details?.field;
  if (typeof field !== 'string' || field.startsWith('/') || field === '') return details;
  return { ...details, field: `/${field}` };
}

/**
 * An error the HTTP layer itself decides (auth, malformed request, unknown route). A key or a
 * token a client put in the request never comes back in the message or the details.
 */
export function httpError(
  status: number,
  message: string,
  details?: Readonly<Record<string, unknown>>,
): { status: number; body: ErrorBody } {
  return {
    status,
    body: {
      error: {
        status,
        code: CODE[status] ?? 'error',
        message: redactSecrets(message),
        ...(details === undefined ? {} : { details: redactSecretsIn(details) }),
      },
    },
  };
}

/**
 * The answer when the disk refused the journal's write: 503 `storage_unavailable`, to be retried
 * after `retryAfter` seconds. Nothing was changed, so a retry is safe.
 */
export function storageError(error: StorageUnavailable): {
  status: number;
  body: ErrorBody;
  retryAfter: number;
} {
  return {
    status: 503,
    retryAfter: STORAGE_RETRY_AFTER_S,
    body: {
      error: {
        status: 503,
        code: 'storage_unavailable',
        message: `${error.message}; retry after ${String(STORAGE_RETRY_AFTER_S)} s (reads still work)`,
        ...(error.reason === undefined ? {} : { details: { reason: error.reason } }),
      },
    },
  };
}
