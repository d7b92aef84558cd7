import express, { type NextFunction, type Request, type Response } from 'express';
import { normalizePhone } from '../../engine/phone.js';
import { isDedicated } from '../../engine/world/inventory.js';
import type { Command, Outcome, Query, QueryResult } from '../../engine/world/index.js';
import type { ActorRef, SimulatorService } from '../service.js';
import type { Metrics } from '../metrics.js';
import type { WebhookDispatcher } from '../webhooks.js';
import { StorageUnavailable } from '../storage-error.js';
import { httpError, refusalError, storageError, type ErrorBody } from './errors.js';
import { bearerOf } from './bearer.js';
import { methodsOf, operation } from './operations.js';
import { addWebhookRoutes } from './webhook-routes.js';
import { rulesRoutes } from './rules-routes.js';
import { addUsageRoute } from './usage-route.js';
import { consoleRoutes } from '../console/serve-console.js';
import { controlPlane } from './control-plane.js';
import { providerFaces } from '../faces/index.js';
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

/** The simulator's HTTP face: every route is one engine command or query. */
export function createApp(parts: AppParts): express.Express {
  const { service, metrics } = parts;
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('query parser', 'simple');
  // A path is the document's path exactly: `/v1/brands/` is not `/v1/brands`.
  app.set('strict routing', true);

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

  // The web console's page and assets, and the rule catalog, need no key (docs/console.md).
  app.use(consoleRoutes());
  app.use('/v1', rulesRoutes());
  // The provider faces authenticate as their providers do (simulator/faces/).
  for (const face of providerFaces) app.use(face.prefix, face.routes(parts));

  app.use(authenticate(service));
  app.use(rateLimit(parts.rateLimit));
  app.use((_req, _res, next) => {
    service.sync();
    next();
  });
  app.get('/metrics', adminOnly, (_req, res) => {
    res.type('text/plain; version=0.0.4').send(metrics.render(service));
  });
  // The event stream is a WebSocket: the server's upgrade handler takes it before express does.
  app.get('/v1/events', operation('events'), (_req, res) => {
    res.set('Upgrade', 'websocket');
    sendError(
      res,
      httpError(426, 'GET /v1/events is a WebSocket: connect with Connection: Upgrade, Upgrade: websocket'),
    );
  });
  app.use('/v1/sim', adminOnly, controlPlane(parts));
  app.use('/v1', userOnly, injectedHttpErrors(service), resources(parts));

  app.use((req, res) => {
    // A path the document knows, with a method it does not: 405 and the methods it takes.
    const allowed = methodsOf(req.path);
    if (allowed.length === 0) return sendError(res, httpError(404, `no route ${req.method} ${req.path}`));
    res.set('Allow', allowed.join(', '));
    sendError(res, httpError(405, `${req.path} takes ${allowed.join(', ')}, not ${req.method}`));
  });
  app.use(errorHandler);
  return app;
}

function resources(parts: AppParts): express.Router {
  const { service, webhooks } = parts;
  const r = express.Router({ strict: true });
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
  const param = (res: Response, name: string): string => String(res.locals.params[name]);

  r.post('/brands', operation('registerBrand'), (req, res) => {
    run(res, { action: 'register_brand', ...req.body }, 201);
  });
  r.get('/brands', operation('listBrands'), (_req, res) => {
    read(res, { of: 'brands' }, true);
  });
  r.get('/brands/:id', operation('getBrand'), (_req, res) => {
    read(res, { of: 'brand', id: param(res, 'id') });
  });
  r.post('/brands/:id/vetting', operation('requestVetting'), (_req, res) => {
    run(res, { action: 'request_vetting', brand: param(res, 'id') }, 202);
  });

  r.post('/campaigns', operation('submitCampaign'), (req, res) => {
    run(res, { action: 'submit_campaign', ...req.body }, 201);
  });
  r.get('/campaigns', operation('listCampaigns'), (_req, res) => {
    read(res, { of: 'campaigns' }, true);
  });
  r.get('/campaigns/:id', operation('getCampaign'), (_req, res) => {
    read(res, { of: 'campaign', id: param(res, 'id') });
  });
  r.post('/campaigns/:id/deactivate', operation('deactivateCampaign'), (_req, res) => {
    run(res, { action: 'deactivate_campaign', campaign: param(res, 'id') }, 200);
  });

  r.get('/available-numbers', operation('listAvailableNumbers'), (_req, res) => {
    const { areaCode, kind, lifetime, limit } = res.locals.params as {
      areaCode: string;
      kind?: string;
      lifetime?: string;
      limit?: number;
    };
    const result = service.query(
      { of: 'available-numbers', areaCode, limit: limit ?? 20, dedicated: isDedicated(kind, lifetime) },
      res.locals.caller.actor,
    );
    if (!result.ok) return sendError(res, refusalError(result.refusal));
    // One page: the inventory is drawn for the request, so there is no cursor to come back with.
    res.json({ data: result.result, next: null });
  });

  r.post('/numbers', operation('orderNumber'), (req, res) => {
    run(res, { action: 'order_number', ...req.body }, 201);
  });
  r.get('/numbers', operation('listNumbers'), (_req, res) => {
    read(res, { of: 'numbers' }, true);
  });
  r.get('/numbers/:e164', operation('getNumber'), (_req, res) => {
    read(res, { of: 'number', e164: param(res, 'e164') });
  });
  r.patch('/numbers/:e164', operation('updateNumber'), (req, res) => {
    updateNumber(req, res, parts);
  });
  r.delete('/numbers/:e164', operation('releaseNumber'), (_req, res) => {
    run(res, { action: 'release_number', number: param(res, 'e164') }, 200);
  });
  r.post('/numbers/:e164/port-out', operation('portOut'), (req, res) => {
    run(res, { action: 'port_out', number: param(res, 'e164'), pin: (req.body as { pin: string }).pin }, 200);
  });

  r.post('/outreach', operation('createOutreach'), (req, res) => {
    run(res, { action: 'create_outreach', ...req.body }, 201);
  });
  r.get('/outreach', operation('listOutreach'), (_req, res) => {
    read(res, { of: 'outreach' }, true);
  });
  r.get('/outreach/:id', operation('getOutreach'), (_req, res) => {
    read(res, { of: 'outreach-item', id: param(res, 'id') });
  });
  r.post('/outreach/:id/launch', operation('launchOutreach'), (req, res) => {
    run(res, { action: 'launch_outreach', ...(req.body as object), id: param(res, 'id') }, 200);
  });
  r.post('/outreach/:id/complete', operation('completeOutreach'), (_req, res) => {
    run(res, { action: 'complete_outreach', id: param(res, 'id') }, 200);
  });

  r.post('/messages', operation('sendMessage'), (req, res) => {
    run(res, { action: 'send', ...req.body }, 202);
  });
  r.get('/messages', operation('listMessages'), (_req, res) => {
    const { status, to, from, outreach } = res.locals.params as Record<string, string | undefined>;
    read(
      res,
      {
        of: 'messages',
        ...(status ? { status } : {}),
        ...(to ? { to: e164Of(to) } : {}),
        ...(from ? { from: e164Of(from) } : {}),
        ...(outreach ? { outreach } : {}),
      },
      true,
    );
  });
  r.get('/messages/:id', operation('getMessage'), (_req, res) => {
    read(res, { of: 'message', id: param(res, 'id') });
  });
  r.post('/messages/:id/cancel', operation('cancelMessage'), (_req, res) => {
    run(res, { action: 'cancel_message', message: param(res, 'id') }, 200);
  });

  r.get('/conversations', operation('listConversations'), (_req, res) => {
    const tab = res.locals.params.tab as 'participating' | 'needs-attention' | undefined;
    read(res, { of: 'conversations', ...(tab ? { tab } : {}) }, true);
  });

  addWebhookRoutes(r, service, webhooks, parts);
  addUsageRoute(r, service);
  return r;
}

/** A phone number of a query, as the world keys it (the document's pattern has checked it). */
function e164Of(value: string): string {
  const phone = normalizePhone(value);
  return phone.ok ? phone.e164 : value;
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

/** The result of a command or a query as the API answers it. */
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

/** A list as the API answers it: the page `?limit=` and `?cursor=` ask for, each item in view. */
export function sendPage(res: Response, items: readonly unknown[], service: SimulatorService): void {
  const page = paginate(items, res.locals.params ?? {});
  if ('error' in page) return sendError(res, page.error);
  res.json({ data: page.data.map((item) => view(item, res.locals.caller, service)), next: page.next });
}

export function sendError(res: Response, error: { status: number; body: ErrorBody }): void {
  res.status(error.status).json(error.body);
}

/**
 * Reads the bearer key and decides who calls. A key in the URL (`?token=`) is taken on the
 * WebSocket upgrade only, where a browser cannot set a header: URLs end up in proxies' and
 * browsers' logs.
 */
function authenticate(service: SimulatorService) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const token = bearerOf(req.headers.authorization);
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

// The key is valid but the route is not its: 403, as for a role (401 is for no key or a bad one).
function adminOnly(_req: Request, res: Response, next: NextFunction): void {
  if (res.locals.caller.admin) return next();
  sendError(res, httpError(403, 'the control plane takes the admin token (printed by tendlc serve)'));
}

function userOnly(_req: Request, res: Response, next: NextFunction): void {
  if (res.locals.caller.actor) return next();
  sendError(res, httpError(403, "this route takes a user's key (GET /v1/sim/accounts/:id/keys lists them)"));
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
