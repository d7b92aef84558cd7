import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { requireAdmin } from '../../engine/world/access.js';
import type { Command, Query, RuleTrace } from '../../engine/world/index.js';
import type { Refusal } from '../../engine/refusal.js';
import { httpError, refusalError } from '../../simulator/http/errors.js';
import { bodyError, checkBody } from '../../simulator/http/operations.js';
import type { SimulatorService } from '../../simulator/service.js';
import type { SimEvent } from '../../simulator/simulation.js';
import { WebhookDispatcher } from '../../simulator/webhooks.js';
import { faceFormats, providerFaces } from '../../simulator/faces/index.js';
import { Metrics } from '../../simulator/metrics.js';
import { faceFetch, faceOutcome, type FaceAnswer, type FaceRequest } from './face-request.js';
import { commandRoute, controlRoute, webhookRoute, type Route } from './routes.js';
import type {
  ActorRef,
  ClockState,
  ControlRequest,
  ScenarioTarget,
  TargetOutcome,
  TargetUser,
  WebhookRequest,
} from './target.js';

/**
 * The simulator in this process: the same service `tendlc serve` runs, without HTTP, on a manual
 * clock, so weeks of virtual time take milliseconds. Each answer is what the API would give:
 * bodies checked against the same request schemas, resources in the API's view, refusals with
 * the API's status and code.
 */
export class InProcessTarget implements ScenarioTarget {
  private dispatcher: WebhookDispatcher | undefined;
  /** The provider faces' routes over this service, on 127.0.0.1, started by the first via step. */
  private faceServer: Promise<{ server: Server; url: string }> | undefined;

  constructor(private readonly service: SimulatorService) {}

  users(): Promise<TargetUser[]> {
    const out: TargetUser[] = [];
    for (const [account, state] of Object.entries(this.service.sim.inspect().accounts))
      for (const u of Object.values(state.users))
        out.push({ account, id: u.id, role: u.role, subgroups: [...u.subgroups] });
    return Promise.resolve(out);
  }

  execute(command: Command, actor: ActorRef | undefined, sameShape = false): Promise<TargetOutcome> {
    const malformed = sameShape ? undefined : problemOf(commandRoute(command), this.service.sim.tracer);
    if (malformed) return Promise.resolve(malformed);
    return Promise.resolve(this.answer(this.service.execute(command, actor), actor));
  }

  query(q: Query, actor: ActorRef | undefined, account: string): Promise<TargetOutcome> {
    return Promise.resolve(this.answer(this.service.query(q, actor, account), actor));
  }

  // Mirrors the webhook routes of simulator/http/app.ts; the suite test holds the two to the same verdicts.
  webhooks(request: WebhookRequest, actor: ActorRef): Promise<TargetOutcome> {
    const malformed = problemOf(webhookRoute(request), this.service.sim.tracer);
    if (malformed) return Promise.resolve(malformed);
    const own = (id: string) => this.service.webhooksOf(actor.account).find((w) => w.id === id);
    const missing = (id: string) => failed(httpError(404, `webhook '${id}' does not exist`));
    const manage = (): TargetOutcome | undefined => {
      const denied = requireAdmin(this.service.actor(actor), 'manage webhooks');
      return denied ? failed(refusalError(denied)) : undefined;
    };
    switch (request.op) {
      case 'subscribe': {
        const denied = manage();
        if (denied) return Promise.resolve(denied);
        this.startDispatcher();
        return done(this.service.addWebhook(actor.account, request.url, request.events));
      }
      case 'unsubscribe': {
        const denied = manage();
        if (denied) return Promise.resolve(denied);
        return this.service.removeWebhook(actor.account, request.id)
          ? done({ id: request.id, deleted: true })
          : Promise.resolve(missing(request.id));
      }
      case 'list':
        return done(this.service.webhooksOf(actor.account).map(hideSecret));
      case 'get': {
        const found = own(request.id);
        return found ? done(hideSecret(found)) : Promise.resolve(missing(request.id));
      }
      case 'deliveries': {
        const found = own(request.id);
        if (!found) return Promise.resolve(missing(request.id));
        return done(structuredClone(this.dispatcher?.deliveriesOf(found.id) ?? []));
      }
    }
  }

  control(request: ControlRequest): Promise<TargetOutcome> {
    const malformed = problemOf(controlRoute(request), this.service.sim.tracer);
    if (malformed) return Promise.resolve(malformed);
    const { service } = this;
    switch (request.op) {
      case 'snapshot':
        return done(service.snapshot());
      case 'restore': {
        const refused = service.restore(request.id);
        return refused ? Promise.resolve(failed(refusalError(refused))) : done(service.clock.view());
      }
      case 'reset':
        service.reset({
          profile: request.profile,
          ...(request.seed === undefined ? {} : { seed: request.seed }),
          ...(request.latency === undefined ? {} : { latency: request.latency }),
          ...(request.start === undefined ? {} : { start: request.start }),
        });
        return done(service.clock.view());
      case 'seed':
        service.reseed(request.seed);
        return done({ seed: request.seed });
      case 'clock':
        service.setClock({
          mode: request.mode,
          scale: request.mode === 'manual' ? 0 : request.mode === 'realtime' ? 1 : (request.scale ?? 1),
        });
        return done(service.clock.view());
      case 'load': {
        const loaded = service.loadAccount(request.config);
        if (!loaded.ok) return Promise.resolve(failed(refusalError(loaded.refusal)));
        return done({ account: request.config.account.id, keys: loaded.keys });
      }
    }
  }

  async face(request: FaceRequest, account: string, user?: string): Promise<FaceAnswer> {
    const { url } = await (this.faceServer ??= this.startFaces());
    const held = this.service.credentialsOf(account);
    const key =
      user === undefined ? undefined : this.service.keysOf(account).find((k) => k.user === user)?.key;
    const answer = await faceFetch(url, request, {
      accountSid: held?.twilio.accountSid ?? '',
      twilioSecret: key ?? held?.twilio.authToken ?? '',
      telnyxSecret: key ?? held?.telnyx.apiKey ?? '',
    });
    // A face reads some rules before it calls the engine (a STOP, at create): a refusal by a
    // rule is that rule's check having run, for coverage.
    const outcome = faceOutcome(request.face, answer);
    if (!outcome.ok && outcome.error.rule !== undefined) this.service.sim.tracer?.(outcome.error.rule);
    return answer;
  }

  advance(ms: number): Promise<void> {
    this.service.advance(ms);
    return Promise.resolve();
  }

  clock(): Promise<ClockState> {
    const view = this.service.clock.view();
    const next = this.service.sim.nextDue();
    return Promise.resolve({
      now: this.service.clock.now(),
      mode: view.mode,
      scale: view.scale,
      ...(next === undefined ? {} : { nextDue: next }),
    });
  }

  events(since = 0): Promise<SimEvent[]> {
    return Promise.resolve(this.service.sim.eventsSince(since));
  }

  invariants(): Promise<string[]> {
    return Promise.resolve(this.service.sim.invariants());
  }

  async settle(): Promise<string | undefined> {
    const dispatcher = this.dispatcher;
    if (!dispatcher) return undefined;
    // Each attempt due now is made; a retry goes to a later virtual time, so this ends.
    for (let round = 0; !dispatcher.settled() && round < 1000; round++) {
      dispatcher.pump();
      await dispatcher.idle();
    }
    return dispatcher.settled() ? undefined : 'webhook deliveries did not settle';
  }

  async close(): Promise<void> {
    this.dispatcher?.stop();
    const started = this.faceServer;
    this.faceServer = undefined;
    if (!started) return;
    const { server } = await started;
    server.closeAllConnections();
    await new Promise<void>((done) => server.close(() => done()));
  }

  /** Webhooks start with the first subscription: a run without one pays nothing per event. */
  private startDispatcher(): void {
    if (this.dispatcher) return;
    this.dispatcher = new WebhookDispatcher(this.service, { formats: faceFormats });
    this.dispatcher.start();
  }

  /**
   * The provider faces' routes over this same service, as `tendlc serve` mounts them, on a port
   * of 127.0.0.1: a via step makes the request an integrator's SDK makes, and the face answers it
   * from the engine's rules. The clock stays the run's (manual); webhooks go through the run's
   * dispatcher once a subscription has started it.
   */
  private async startFaces(): Promise<{ server: Server; url: string }> {
    const app = express();
    app.disable('x-powered-by');
    app.set('strict routing', true);
    const parts = {
      service: this.service,
      webhooks: this.dispatcher ?? new WebhookDispatcher(this.service, { formats: faceFormats }),
      metrics: new Metrics(),
      openapi: {},
      afterChange: () => this.dispatcher?.pump(),
    };
    for (const face of providerFaces) app.use(face.prefix, face.routes(parts));
    const server = createServer(app);
    await new Promise<void>((done, fail) => {
      server.once('error', fail);
      server.listen(0, '127.0.0.1', () => {
        server.off('error', fail);
        done();
      });
    });
    const { port } = server.address() as AddressInfo;
    return { server, url: `http://127.0.0.1:${String(port)}` };
  }

  /**
   * A command's or a read's answer as the API gives it: a refusal with its status and code; a
   * resource without its port-out PIN for a user who is neither owner nor admin. Times stay epoch
   * milliseconds, as the HTTP target reads the API's ISO 8601 times back into.
   */
  private answer(
    outcome: { ok: true; result?: unknown } | { ok: false; refusal: Refusal },
    actor?: ActorRef,
  ): TargetOutcome {
    if (!outcome.ok) return failed(refusalError(outcome.refusal));
    const role = actor && this.service.actor(actor)?.role;
    if (role === undefined || role === 'owner' || role === 'admin')
      return { ok: true, result: outcome.result };
    const result = outcome.result;
    return { ok: true, result: Array.isArray(result) ? result.map(withoutPin) : withoutPin(result) };
  }
}

/** The API's 400 for a body its schema refuses, as the server answers it. */
function problemOf(route: Route | undefined, trace: RuleTrace | undefined): TargetOutcome | undefined {
  if (!route?.schema) return undefined;
  const refused = bodyError(checkBody(route.schema, route.body ?? {}));
  // A schema part that writes a rule's check (a phone number's pattern) refused it: that rule's check ran.
  if (refused?.body.error.rule !== undefined) trace?.(refused.body.error.rule);
  return refused && failed(refused);
}

function withoutPin(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || !('portPin' in value)) return value;
  const { portPin: _pin, ...rest } = value as Record<string, unknown>;
  return rest;
}

function failed(answer: ReturnType<typeof httpError>): TargetOutcome {
  const { status, code, rule, errorCode, message, details } = answer.body.error;
  return {
    ok: false,
    error: {
      status,
      code,
      message,
      ...(rule === undefined ? {} : { rule }),
      ...(errorCode === undefined ? {} : { errorCode }),
      ...(details === undefined ? {} : { details }),
    },
  };
}

function done(result: unknown): Promise<TargetOutcome> {
  return Promise.resolve({ ok: true, result: structuredClone(result) });
}

function hideSecret<T extends { secret: string }>(w: T): Omit<T, 'secret'> {
  const { secret: _secret, ...rest } = w;
  return rest;
}
