import type { Request, Response } from 'express';
import { faceError, type TelnyxRefusal } from './errors.js';

/** Reading Telnyx's requests (their bodies, fields and queries) and paging its lists. */

export type Body = Record<string, unknown>;

/** The JSON body, if it is an object; else an empty one. */
export function body(req: Request): Body {
  return typeof req.body === 'object' && req.body !== null && !Array.isArray(req.body)
    ? (req.body as Body)
    : {};
}

export type FieldType = 'string' | 'boolean' | 'strings';

/** A field of the wrong JSON type: 400 `10015` pointing at it (the SDK's types say what each takes). */
export function wrongType(b: Body, types: Record<string, FieldType>): TelnyxRefusal | undefined {
  for (const [key, type] of Object.entries(types)) {
    const v = b[key];
    if (v === undefined || v === null) continue;
    const ok =
      type === 'strings' ? Array.isArray(v) && v.every((x) => typeof x === 'string') : typeof v === type;
    if (!ok)
      return faceError(
        400,
        'badRequest',
        `${key} must be ${type === 'strings' ? 'a list of strings' : `a ${type}`}`,
        `/${key}`,
      );
  }
  return undefined;
}

/** A webhook URL Telnyx would refuse (10003): not http(s), or over 2,000 characters. */
export function badUrl(b: Body, keys: string[]): TelnyxRefusal | undefined {
  for (const key of keys) {
    const v = b[key];
    if (v === undefined || v === null || v === '') continue;
    let ok = typeof v === 'string' && v.length <= 2000;
    if (ok)
      try {
        ok = ['http:', 'https:'].includes(new URL(v as string).protocol);
      } catch {
        ok = false;
      }
    if (!ok)
      return {
        status: 400,
        error: {
          code: '10003',
          title: 'Invalid URL',
          detail: `${key} is not an http(s) URL`,
          source: { pointer: `/${key}` },
        },
      };
  }
  return undefined;
}

export function pick(b: Body, keys: readonly string[]): Record<string, never> {
  const out: Body = {};
  for (const key of keys) if (b[key] !== undefined && b[key] !== null) out[key] = b[key];
  return out as Record<string, never>;
}

/** The query as sent: the SDK writes `filter[...]` keys, which the app's simple parser leaves as they are. */
export function queryOf(req: Request): URLSearchParams {
  const at = req.originalUrl.indexOf('?');
  return new URLSearchParams(at < 0 ? '' : req.originalUrl.slice(at + 1));
}

/** Telnyx's flat paging: `page[number]`, `page[size]`; `meta` says where the list is. */
export function sendFlat(req: Request, res: Response, items: unknown[]): void {
  const q = queryOf(req);
  const size = Math.min(250, Math.max(1, Math.floor(Number(q.get('page[size]') ?? 20)) || 20));
  const page = Math.max(1, Math.floor(Number(q.get('page[number]') ?? 1)) || 1);
  res.json({
    data: items.slice((page - 1) * size, page * size),
    meta: {
      page_number: page,
      page_size: size,
      total_pages: Math.max(1, Math.ceil(items.length / size)),
      total_results: items.length,
    },
  });
}

/** The 10DLC API's paging: `page`, `recordsPerPage`; `{records, page, totalRecords}`. */
export function sendPerPage(req: Request, res: Response, items: unknown[]): void {
  const q = queryOf(req);
  const size = Math.min(500, Math.max(1, Math.floor(Number(q.get('recordsPerPage') ?? 10)) || 10));
  const page = Math.max(1, Math.floor(Number(q.get('page') ?? 1)) || 1);
  res.json({ records: items.slice((page - 1) * size, page * size), page, totalRecords: items.length });
}
