import { PullError, type GetJson } from './http.js';

/** The most pages one list is followed through: a provider that loops its own links stops here. */
export const MAX_PAGES = 1000;

/** What a page gives: its items and the URL of the next page, if any. */
export type PageOf<T> = (body: Record<string, unknown>, url: string) => { items: T[]; next?: string };

/** Every item of a paged list, from its first URL, following each page's link to the next. */
export async function readAll<T>(get: GetJson, first: string, page: PageOf<T>): Promise<T[]> {
  const items: T[] = [];
  const seen = new Set<string>();
  for (let url: string | undefined = first; url !== undefined;) {
    if (seen.has(url) || seen.size >= MAX_PAGES)
      throw new PullError(
        'bad-response',
        `the provider's pages of ${first} loop or run past ${String(MAX_PAGES)} pages (at ${url})`,
        url,
      );
    seen.add(url);
    const body = await get(url);
    if (body === null || typeof body !== 'object' || Array.isArray(body))
      throw new PullError('bad-response', `${url} answered with JSON that is not an object`, url);
    const result = page(body as Record<string, unknown>, url);
    items.push(...result.items);
    url = result.items.length === 0 ? undefined : result.next;
  }
  return items;
}

/** The array at `key`, or a `bad-response` error naming the URL. */
export function listAt<T>(body: Record<string, unknown>, key: string, url: string): T[] {
  const value = body[key];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value))
    throw new PullError('bad-response', `${url} answered without a list at '${key}'`, url);
  return value as T[];
}
