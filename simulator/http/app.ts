import express, { type NextFunction, type Request, type Response } from 'express';
import { requireAdmin } from '../../engine/world/access.js';
import { isDedicated } from '../../engine/world/inventory.js';
import type { Command, Outcome, Query, QueryResult } from '../../engine/world/index.js';
import type { ActorRef, SimulatorService } from '../service.js';
import type { Metrics } from '../metrics.js';
import type { WebhookSubscription } from '../webhook-subscription.js';
import type { WebhookDispatcher } from '../webhooks.js';
import { StorageUnavailable } from '../storage-error.js';
import { httpError, refusalError, storageError, type ErrorBody } from './errors.js';
import { checkBody, type RequestSchema } from './request-schemas.js';
import { controlPlane } from './control-plane.js';
import { injectedHttpErrors, rateLimit } from './injected-faults.js';
import { paginate, view } from './views.js';

export interface AppParts {
  service: SimulatorService;
  webhooks: WebhookDispatcher;
  metrics: Metrics;
  openapi: object;
  /** Runs after every request that may have moved the world (the clock's wake-up, webhooks). */
  afterChange: () => void;
  /** Requests a second per key before 429; undefined: no limit. */
  rateLimit?: number;
}

/** Who is calling, decided before any route: a user's key, or the admin token. */
export interface Caller {
  actor?: ActorRef;
  admin: boolean;
}

declare module 'express-serve-static-core' {
  interface Locals {
    caller: Caller;
  }
}

/** The simulator's HTTP face (api.md): every route is one engine command or query. */
export function createApp(parts: AppParts): express.Express {
  const { service, metrics } = parts;
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('query parser', 'simple');

  app.use((_req, res, next) => {
    metrics.request();
    res.on('finish', () => metrics.response(res.statusCode));
    next();
  });
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', now: new Date(service.clock.now()).toISOString() });
  });
  app.get('/openapi.json', (_req, res) => {
    res.json(parts.openapi);
  });

  app.use(authenticate(service));
  app.use(rateLimit(parts.rateLimit));
  app.use('/v1/sim/accounts', express.json({ limit: '20mb', strict: false }));
  app.use(express.json({ limit: '1mb', strict: false }));
  app.use((_req, _res, next) => {
    service.sync();
    next();
  });
  app.get('/metrics', adminOnly, (_req, res) => {
    res.type('text/plain; version=0.0.4').send(metrics.render(service));
  });
  app.use('/v1/sim', adminOnly, controlPlane(parts));
  app.use('/v1', userOnly, injectedHttpErrors(service), resources(parts));

  app.use((req, res) => {
    sendError(res, httpError(404, `no route ${req.method} ${req.path}`));
  });
  app.use(errorHandler);
  return app;
}

function resources(parts: AppParts): express.Router {
  const { service, webhooks } = parts;
  const r = express.Router();
  const run = (res: Response, command: Command, status: number): void => {
    const outcome = service.execute(command, res.locals.caller.actor);
    parts.afterChange();
    reply(res, outcome, status, service);
  };
  const read = (res: Response, q: Query, list = false): void => {
    const result = service.query(q, res.locals.caller.actor);
    if (list) replyList(res, result, service);
    else reply(res, result, 200, service);
  };

  r.post('/brands', body('CreateBrand'), (req, res) => {
    run(res, { action: 'register_brand', ...req.body }, 201);
  });
  r.get('/brands', (_req, res) => {
    read(res, { of: 'brands' }, true);
  });
  r.get('/brands/:id', (req, res) => {
    read(res, { of: 'brand', id: req.params.id as string });
  });
  r.post('/brands/:id/vetting', (req, res) => {
    run(res, { action: 'request_vetting', brand: req.params.id as string }, 202);
  });

  r.post('/campaigns', body('SubmitCampaign'), (req, res) => {
    run(res, { action: 'submit_campaign', ...req.body }, 201);
  });
  r.get('/campaigns', (_req, res) => {
    read(res, { of: 'campaigns' }, true);
  });
  r.get('/campaigns/:id', (req, res) => {
    read(res, { of: 'campaign', id: req.params.id as string });
  });

  r.get('/available-numbers', (req, res) => {
    const areaCode = String(req.query.areaCode ?? '');
    if (!/^\d{3}$/u.test(areaCode)) {
      sendError(
        res,
        httpError(400, 'areaCode must be a three-digit area code such as 206', { field: 'areaCode' }),
      );
      return;
    }
    const { kind, lifetime } = req.query;
    for (const [field, value, allowed] of [
      ['kind', kind, ['campaign', 'one-to-one']],
      ['lifetime', lifetime, ['dedicated', 'single-use']],
    ] as const)
      if (value !== undefined && !(allowed as readonly unknown[]).includes(value)) {
        sendError(res, httpError(400, `${field} must be one of ${allowed.join(', ')}`, { field }));
        return;
      }
    const limit = Number(req.query.limit ?? 20);
    read(
      res,
      {
        of: 'available-numbers',
        areaCode,
        limit: Number.isInteger(limit) ? Math.min(Math.max(limit, 1), 100) : 20,
        dedicated: isDedicated(kind as string | undefined, lifetime as string | undefined),
      },
      true,
    );
  });

  r.post('/numbers', body('OrderNumber'), (req, res) => {
    run(res, { action: 'order_number', ...req.body }, 201);
  });
  r.get('/numbers', (_req, res) => {
    read(res, { of: 'numbers' }, true);
  });
  r.get('/numbers/:e164', (req, res) => {
    read(res, { of: 'number', e164: req.params.e164 as string });
  });
  r.patch('/numbers/:e164', body('UpdateNumber'), (req, res) => {
    updateNumber(req, res, parts);
  });
  r.delete('/numbers/:e164', (req, res) => {
    run(res, { action: 'release_number', number: req.params.e164 as string }, 200);
  });
  r.post('/numbers/:e164/port-out', body('PortOut'), (req, res) => {
    run(
      res,
      { action: 'port_out', number: req.params.e164 as string, pin: (req.body as { pin: string }).pin },
      200,
    );
  });

  r.post('/outreach', body('CreateOutreach'), (req, res) => {
    run(res, { action: 'create_outreach', ...req.body }, 201);
  });
  r.get('/outreach', (_req, res) => {
    read(res, { of: 'outreach' }, true);
  });
  r.get('/outreach/:id', (req, res) => {
    read(res, { of: 'outreach-item', id: req.params.id as string });
  });
  r.post('/outreach/:id/launch', body('LaunchOutreach', true), (req, res) => {
    run(res, { action: 'launch_outreach', ...(req.body ?? {}), id: req.params.id as string }, 200);
  });
  r.post('/outreach/:id/complete', (req, res) => {
    run(res, { action: 'complete_outreach', id: req.params.id as string }, 200);
  });

  r.post('/messages', body('SendMessage'), (req, res) => {
    run(res, { action: 'send', ...req.body }, 202);
  });
  r.get('/messages', (req, res) => {
    const q = req.query as Record<string, string | undefined>;
    read(
      res,
      {
        of: 'messages',
        ...(q.status ? { status: q.status } : {}),
        ...(q.to ? { to: q.to } : {}),
        ...(q.from ? { from: q.from } : {}),
        ...(q.outreach ? { outreach: q.outreach } : {}),
      },
      true,
    );
  });
  r.get('/messages/:id', (req, res) => {
    read(res, { of: 'message', id: req.params.id as string });
  });

  r.get('/conversations', (req, res) => {
    const tab = req.query.tab;
    if (tab !== undefined && tab !== 'participating' && tab !== 'needs-attention') {
      sendError(res, httpError(400, 'tab must be participating or needs-attention', { field: 'tab' }));
      return;
    }
    read(res, { of: 'conversations', ...(tab ? { tab } : {}) }, true);
  });

  // Webhooks are the account's: owners and admins manage them (the engine's number-admin-role).
  const manager = (res: Response): ActorRef | undefined => {
    const ref = res.locals.caller.actor!;
    const denied = requireAdmin(service.actor(ref), 'manage webhooks');
    if (!denied) return ref;
    sendError(res, refusalError(denied));
    return undefined;
  };
  const ownWebhook = (res: Response, id: string): WebhookSubscription | undefined => {
    const found = service.webhooksOf(res.locals.caller.actor!.account).find((w) => w.id === id);
    if (!found) sendError(res, httpError(404, `webhook '${id}' does not exist`));
    return found;
  };

  r.post('/webhooks', body('CreateWebhook'), (req, res) => {
    const actor = manager(res);
    if (!actor) return;
    const { url, events } = req.body as { url: string; events: string[] };
    res.status(201).json(service.addWebhook(actor.account, url, events));
  });
  r.get('/webhooks', (_req, res) => {
    res.json({ data: service.webhooksOf(res.locals.caller.actor!.account).map(hideSecret), next: null });
  });
  r.get('/webhooks/:id', (req, res) => {
    const found = ownWebhook(res, req.params.id as string);
    if (found) res.json(hideSecret(found));
  });
  r.delete('/webhooks/:id', (req, res) => {
    const actor = manager(res);
    if (!actor) return;
    if (!service.removeWebhook(actor.account, req.params.id as string))
      return sendError(res, httpError(404, `webhook '${String(req.params.id)}' does not exist`));
    res.json({ id: req.params.id, deleted: true });
  });
  r.get('/webhooks/:id/deliveries', (req, res) => {
    const found = ownWebhook(res, req.params.id as string);
    if (found) res.json({ data: webhooks.deliveriesOf(found.id), next: null });
  });
  return r;
}

/** One PATCH may rename, move and set the inbox; each is one command, applied in that order. */
function updateNumber(req: Request, res: Response, parts: AppParts): void {
  const { service } = parts;
  const e164 = req.params.e164 as string;
  const patch = req.body as {
    name?: string;
    campaign?: string | null;
    inbox?: { mode: 'agent' | 'bot'; agents?: string[] };
  };
  const commands: Command[] = [];
  if (patch.name !== undefined) commands.push({ action: 'rename_number', number: e164, name: patch.name });
  if (patch.campaign !== undefined)
    commands.push({ action: 'assign_number', number: e164, campaign: patch.campaign });
  if (patch.inbox !== undefined)
    commands.push({
      action: 'set_inbox',
      number: e164,
      mode: patch.inbox.mode,
      agents: patch.inbox.agents ?? [],
    });
  let outcome: Outcome | undefined;
  for (const command of commands) {
    outcome = service.execute(command, res.locals.caller.actor);
    if (!outcome.ok) break;
  }
  parts.afterChange();
  if (outcome && !outcome.ok) return sendError(res, refusalError(outcome.refusal));
  reply(res, service.query({ of: 'number', e164 }, res.locals.caller.actor), 200, service);
}

/** Validates the JSON body against its OpenAPI schema; a problem is a 400 that names the field. */
export function body(schema: RequestSchema, optional = false) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (
      optional &&
      (req.body === undefined || (isEmptyObject(req.body) && req.headers['content-length'] === '0'))
    ) {
      req.body = {};
      return next();
    }
    if (req.body === undefined) {
      sendError(res, httpError(400, 'the request body must be JSON (Content-Type: application/json)'));
      return;
    }
    const problems = checkBody(schema, req.body);
    if (problems.length === 0) return next();
    const first = problems[0]!;
    sendError(
      res,
      httpError(400, first.message, {
        field: first.field,
        ...(first.hint === undefined ? {} : { hint: first.hint }),
        problems: problems.slice(0, 10),
      }),
    );
  };
}

function isEmptyObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && Object.keys(value).length === 0;
}

/** The result of a command or a query as api.md answers it. */
export function reply(
  res: Response,
  outcome: Outcome | QueryResult,
  status: number,
  service: SimulatorService,
): void {
  if (!outcome.ok) return sendError(res, refusalError(outcome.refusal));
  res.status(status).json(view(outcome.result, res.locals.caller, service));
}

function replyList(res: Response, result: QueryResult, service: SimulatorService): void {
  if (!result.ok) return sendError(res, refusalError(result.refusal));
  sendPage(res, Array.isArray(result.result) ? (result.result as unknown[]) : [], service);
}

/** A list as api.md answers it: the page `?limit=` and `?cursor=` ask for, each item in view. */
export function sendPage(res: Response, items: readonly unknown[], service: SimulatorService): void {
  const page = paginate(items, res.req.query as Record<string, unknown>);
  if ('error' in page) return sendError(res, page.error);
  res.json({ data: page.data.map((item) => view(item, res.locals.caller, service)), next: page.next });
}

export function sendError(res: Response, error: { status: number; body: ErrorBody }): void {
  res.status(error.status).json(error.body);
}

function hideSecret<T extends { secret: string }>(w: T): Omit<T, 'secret'> {
  const { secret: _secret, ...rest } = w;
  return rest;
}

/** Reads the bearer key (or `?token=`) and decides who calls. */
function authenticate(service: SimulatorService) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const header = req.headers.authorization;
    const bearer = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    const token = bearer ?? (typeof req.query.token === 'string' ? req.query.token : undefined);
    if (token === undefined) {
      sendError(res, httpError(401, 'send your key as Authorization: Bearer <key>'));
      return;
    }
    if (service.isAdmin(token)) {
      res.locals.caller = { admin: true };
      return next();
    }
    const actor = service.actorOf(token);
    if (!actor) {
      sendError(res, httpError(401, 'this key is not valid'));
      return;
    }
    res.locals.caller = { admin: false, actor };
    next();
  };
}

function adminOnly(_req: Request, res: Response, next: NextFunction): void {
  if (res.locals.caller.admin) return next();
  sendError(res, httpError(401, 'the control plane takes the admin token (printed by tendlc serve)'));
}

function userOnly(_req: Request, res: Response, next: NextFunction): void {
  if (res.locals.caller.actor) return next();
  sendError(res, httpError(401, "this route takes a user's key (GET /v1/sim/accounts/:id/keys lists them)"));
}

/** Malformed JSON, a body too large, anything thrown: an error body, never a stack trace. */
function errorHandler(error: unknown, _req: Request, res: Response, _next: NextFunction): void {
  const e = error as { type?: string; status?: number; message?: string };
  if (e.type === 'entity.parse.failed')
    return sendError(
      res,
      httpError(400, `the request body is not valid JSON: ${String(e.message).slice(0, 200)}`),
    );
  if (e.type === 'entity.too.large') return sendError(res, httpError(413, 'the request body is too large'));
  if (error instanceof StorageUnavailable) {
    const answer = storageError(error);
    res.set('Retry-After', String(answer.retryAfter));
    return sendError(res, answer);
  }
  if (typeof e.status === 'number' && e.status >= 400 && e.status < 500)
    return sendError(res, httpError(e.status, String(e.message ?? 'bad request').slice(0, 200)));
  process.stderr.write(
    `tendlc serve: internal error: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  sendError(res, httpError(500, 'internal error'));
}
