import type express from 'express';
import { type Response } from 'express';
import { requireAdmin } from '../../engine/world/access.js';
import type { ActorRef, SimulatorService } from '../service.js';
import type { WebhookSubscription } from '../webhook-subscription.js';
import type { WebhookDispatcher } from '../webhooks.js';
import type { AppParts } from './app.js';
import { sendError, sendPage } from './app.js';
import { httpError, refusalError } from './errors.js';
import { operation } from './operations.js';

/**
 * `/v1/webhooks`: the account's subscriptions. Webhooks are the account's: owners and admins
 * manage them (the engine's `number-admin-role`); any key of the account reads them.
 */
export function addWebhookRoutes(
  r: express.Router,
  service: SimulatorService,
  webhooks: WebhookDispatcher,
  parts: Pick<AppParts, 'afterChange'>,
): void {
  const manager = (res: Response): ActorRef | undefined => {
    const ref = res.locals.caller.actor!;
    const denied = requireAdmin(service.actor(ref), 'manage webhooks');
    if (!denied) return ref;
    sendError(res, refusalError(denied));
    return undefined;
  };
  const own = (res: Response): WebhookSubscription | undefined => {
    const id = String(res.locals.params.id);
    const found = service.webhooksOf(res.locals.caller.actor!.account).find((w) => w.id === id);
    if (!found) sendError(res, httpError(404, `webhook '${id}' does not exist`));
    return found;
  };

  r.post('/webhooks', operation('createWebhook'), (req, res) => {
    const actor = manager(res);
    if (!actor) return;
    const { url, events } = req.body as { url: string; events: string[] };
    const created = service.addWebhook(actor.account, url, events);
    parts.afterChange();
    res.status(201).json(created);
  });
  r.get('/webhooks', operation('listWebhooks'), (_req, res) => {
    sendPage(res, service.webhooksOf(res.locals.caller.actor!.account).map(hideSecret), service);
  });
  r.get('/webhooks/:id', operation('getWebhook'), (_req, res) => {
    const found = own(res);
    if (found) res.json(hideSecret(found));
  });
  r.delete('/webhooks/:id', operation('deleteWebhook'), (_req, res) => {
    const actor = manager(res);
    if (!actor) return;
    const id = String(res.locals.params.id);
    if (!service.removeWebhook(actor.account, id))
      return sendError(res, httpError(404, `webhook '${id}' does not exist`));
    parts.afterChange();
    res.json({ id, deleted: true });
  });
  r.get('/webhooks/:id/deliveries', operation('listWebhookDeliveries'), (_req, res) => {
    const found = own(res);
    if (found) sendPage(res, webhooks.deliveriesOf(found.id), service);
  });
}

function hideSecret<T extends { secret: string }>(w: T): Omit<T, 'secret'> {
  const { secret: _secret, ...rest } = w;
  return rest;
}
