import express, { type Response } from 'express';
import type { AccountConfig } from '../../engine/account-config.js';
import { parseDuration } from '../../engine/duration.js';
import { normalizeConfig } from '../../engine/normalize-config.js';
import { normalizePhone } from '../../engine/phone.js';
import type { Command, MessageState } from '../../engine/world/index.js';
import type { CarrierProfile, LatencyName } from '../../engine/carrier-profile.js';
import { LATEST_TIME, type ClockSetting } from '../virtual-clock.js';
import { reply, sendError, sendPage, type AppParts } from './app.js';
import { operation } from './operations.js';
import { httpError, refusalError } from './errors.js';
import { eventView } from '../webhooks.js';
import { providerKeys } from '../faces/credentials.js';
import { paginate } from './views.js';
import { matchesType } from '../webhook-subscription.js';

/** `/v1/sim/`: the control plane, for the admin token. */
export function controlPlane(parts: AppParts): express.Router {
  const { service } = parts;
  const r = express.Router({ strict: true });
  const system = (res: Response, command: Command, status: number): void => {
    const outcome = service.execute(command);
    parts.afterChange();
    reply(res, outcome, status, service);
  };

  r.get('/clock', operation('getClock'), (_req, res) => {
    // `nextDue`: when the next timed event fires, so that a client can advance to it and no further.
    // A timer past the end of virtual time (a profile's absurd latency) never fires: nothing is due.
    const next = service.sim.nextDue();
    res.json({
      ...service.clock.view(),
      ...(next === undefined || next > LATEST_TIME ? {} : { nextDue: new Date(next).toISOString() }),
    });
  });
  r.post('/clock', operation('setClock'), (req, res) => {
    const { advance, mode, scale } = req.body as {
      advance?: string;
      mode?: ClockSetting['mode'];
      scale?: number;
    };
    // Everything is checked before anything changes: a refused request moves nothing.
    const ms = advance === undefined ? undefined : parseDuration(advance);
    if (advance !== undefined && ms === undefined)
      return sendError(
        res,
        httpError(400, `advance '${advance.slice(0, 64)}' is not a duration such as 15d, 1d12h or P1DT12H`, {
          field: '/advance',
        }),
      );
    // The end of virtual time depends on where the clock is: a conflict with the state, not a bad request.
    if (ms !== undefined && service.clock.now() + ms > LATEST_TIME)
      return sendError(
        res,
        httpError(
          409,
          `advance '${String(advance).slice(0, 64)}' would move the clock past the end of virtual time, ${new Date(LATEST_TIME).toISOString()}`,
          { field: '/advance' },
        ),
      );
    if (mode !== undefined)
      service.setClock({ mode, scale: mode === 'manual' ? 0 : mode === 'realtime' ? 1 : (scale as number) });
    if (ms !== undefined) service.advance(ms);
    parts.afterChange();
    res.json(service.clock.view());
  });

  r.get('/accounts', operation('listAccounts'), (_req, res) => {
    const world = service.sim.inspect();
    sendPage(
      res,
      service.accounts().map((id) => world.accounts[id]?.info),
      service,
    );
  });
  r.post('/accounts', operation('createAccount'), (req, res) => {
    const loaded = service.loadAccount(normalizeConfig(req.body as AccountConfig));
    parts.afterChange();
    if (!loaded.ok) return sendError(res, refusalError(loaded.refusal));
    res.status(201).json({ account: (req.body as AccountConfig).account.id, keys: loaded.keys });
  });
  r.get('/accounts/:id/keys', operation('listKeys'), (_req, res) => {
    const id = String(res.locals.params.id);
    if (!service.accounts().includes(id))
      return sendError(res, httpError(404, `account '${id}' does not exist`));
    const page = paginate(service.keysOf(id), res.locals.params ?? {});
    if ('error' in page) return sendError(res, page.error);
    const held = service.credentialsOf(id);
    res.json({ data: page.data, next: page.next, ...(held ? providerKeys(held) : {}) });
  });

  r.post('/handsets/:e164/messages', operation('handsetSend'), (req, res) => {
    const { to, body: text } = req.body as { to: string; body: string };
    system(res, { action: 'reply', from: String(res.locals.params.e164), to, body: text }, 201);
  });
  r.get('/handsets/:e164/messages', operation('handsetMessages'), (_req, res) => {
    const phone = normalizePhone(res.locals.params.e164);
    if (!phone.ok)
      return sendError(
        res,
        httpError(400, `${String(res.locals.params.e164)} is not a US number: ${phone.reason}`),
      );
    const result = service.query({ of: 'handset', e164: phone.e164 });
    const items = result.ok ? (result.result as unknown[]) : [];
    sendPage(res, items, service);
  });
  r.get('/outbox', operation('outbox'), (_req, res) => {
    const q = res.locals.params as Record<string, string | undefined>;
    const since = q.since === undefined ? -Infinity : Date.parse(q.since);
    const until = q.until === undefined ? Infinity : Date.parse(q.until);
    const number = q.number === undefined ? undefined : normalizePhone(q.number);
    const world = service.sim.inspect();
    const out: Array<MessageState & { account: string }> = [];
    for (const [id, account] of Object.entries(world.accounts)) {
      if (q.account !== undefined && q.account !== id) continue;
      for (const m of account.messages.values()) {
        if (m.direction !== 'outbound') continue;
        if (m.status !== (q.status ?? 'delivered')) continue;
        if (number?.ok && m.from !== number.e164) continue;
        const at = m.doneAt ?? m.createdAt;
        if (at < since || at > until) continue;
        out.push({ ...m, account: id });
      }
    }
    sendPage(res, out, service);
  });

  r.get('/events', operation('listEvents'), (_req, res) => {
    const q = res.locals.params as { since?: number; types?: string; account?: string };
    const since = q.since ?? 0;
    const types = q.types?.split(',').filter(Boolean);
    const events = service.sim
      .eventsSince(since)
      .filter(
        (e) => (q.account === undefined || e.account === q.account) && (!types || matchesType(e.type, types)),
      )
      .map(eventView);
    sendPage(res, events, service);
  });
  r.get('/invariants', operation('invariants'), (_req, res) => {
    res.json({ violations: service.sim.invariants() });
  });
  r.get('/faults', operation('listFaults'), (_req, res) => {
    sendPage(res, Object.values(service.sim.inspect().faults), service);
  });
  r.post('/faults', operation('injectFault'), (req, res) => {
    system(res, { action: 'fault', ...req.body } as Command, 201);
  });
  r.delete('/faults/:id', operation('clearFault'), (_req, res) => {
    system(res, { action: 'clear_fault', id: String(res.locals.params.id) }, 200);
  });

  r.post('/snapshot', operation('snapshot'), (_req, res) => {
    res.status(201).json(service.snapshot());
  });
  r.post('/restore', operation('restore'), (req, res) => {
    const refused = service.restore((req.body as { id: string }).id);
    parts.afterChange();
    if (refused) return sendError(res, refusalError(refused));
    res.json(service.clock.view());
  });
  r.post('/reset', operation('reset'), (req, res) => {
    const { seed, latency, start, profile } = req.body as {
      seed?: number;
      latency?: LatencyName;
      start?: string;
      profile?: CarrierProfile;
    };
    const at = start === undefined ? undefined : Date.parse(start);
    // RFC 3339 (the document's format) ends at year 9999, where virtual time ends too; an offset
    // can still carry the last minutes past it.
    if (at !== undefined && !(at <= LATEST_TIME))
      return sendError(
        res,
        httpError(
          409,
          `start '${String(start).slice(0, 40)}' is past the end of virtual time, ${new Date(LATEST_TIME).toISOString()}`,
          {
            field: '/start',
          },
        ),
      );
    service.reset({
      ...(profile === undefined ? {} : { profile }),
      ...(seed === undefined ? {} : { seed }),
      ...(latency === undefined ? {} : { latency }),
      ...(at === undefined ? {} : { start: at }),
    });
    parts.afterChange();
    res.json(service.clock.view());
  });
  r.post('/seed', operation('reseed'), (req, res) => {
    service.reseed((req.body as { seed: number }).seed);
    res.json({ seed: (req.body as { seed: number }).seed });
  });
  return r;
}
