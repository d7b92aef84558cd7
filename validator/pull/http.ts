/** The providers `tendlc pull` reads. */
export type Provider = 'twilio' | 'telnyx';

/** Why a pull stopped: stable codes a caller can branch on. */
export type PullErrorCode =
  'network' | 'unauthorized' | 'not-found' | 'rate-limited' | 'http' | 'bad-response';

/**
 * A pull that could not read the provider: the URL (never a credential), the HTTP status and the
 * provider's own error code where it gave one. Its message is the whole story in one line.
 */
export class PullError extends Error {
  constructor(
    readonly code: PullErrorCode,
    message: string,
    readonly url: string,
    readonly status?: number,
    readonly providerCode?: string,
  ) {
    super(message);
    this.name = 'PullError';
  }
}

/** How a reader talks HTTP: its auth header, retries on 429, and the waiting (injected in tests). */
export interface HttpOptions {
  provider: Provider;
  /** The `Authorization` header's value. */
  authorization: string;
  /** Attempts per request when the provider answers 429 (default 5). */
  attempts?: number;
  /** The first backoff, doubled each time, when there is no Retry-After (default 1000 ms). */
  backoffMs?: number;
  /** The longest wait between attempts (default 60 s): a Retry-After past it is cut to it. */
  maxWaitMs?: number;
  /** Waits that long (default: a timer); tests pass one that records and resolves at once. */
  sleep?: (ms: number) => Promise<void>;
  fetch?: typeof fetch;
}

/** GETs JSON from a provider, with its auth header, retrying 429 answers with backoff. */
export type GetJson = (url: string) => Promise<unknown>;

/** A `GetJson` for one provider: errors are `PullError`s naming the URL and the provider's code. */
export function jsonGetter(options: HttpOptions): GetJson {
  const attempts = Math.max(1, options.attempts ?? 5);
  const backoff = options.backoffMs ?? 1000;
  const maxWait = options.maxWaitMs ?? 60_000;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const doFetch = options.fetch ?? fetch;
  const name = options.provider === 'twilio' ? 'Twilio' : 'Telnyx';
  return async (url) => {
    const shown = withoutQuerySecrets(url);
    for (let attempt = 1; ; attempt++) {
      let response: Response;
      try {
        response = await doFetch(url, {
          headers: { authorization: options.authorization, accept: 'application/json' },
        });
      } catch (error) {
        throw new PullError('network', `cannot reach ${name} at ${shown}: ${causeOf(error)}`, shown);
      }
      const text = await response.text().catch(() => '');
      if (response.status === 429 && attempt < attempts) {
        await sleep(
          Math.min(
            maxWait,
            retryAfterMs(response.headers.get('retry-after')) ?? backoff * 2 ** (attempt - 1),
          ),
        );
        continue;
      }
      const body = parseJson(text);
      if (response.ok) {
        if (body === undefined)
          throw new PullError(
            'bad-response',
            `${name} answered ${shown} with a body that is not JSON`,
            shown,
            response.status,
          );
        return body;
      }
      const provider = providerError(body);
      const code: PullErrorCode =
        response.status === 401 || response.status === 403
          ? 'unauthorized'
          : response.status === 404
            ? 'not-found'
            : response.status === 429
              ? 'rate-limited'
              : 'http';
      const what = provider.code === undefined ? '' : ` (${name} error ${provider.code})`;
      const detail = provider.message === undefined ? '' : `: ${provider.message}`;
      const hint =
        code === 'unauthorized'
          ? // An answer without the provider's envelope may come from a server that is not the provider.
            `; check ${provider.code === undefined ? '--base-url and ' : ''}the credentials (${options.provider === 'twilio' ? 'TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN' : 'TELNYX_API_KEY'})`
          : code === 'rate-limited'
            ? `; still rate-limited after ${String(attempts)} attempts, try again later`
            : code === 'not-found'
              ? `; check --base-url (${options.provider === 'twilio' ? "the folder of Twilio's hosts, such as http://127.0.0.1:4100/twilio" : "Telnyx's v2 root, such as http://127.0.0.1:4100/telnyx/v2"})`
              : '';
      throw new PullError(
        code,
        `${name} answered GET ${shown} with HTTP ${String(response.status)}${what}${detail}${hint}`,
        shown,
        response.status,
        provider.code,
      );
    }
  };
}

/** Retry-After in milliseconds: seconds, or an HTTP date (RFC 9110 §10.2.3). */
export function retryAfterMs(value: string | null, now = Date.now()): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  if (/^\d+$/u.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** The provider's error code and words: Twilio `{code, message}`, Telnyx `{errors: [{code, title, detail}]}`. */
function providerError(body: unknown): { code?: string; message?: string } {
  if (body === null || typeof body !== 'object') return {};
  const b = body as Record<string, unknown>;
  const first = Array.isArray(b.errors) ? (b.errors[0] as Record<string, unknown> | undefined) : undefined;
  const source = first ?? b;
  const code = source.code;
  const message = first ? (first.detail ?? first.title) : b.message;
  return {
    ...(typeof code === 'string' || typeof code === 'number' ? { code: String(code) } : {}),
    ...(typeof message === 'string' ? { message } : {}),
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function causeOf(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}

/** A URL as it may be shown: user info dropped (credentials never reach a message). */
function withoutQuerySecrets(url: string): string {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    return u.toString();
  } catch {
    return url;
  }
}
