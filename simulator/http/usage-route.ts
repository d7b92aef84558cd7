import type express from 'express';
import type { SimulatorService } from '../service.js';
import { reply } from './app.js';
import { operation } from './operations.js';

/** `GET /v1/usage`: the account's limits and how much of each is used, as the key may see them. */
export function addUsageRoute(r: express.Router, service: SimulatorService): void {
  r.get('/usage', operation('getUsage'), (_req, res) => {
    const result = service.query({ of: 'usage', now: service.clock.now() }, res.locals.caller.actor);
    reply(res, result, 200, service);
  });
}
