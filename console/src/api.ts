import { load } from './session.js';

/** The API's error body: `{error: {status, code, rule?, errorCode?, message, details?}}`. */
export interface ErrorBody {
  error: {
    status: number;
    code: string;
    rule?: string;
    errorCode?: number;
    message: string;
    details?: Record<string, unknown>;
  };
}

/** A refusal or failure of the API, with its error body. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody,
  ) {
    super(body.error.message);
  }
  get rule(): string | undefined {
    return this.body.error.rule;
  }
}

/** The key a path takes: the control plane takes the admin token, the rest the user's key. */
function tokenFor(path: string): string | undefined {
  const s = load();
  return path.startsWith('/v1/sim/') ? s.admin : (s.key ?? s.admin);
}

/** One request to the API, the key as a bearer header (never in the URL). */
export async function call<T>(
  method: string,
  path: string,
  body?: unknown,
  token = tokenFor(path),
): Promise<T> {
  const headers: Record<string, string> = {};
  if (token !== undefined) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(path, {
    method,
    headers,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  const parsed = text === '' ? undefined : (JSON.parse(text) as unknown);
  if (!res.ok) {
    const error =
      (parsed as ErrorBody | undefined)?.error !== undefined
        ? (parsed as ErrorBody)
        : { error: { status: res.status, code: 'error', message: text || res.statusText } };
    throw new ApiError(res.status, error);
  }
  return parsed as T;
}

export const get = <T>(path: string, token?: string): Promise<T> =>
  call<T>('GET', path, undefined, token ?? tokenFor(path));
export const post = <T>(path: string, body?: unknown): Promise<T> => call<T>('POST', path, body ?? {});
export const patch = <T>(path: string, body: unknown): Promise<T> => call<T>('PATCH', path, body);
export const del = <T>(path: string): Promise<T> => call<T>('DELETE', path);

interface Page<T> {
  data: T[];
  next: string | null;
}

/**
 * Every item of a list, page after page (1,000 at a time, the first page `first` long);
 * `onPage` sees each page as it comes, so that a page can show the first ones at once. Stops
 * after `max` items.
 */
export async function listAll<T>(
  path: string,
  onPage?: (items: T[]) => void,
  max = Number.POSITIVE_INFINITY,
  first = 1000,
): Promise<T[]> {
  const all: T[] = [];
  const join = path.includes('?') ? '&' : '?';
  let cursor: string | null = null;
  do {
    const limit = cursor === null ? first : 1000;
    const page: Page<T> = await get<Page<T>>(
      `${path}${join}limit=${String(limit)}${cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`}`,
    );
    all.push(...page.data);
    onPage?.(page.data);
    cursor = page.next;
  } while (cursor !== null && all.length < max);
  return all;
}

/** A phone number as a path segment (the + URL-encoded). */
export const enc = (value: string): string => encodeURIComponent(value);
