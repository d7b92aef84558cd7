import express, { type Response } from 'express';
import type { AccountConfig } from '../../engine/account-config.js';
import { parseDuration } from '../../engine/duration.js';
import { normalizeConfig } from '../../engine/normalize-config.js';
import { normalizePhone } from '../../engine/phone.js';
import type { Command, MessageState } from '../../engine/world/index.js';
import type { CarrierProfile, LatencyName } from '../../engine/carrier-profile.js';
import { checkSchema } from '../../engine/schemas/check-schema.js';
import { LATEST_TIME, type ClockSetting } from '../virtual-clock.js';
import { body, reply, sendError, sendPage, type AppParts } from './app.js';
import { httpError, refusalError } from './errors.js';
import { eventView } from '../webhooks.js';
import { matchesType } from '../webhook-subscription.js';

/** `/v1/sim/`: the control plane, for the admin token (api.md). */
export function controlPlane(parts: AppParts): express.Router {
  const { service } = parts;
  const r = express.Router();
  const system = (res: Response, command: Command, status: number): void => {
    const outcome = service.execute(command);
    parts.afterChange();
    reply(res, outcome, status, service);
  };

  r.get('/clock', (_req, res) => {
    // `nextDue`: when the next timed event fires, so that a client can advance to it and no further.
    const next = service.sim.nextDue();
    res.json({
      ...service.clock.view(),
      ...(next === undefined ? {} : { nextDue: new Date(next).toISOString() }),
    });
  });
  r.post('/clock', body('SetClock'), (req, res) => {
    const { advance, mode, scale } = req.body as {
      advance?: string;
      mode?: ClockSetting['mode'];
      scale?: number;
    };
    // Everything is checked before anything changes: a refused request moves nothing.
    if (mode === 'scale' && scale === undefined)
      return sendError(res, httpError(400, "mode 'scale' needs a scale, such as 60", { field: '/scale' }));
    const ms = advance === undefined ? undefined : parseDuration(advance);
    const wrong =
      advance === undefined
        ? undefined
        : ms === undefined
          ? 'is not a duration such as 15d, 1d12h or P1DT12H'
          : service.clock.now() + ms > LATEST_TIME
            ? `would move the clock past the end of virtual time, ${new Date(LATEST_TIME).toISOString()}`
            : undefined;
    if (advance !== undefined && wrong !== undefined)
      return sendError(
        res,
        httpError(400, `advance '${advance.slice(0, 64)}' ${wrong}`, { field: '/advance' }),
      );
    if (mode !== undefined)
      service.setClock({ mode, scale: mode === 'manual' ? 0 : mode === 'realtime' ? 1 : (scale as number) });
    if (ms !== undefined) service.advance(ms);
    parts.afterChange();
    res.json(service.clock.view());
  });

  r.get('/accounts', (_req, res) => {
    const world = service.sim.inspect();
    res.json({ data: service.accounts().map((id) => world.accounts[id]?.info), next: null });
  });
  r.post('/accounts', body('Account'), (req, res) => {
    const loaded = service.loadAccount(normalizeConfig(req.body as AccountConfig));
    parts.afterChange();
    if (!loaded.ok) return sendError(res, refusalError(loaded.refusal));
    res.status(201).json({ account: (req.body as AccountConfig).account.id, keys: loaded.keys });
  });
  r.get('/accounts/:id/keys', (req, res) => {
    const id = req.params.id;
    if (!service.accounts().includes(id))
      return sendError(res, httpError(404, `account '${id}' does not exist`));
    res.json({ data: service.keysOf(id), next: null });
  });

  r.post('/handsets/:e164/messages', body('HandsetMessage'), (req, res) => {
    const { to, body: text } = req.body as { to: string; body: string };
    system(res, { action: 'reply', from: req.params.e164 as string, to, body: text }, 201);
  });
  r.get('/handsets/:e164/messages', (req, res) => {
    const phone = normalizePhone(req.params.e164 as string);
    if (!phone.ok)
      return sendError(res, httpError(400, `${String(req.params.e164)} is not a US number: ${phone.reason}`));
    const result = service.query({ of: 'handset', e164: phone.e164 });
    const items = result.ok ? (result.result as unknown[]) : [];
    sendPage(res, items, service);
  });
  r.get('/outbox', (req, res) => {
    const q = req.query as Record<string, string | undefined>;
    const since = q.since === undefined ? -Infinity : Date.parse(q.since);
    const until = q.until === undefined ? Infinity : Date.parse(q.until);
    if (Number.isNaN(since) || Number.isNaN(until))
      return sendError(res, httpError(400, 'since and until are ISO 8601 times', { field: 'since' }));
    const world = service.sim.inspect();
    const out: Array<MessageState & { account: string }> = [];
    for (const [id, account] of Object.entries(world.accounts)) {
      if (q.account !== undefined && q.account !== id) continue;
      for (const m of account.messages.values()) {
        if (m.direction !== 'outbound') continue;
        if (m.status !== (q.status ?? 'delivered')) continue;
        if (q.number !== undefined && m.from !== q.number) continue;
        const at = m.doneAt ?? m.createdAt;
        if (at < since || at > until) continue;
        out.push({ ...m, account: id });
      }
    }
    sendPage(res, out, service);
  });

  r.get('/events', (req, res) => {
    const q = req.query as Record<string, string | undefined>;
    const since = q.since === undefined ? 0 : Number(q.since);
    if (!Number.isInteger(since) || since < 0)
      return sendError(res, httpError(400, 'since is an event id', { field: 'since' }));
    const types = q.types?.split(',').filter(Boolean);
    const events = service.sim
      .eventsSince(since)
      .filter(
        (e) => (q.account === undefined || e.account === q.account) && (!types || matchesType(e.type, types)),
      )
      .map(eventView);
    sendPage(res, events, service);
  });
  r.get('/invariants', (_req, res) => {
    res.json({ violations: service.sim.invariants() });
  });
  r.get('/faults', (_req, res) => {
    res.json({ data: Object.values(service.sim.inspect().faults), next: null });
  });
  r.post('/faults', body('Fault'), (req, res) => {
    system(res, { action: 'fault', ...req.body } as Command, 201);
  });
  r.delete('/faults/:id', (req, res) => {
    system(res, { action: 'clear_fault', id: req.params.id }, 200);
  });

  r.post('/snapshot', (_req, res) => {
    res.status(201).json(service.snapshot());
  });
  r.post('/restore', body('Restore'), (req, res) => {
    const refused = service.restore((req.body as { id: string }).id);
    parts.afterChange();
    if (refused) return sendError(res, refusalError(refused));
    res.json(service.clock.view());
  });
  r.post('/reset', body('Reset', true), (req, res) => {
    const { seed, latency, start, profile } = req.body as {
      seed?: number;
      latency?: LatencyName;
      start?: string;
      profile?: CarrierProfile;
    };
    const at = start === undefined ? undefined : Date.parse(start);
    if (at !== undefined && !(at <= LATEST_TIME))
      return sendError(
        res,
        httpError(
          400,
          `start '${String(start).slice(0, 40)}' is not an ISO 8601 time up to ${new Date(LATEST_TIME).toISOString()}`,
          { field: '/start' },
        ),
      );
    if (profile !== undefined) {
      const problems = checkSchema('carrier-profile', profile);
      if (problems.length > 0) {
        const first = problems[0];
        return sendError(
          res,
          httpError(
            400,
            first ? first.message.replace(/\bthe document\b/u, 'the profile') : 'not a carrier profile',
            {
              field: `/profile${first?.path ?? ''}`,
            },
          ),
        );
      }
    }
    service.reset({
      ...(profile === undefined ? {} : { profile }),
      ...(seed === undefined ? {} : { seed }),
      ...(latency === undefined ? {} : { latency }),
      ...(at === undefined ? {} : { start: at }),
    });
    parts.afterChange();
    res.json(service.clock.view());
  });
  r.post('/seed', body('Seed'), (req, res) => {
    service.reseed((req.body as { seed: number }).seed);
    res.json({ seed: (req.body as { seed: number }).seed });
  });
  return r;
}
