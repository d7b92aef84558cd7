import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import type { AccountConfig } from '../engine/account-config.js';
import type { CarrierProfile, LatencyName } from '../engine/carrier-profile.js';
import { parseDuration } from '../engine/duration.js';
import { createApp } from './http/app.js';
import { attachEventsSocket, type EventsSocketOptions } from './http/events-socket.js';
import { attachRequestLog, type RequestLogger } from './http/request-log.js';
import { PROJECT_ROOT } from './files/package-root.js';
import { Metrics } from './metrics.js';
import { providerKeys, type ProviderKeys } from './faces/credentials.js';
import { faceEventRoutes, faceFormats } from './faces/index.js';
import { SimulatorService, type UserKey } from './service.js';
import { Simulation } from './simulation.js';
import type { JournalFs } from './journal.js';
import { StateStore } from './store.js';
import type { ClockSetting, ClockView } from './virtual-clock.js';
import { WebhookDispatcher, type WebhookOptions } from './webhooks.js';

export interface ServerOptions {
  profile: CarrierProfile;
  /** Accounts to load into a fresh state. */
  configs?: AccountConfig[];
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** The lowdb state file; undefined keeps the state in memory. */
  data?: string;
  /** Start from nothing, even when the state file holds a state. */
  reset?: boolean;
  clock?: ClockSetting;
  latency?: LatencyName;
  seed?: number;
  adminToken?: string;
  /** The virtual time a fresh state starts at (epoch ms); default: now. */
  start?: number;
  wall?: () => number;
  snapshotEvery?: number;
  /** The journal's file-system calls: tests inject a full disk here. */
  journalFs?: JournalFs;
  webhooks?: WebhookOptions;
  events?: EventsSocketOptions;
  /** Requests a second per key before 429 (`--rate-limit`); default none. */
  rateLimit?: number;
  /** Events kept for `?since=` (default 100,000). */
  eventRetention?: number;
  /** Told of each request once answered (`serve --log-format`); never given a key. */
  requestLog?: RequestLogger;
}

/** The clock of a running simulator, for code that drives it in process. */
export interface ClockControl {
  now(): Date;
  view(): ClockView;
  /** Moves the virtual clock forward (`15d`, `1d12h`, `P1DT12H`, or milliseconds), firing all that is due. */
  advance(duration: string | number): void;
  set(setting: ClockSetting): void;
}

export interface RunningServer {
  url: string;
  port: number;
  adminToken: string;
  /** The keys of each account's users. */
  keys: Record<string, UserKey[]>;
  /** Each account's Twilio and Telnyx credentials (docs/twilio.md, docs/telnyx.md). */
  providers: Record<string, ProviderKeys>;
  clock: ClockControl;
  service: SimulatorService;
  webhooks: WebhookDispatcher;
  metrics: Metrics;
  /** Whether an existing state was loaded instead of the configs. */
  recovered: boolean;
  /** WebSocket consumers connected now. */
  eventClients(): number;
  /** Bytes waiting in the sockets of the consumers connected now. */
  eventBacklog(): number;
  /** Fires what is due by the virtual now, then waits until every webhook delivery due is made and recorded. */
  settle(): Promise<void>;
  stop(): Promise<void>;
}

const SAVE_EVERY_MS = 30_000;
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Starts `tendlc serve`: recovers or creates the state, then listens. */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  // The configs must all load before anything is journaled: a failed start leaves no state behind.
  const trial = new Simulation({ profile: options.profile });
  for (const config of options.configs ?? []) {
    const loaded = trial.load(config);
    if (!loaded.ok)
      throw new Error(`account '${config.account.id}' cannot be loaded: ${loaded.refusal.message}`);
  }
  const service = new SimulatorService({
    profile: options.profile,
    ...(options.wall ? { wall: options.wall } : {}),
    ...(options.eventRetention === undefined ? {} : { eventRetention: options.eventRetention }),
    ...(options.webhooks ? { outbox: options.webhooks } : {}),
    eventRoutes: faceEventRoutes,
  });
  const opened = options.data
    ? await StateStore.open(options.data, service, {
        reset: options.reset ?? false,
        ...(options.snapshotEvery === undefined ? {} : { snapshotEvery: options.snapshotEvery }),
        ...(options.journalFs === undefined ? {} : { fs: options.journalFs }),
      })
    : undefined;
  const store = opened?.store;
  const recovered = opened?.recovered === true && service.initialized;
  if (!recovered) {
    service.init({
      seed: options.seed ?? 1,
      latency: options.latency ?? 'realistic',
      start: options.start ?? (options.wall ?? Date.now)(),
      clock: options.clock ?? { mode: 'realtime', scale: 1 },
      ...(options.adminToken ? { adminToken: options.adminToken } : {}),
    });
    for (const config of options.configs ?? []) {
      const loaded = service.loadAccount(config);
      if (!loaded.ok)
        throw new Error(`account '${config.account.id}' cannot be loaded: ${loaded.refusal.message}`);
    }
    service.markInitial();
  } else {
    if (options.adminToken && !service.isAdmin(options.adminToken)) service.setAdminToken(options.adminToken);
    if (options.clock) service.setClock(options.clock);
  }

  const metrics = new Metrics();
  const webhooks = new WebhookDispatcher(service, { ...options.webhooks, formats: faceFormats });
  webhooks.start();
  let wake: NodeJS.Timeout | undefined;
  const afterChange = (): void => {
    webhooks.pump();
    if (store?.due) void store.save(service);
    armWake();
  };
  const armWake = (): void => {
    if (wake) clearTimeout(wake);
    wake = undefined;
    const dues = [service.sim.nextDue(), webhooks.nextDue()].filter((d): d is number => d !== undefined);
    if (dues.length === 0) return;
    const delay = service.clock.wallDelayUntil(Math.min(...dues));
    if (delay === undefined) return;
    wake = setTimeout(
      () => {
        service.sync();
        afterChange();
      },
      Math.min(delay, MAX_TIMER_MS),
    );
    wake.unref();
  };
  const saver = store
    ? setInterval(() => {
        if (store.pendingEntries > 0) void store.save(service);
      }, SAVE_EVERY_MS).unref()
    : undefined;

  const openapi = JSON.parse(
    readFileSync(resolve(PROJECT_ROOT, 'schemas', 'openapi.json'), 'utf8'),
  ) as object;
  const app = createApp({
    service,
    webhooks,
    metrics,
    openapi,
    afterChange,
    ...(options.rateLimit === undefined ? {} : { rateLimit: options.rateLimit }),
  });
  const server: Server = createServer(app);
  if (options.requestLog) attachRequestLog(server, options.requestLog);
  server.keepAliveTimeout = 65_000;
  const events = attachEventsSocket(server, service, options.events);
  metrics.watchStreams(() => ({ consumers: events.clients(), backlog: events.backlog() }));
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 4100, options.host ?? '127.0.0.1', () => {
      server.off('error', fail);
      done();
    });
  });
  afterChange();
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      if (wake) clearTimeout(wake);
      if (saver) clearInterval(saver);
      webhooks.stop();
      events.close();
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
      await store?.close(service);
    })();
    return stopping;
  };

  return {
    url: `http://${host}:${String(address.port)}`,
    port: address.port,
    adminToken: service.admin,
    keys: Object.fromEntries(service.accounts().map((id) => [id, service.keysOf(id)])),
    providers: Object.fromEntries(
      service.accounts().flatMap((id) => {
        const held = service.credentialsOf(id);
        return held ? [[id, providerKeys(held)]] : [];
      }),
    ),
    clock: {
      now: () => new Date(service.clock.now()),
      view: () => service.clock.view(),
      advance(duration) {
        const ms = typeof duration === 'number' ? duration : parseDuration(duration);
        if (ms === undefined)
          throw new RangeError(`'${String(duration)}' is not a duration such as 15d or 1d12h`);
        service.advance(ms);
        afterChange();
      },
      set(setting) {
        service.setClock(setting);
        afterChange();
      },
    },
    service,
    webhooks,
    metrics,
    recovered,
    eventClients: () => events.clients(),
    eventBacklog: () => events.backlog(),
    async settle() {
      service.sync();
      afterChange();
      await webhooks.drain();
    },
    stop,
  };
}
