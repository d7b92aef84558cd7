import type {
  Error as ApiErrorBody,
  HandsetEntry,
  Message,
} from '../../engine/schemas/compiled/api-types.js';

/** An end user's phone, as a test drives it: what it texts, and what it received and sent. */
export interface Handset {
  /** The phone's number, as given. */
  readonly e164: string;
  /** Texts one of an account's numbers (`STOP`, `HELP`, `START`, or anything); answers the inbound message. */
  send(to: string, body: string): Promise<Message>;
  /** Texts back the number this phone last heard from (or last texted). */
  reply(body: string): Promise<Message>;
  /** What the phone received and sent, oldest first: keyword answers (the STOP confirmation) too. */
  messages(): Promise<HandsetEntry[]>;
}

/** A refusal of the simulator's API: the status, the error code and, for a rule, its id. */
export class ApiRequestError extends Error {
  readonly status: number;
  readonly code: string;
  readonly rule: string | undefined;
  readonly body: unknown;

  constructor(status: number, body: unknown) {
    const error = (body as Partial<ApiErrorBody> | undefined)?.error;
    super(
      error
        ? `${String(status)} ${error.code}${error.rule ? ` (${error.rule})` : ''}: ${error.message}`
        : `HTTP ${String(status)}`,
    );
    this.name = 'ApiRequestError';
    this.status = status;
    this.code = error?.code ?? 'error';
    this.rule = error?.rule;
    this.body = body;
  }
}

/**
 * A handset over the control plane's `/v1/sim/handsets/:e164/messages`, the same requests a
 * scenario or curl would make, with the admin token.
 */
export function handset(url: string, adminToken: string, e164: string): Handset {
  const path = `${url}/v1/sim/handsets/${encodeURIComponent(e164)}/messages`;
  const headers = { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' };
  const call = async <T>(target: string, init: RequestInit = {}): Promise<T> => {
    const res = await fetch(target, { ...init, headers });
    const body: unknown = await res.json();
    if (!res.ok) throw new ApiRequestError(res.status, body);
    return body as T;
  };
  const messages = async (): Promise<HandsetEntry[]> => {
    const all: HandsetEntry[] = [];
    for (let cursor: string | null = '0'; cursor !== null;) {
      const page: { data: HandsetEntry[]; next: string | null } = await call(
        `${path}?limit=1000&cursor=${cursor}`,
      );
      all.push(...page.data);
      cursor = page.next;
    }
    return all;
  };
  const send = (to: string, body: string): Promise<Message> =>
    call<Message>(path, { method: 'POST', body: JSON.stringify({ to, body }) });
  return {
    e164,
    send,
    messages,
    async reply(body) {
      const last = (await messages()).at(-1);
      if (!last)
        throw new Error(
          `handset ${e164} has received and sent nothing, so there is no number to reply to: use send(to, body)`,
        );
      return send(last.direction === 'received' ? last.from : last.to, body);
    },
  };
}
