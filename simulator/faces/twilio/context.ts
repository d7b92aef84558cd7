import type express from 'express';
import type { NextFunction, Request, Response } from 'express';
import type { AccountState, Command, FaceRecord, Query } from '../../../engine/world/index.js';
import type { AppParts } from '../../http/app.js';
import type { ActorRef, SimulatorService } from '../../service.js';
import { StorageUnavailable } from '../../storage-error.js';
import { TwilioError, badParam, missingParam, notFound, refusalError } from './errors.js';
import { SEQUENCE_RECORD, newSid } from './sids.js';

/** Twilio's three hosts, each served under `/twilio/<host>`. */
export type TwilioHost = 'api' | 'messaging' | 'trusthub';

/** The production origin of each host: what `url` fields and paging links name. */
export const ORIGIN: Record<TwilioHost, string> = {
  api: 'https://api.twilio.com',
  messaging: 'https://messaging.twilio.com',
  trusthub: 'https://trusthub.twilio.com',
};

/** Who called, once authenticated: the account as Twilio knows it. */
export interface TwilioCall {
  actor: ActorRef;
  account: string;
  accountSid: string;
  /** The request's path as Twilio names it (`/2010-04-01/Accounts/AC…/Messages.json`), for 404s. */
  path: string;
}

/** A handler's answer: a status and Twilio's JSON (204 with none). */
export interface Answer {
  status: number;
  body?: unknown;
}

export type Handler = (req: Request, call: TwilioCall) => Answer;

/** A route the face serves, in the documents' form (`/v1/Services/{Sid}`): the contract check reads them. */
export interface ServedRoute {
  host: TwilioHost;
  method: 'get' | 'post' | 'delete';
  path: string;
}

/**
 * What a resource file mounts its routes with: the face's service, its commands and reads (a
 * refusal becomes Twilio's envelope), and `route` to add a route on a host.
 */
export class TwilioContext {
  readonly service: SimulatorService;
  readonly served: ServedRoute[] = [];

  constructor(
    readonly parts: AppParts,
    private readonly routers: Record<TwilioHost, express.Router>,
  ) {
    this.service = parts.service;
  }

  /**
   * Adds a route: `path` is the document's path after the host's version (`/Services/{Sid}`, and
   * for api `/IncomingPhoneNumbers/{Sid}.json` under `/2010-04-01/Accounts/{AccountSid}`).
   */
  route(host: TwilioHost, method: ServedRoute['method'], path: string, handler: Handler): void {
    const documented = host === 'api' ? `/2010-04-01/Accounts/{AccountSid}${path}` : `/v1${path}`;
    this.served.push({ host, method, path: documented });
    const expressPath = path.replace(/\{(\w+)\}/gu, ':$1');
    this.routers[host][method](expressPath, (req: Request, res: Response) => {
      this.answer(req, res, handler);
    });
  }

  private answer(req: Request, res: Response, handler: Handler): void {
    const call = res.locals.twilio as TwilioCall;
    try {
      const answer = handler(req, call);
      if (answer.body === undefined) res.status(answer.status).end();
      else res.status(answer.status).json(answer.body);
    } catch (error) {
      sendError(res, error);
    } finally {
      this.parts.afterChange();
    }
  }

  /** Runs a command as the caller; a refusal is thrown as Twilio's error. */
  run<T = unknown>(call: TwilioCall, command: Command): T {
    const outcome = this.service.execute(command, call.actor);
    if (!outcome.ok) throw refusalError(outcome.refusal, call.path);
    return outcome.result as T;
  }

  /** Reads as the caller; a refusal is thrown as Twilio's error. */
  read<T = unknown>(call: TwilioCall, q: Query): T {
    const result = this.service.query(q, call.actor);
    if (!result.ok) throw refusalError(result.refusal, call.path);
    return result.result as T;
  }

  /** The caller's account as the world holds it now (read-only). */
  account(call: TwilioCall): Readonly<AccountState> {
    this.service.sync();
    const account = this.service.sim.inspect().accounts[call.account];
    if (!account) throw notFound(call.path);
    return account;
  }

  /** The virtual time, epoch milliseconds. */
  now(): number {
    return this.service.sim.now();
  }

  /** A new SID for a record or pool the face creates now, from the face's sequence (sids.ts). */
  newSid(call: TwilioCall, prefix: string, kind: string): string {
    const account = this.account(call);
    const last = account.records[SEQUENCE_RECORD]?.data.n;
    const n = (typeof last === 'number' ? last : 0) + 1;
    this.run(call, {
      action: 'put_record',
      id: SEQUENCE_RECORD,
      face: 'twilio',
      kind: 'sequence',
      data: { n },
    });
    return newSid(account, prefix, kind, n);
  }

  /** The face's record of a kind under a SID, or Twilio's 404. */
  record(call: TwilioCall, kind: string, sid: string): FaceRecord {
    const record = this.account(call).records[sid];
    if (!record || record.face !== 'twilio' || record.kind !== kind) throw notFound(call.path);
    return record;
  }

  /** The face's records of a kind, oldest first. */
  records(call: TwilioCall, kind: string): FaceRecord[] {
    return Object.values(this.account(call).records)
      .filter((r) => r.face === 'twilio' && r.kind === kind)
      .sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
  }

  /** Stores a record of the face (journaled, as any change). */
  putRecord(call: TwilioCall, sid: string, kind: string, data: Record<string, unknown>): FaceRecord {
    return this.run<FaceRecord>(call, { action: 'put_record', id: sid, face: 'twilio', kind, data });
  }
}

/** Sends any thrown thing as Twilio's envelope: never a 500 with a stack. */
export function sendError(res: Response, error: unknown): void {
  if (error instanceof StorageUnavailable) {
    res.set('Retry-After', '1');
    res.status(503).json(new TwilioError(503, 20503, error.message).body());
    return;
  }
  const err =
    error instanceof TwilioError
      ? error
      : new TwilioError(
          400,
          20001,
          `The request could not be processed: ${String((error as Error).message ?? error)}`,
        );
  if (err.status === 401) res.set('WWW-Authenticate', 'Basic realm="Twilio API"');
  res.status(err.status).json(err.body());
}

/** Express's own errors (a malformed body) in Twilio's envelope. */
export function errorHandler(error: unknown, _req: Request, res: Response, _next: NextFunction): void {
  const status = (error as { status?: number }).status;
  if (typeof status === 'number' && status >= 400 && status < 500)
    sendError(
      res,
      new TwilioError(status, 20001, `The request body could not be read: ${(error as Error).message}`),
    );
  else sendError(res, error);
}

// ── parameters ─────────────────────────────────────────────────────────────────────────────

/** The request's parameters: the form body for POST, the query string otherwise. */
export function paramsOf(req: Request): Record<string, unknown> {
  const source = req.method === 'GET' || req.method === 'DELETE' ? req.query : req.body;
  return (source && typeof source === 'object' ? source : {}) as Record<string, unknown>;
}

/** A single string parameter (the last, if repeated); undefined when absent. */
export function str(req: Request, name: string): string | undefined {
  const v = paramsOf(req)[name];
  if (v === undefined) return undefined;
  const last = Array.isArray(v) ? v[v.length - 1] : v;
  return typeof last === 'string' ? last : String(last);
}

export function required(req: Request, name: string): string {
  const v = str(req, name);
  if (v === undefined || v === '') throw missingParam(name);
  return v;
}

/** A repeated parameter as a list (`Foo=a&Foo=b`). */
export function list(req: Request, name: string): string[] | undefined {
  const v = paramsOf(req)[name];
  if (v === undefined) return undefined;
  return (Array.isArray(v) ? v : [v]).map(String);
}

export function bool(req: Request, name: string): boolean | undefined {
  const v = str(req, name);
  if (v === undefined) return undefined;
  if (/^true$/iu.test(v)) return true;
  if (/^false$/iu.test(v)) return false;
  throw badParam(name, `'${v}' is not true or false`);
}

export function int(req: Request, name: string, min: number, max: number): number | undefined {
  const v = str(req, name);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max)
    throw badParam(name, `'${v}' is not a whole number from ${String(min)} to ${String(max)}`);
  return n;
}

/** A path parameter. */
export function pathParam(req: Request, name: string): string {
  return String((req.params as Record<string, string>)[name] ?? '');
}

// ── formats ───────────────────────────────────────────────────────────────────────────────

/** RFC 2822, as api.twilio.com writes dates: `Fri, 27 Nov 2026 03:37:54 +0000`. */
export function rfc2822(ms: number | undefined): string | null {
  return ms === undefined ? null : new Date(ms).toUTCString().replace('GMT', '+0000');
}

/** ISO 8601 without milliseconds, as the v1 hosts write dates. */
export function iso(ms: number | undefined): string | null {
  return ms === undefined ? null : new Date(ms).toISOString().replace(/\.\d{3}Z$/u, 'Z');
}

// ── paging ────────────────────────────────────────────────────────────────────────────────

function pageOf(req: Request): { page: number; size: number } {
  return { page: int(req, 'Page', 0, 1_000_000) ?? 0, size: int(req, 'PageSize', 1, 1000) ?? 50 };
}

function query(extra: Record<string, string | undefined>, page: number, size: number): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(extra)) if (v !== undefined) q.set(k, v);
  q.set('PageSize', String(size));
  q.set('Page', String(page));
  return q.toString();
}

/**
 * A page of an api.twilio.com list: `{<key>: [...], uri, first_page_uri, next_page_uri,
 * previous_page_uri, page, page_size, start, end}`, the filters kept in the links.
 */
export function page2010<T>(
  req: Request,
  basePath: string,
  key: string,
  items: readonly T[],
  filters: Record<string, string | undefined> = {},
): Record<string, unknown> {
  const { page, size } = pageOf(req);
  const start = page * size;
  const slice = items.slice(start, start + size);
  const link = (p: number): string => `${basePath}?${query(filters, p, size)}`;
  return {
    [key]: slice,
    uri: link(page),
    first_page_uri: link(0),
    next_page_uri: start + size < items.length ? link(page + 1) : null,
    previous_page_uri: page > 0 ? link(page - 1) : null,
    page,
    page_size: size,
    start,
    end: start + Math.max(slice.length - 1, 0),
  };
}

/** A page of a v1 list: `{<key>: [...], meta: {page, page_size, first_page_url, …, key}}`. */
export function pageV1<T>(
  req: Request,
  host: TwilioHost,
  path: string,
  key: string,
  items: readonly T[],
  filters: Record<string, string | undefined> = {},
): Record<string, unknown> {
  const { page, size } = pageOf(req);
  const start = page * size;
  const link = (p: number): string => `${ORIGIN[host]}${path}?${query(filters, p, size)}`;
  return {
    [key]: items.slice(start, start + size),
    meta: {
      page,
      page_size: size,
      first_page_url: link(0),
      previous_page_url: page > 0 ? link(page - 1) : null,
      url: link(page),
      next_page_url: start + size < items.length ? link(page + 1) : null,
      key,
    },
  };
}
