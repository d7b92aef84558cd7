import type { ProviderFace } from '../../engine/world/index.js';
import type { TargetOutcome } from './target.js';

/** The provider faces a step may act through (`via:`). */
export const FACES: readonly ProviderFace[] = ['twilio', 'telnyx'];

/**
 * A request to a provider face, as the provider's API takes it: `path` under the face's prefix
 * (`/telnyx` for Telnyx's `/v2/…`, `/twilio` for Twilio's hosts: `/api/2010-04-01/…`,
 * `/messaging/v1/…`, `/trusthub/v1/…`), a JSON body (Telnyx) or a form (Twilio).
 */
export interface FaceRequest {
  face: ProviderFace;
  method: string;
  path: string;
  json?: unknown;
  form?: Record<string, string>;
}

/** A face's answer, as its provider's API gives it: the HTTP status and the JSON body. */
export interface FaceAnswer {
  status: number;
  body: unknown;
}

/** Who a face request acts as: the account's provider credentials, or a user's tendlc key. */
export interface FaceCredentials {
  accountSid: string;
  /** Twilio's auth token, Telnyx's API key, or an owner's or admin's tendlc key. */
  twilioSecret: string;
  telnyxSecret: string;
}

/**
 * A path as a scenario writes it, made whole: Telnyx's `/10dlc/brand` is `/v2/10dlc/brand`;
 * Twilio's `/2010-04-01/…` is on its `api` host; `{AccountSid}` is the account's SID.
 */
export function facePath(face: ProviderFace, path: string, accountSid: string): string {
  const withSid = path.replaceAll('{AccountSid}', accountSid);
  const rooted = withSid.startsWith('/') ? withSid : `/${withSid}`;
  if (face === 'telnyx') return rooted.startsWith('/v2/') ? rooted : `/v2${rooted}`;
  return rooted.startsWith('/2010-04-01/') ? `/api${rooted}` : rooted;
}

/** Makes a face request over HTTP to a server at `url` (the simulator's root), as the provider's SDK would. */
export async function faceFetch(
  url: string,
  request: FaceRequest,
  credentials: FaceCredentials,
): Promise<FaceAnswer> {
  const path = facePath(request.face, request.path, credentials.accountSid);
  const authorization =
    request.face === 'twilio'
      ? `Basic ${Buffer.from(`${credentials.accountSid}:${credentials.twilioSecret}`).toString('base64')}`
      : `Bearer ${credentials.telnyxSecret}`;
  const body =
    request.form !== undefined
      ? new URLSearchParams(request.form).toString()
      : request.json !== undefined
        ? JSON.stringify(request.json)
        : undefined;
  const res = await fetch(`${url}/${request.face}${path}`, {
    method: request.method.toUpperCase(),
    headers: {
      authorization,
      accept: 'application/json',
      ...(body === undefined
        ? {}
        : {
            'content-type':
              request.form !== undefined ? 'application/x-www-form-urlencoded' : 'application/json',
          }),
    },
    ...(body === undefined ? {} : { body }),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text === '' ? null : JSON.parse(text);
  } catch {
    // Not JSON: the text as it came.
  }
  return { status: res.status, body: parsed };
}

/**
 * A face's answer in the runner's terms: a success with the resource (Telnyx's `data`, Twilio's
 * body), or a refusal read from the provider's envelope: its status, the provider's code (also as
 * a number, what `expect_error: { code: 21610 }` compares), its message and the engine rule that
 * refused (Twilio's `tendlc_rule`, Telnyx's `errors[0].meta.rule`).
 */
export function faceOutcome(face: ProviderFace, answer: FaceAnswer): TargetOutcome {
  const body = answer.body as Record<string, unknown> | null;
  if (answer.status >= 200 && answer.status < 300) {
    const data = face === 'telnyx' && body && typeof body === 'object' ? body.data : undefined;
    return { ok: true, result: data ?? body ?? undefined };
  }
  let code: string | number | undefined;
  let message = `HTTP ${String(answer.status)}`;
  let rule: string | undefined;
  if (face === 'twilio' && body && typeof body === 'object') {
    code = body.code as number | undefined;
    if (typeof body.message === 'string') message = body.message;
    rule = typeof body.tendlc_rule === 'string' ? body.tendlc_rule : undefined;
  } else if (face === 'telnyx' && body && typeof body === 'object' && Array.isArray(body.errors)) {
    const first = (body.errors[0] ?? {}) as {
      code?: string;
      title?: string;
      detail?: string;
      meta?: { rule?: unknown };
    };
    code = first.code;
    message = first.detail ?? first.title ?? message;
    rule = typeof first.meta?.rule === 'string' ? first.meta.rule : undefined;
  }
  const numeric = code === undefined ? NaN : Number(code);
  return {
    ok: false,
    error: {
      status: answer.status,
      code: code === undefined ? 'error' : String(code),
      message,
      ...(rule === undefined ? {} : { rule }),
      ...(Number.isInteger(numeric) ? { errorCode: numeric } : {}),
    },
  };
}
