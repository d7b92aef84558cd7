import type { Command, Query } from '../../engine/world/index.js';
import type { RequestSchema } from '../../simulator/http/operations.js';
import type { ControlRequest, WebhookRequest } from './target.js';

/**
 * An operation as the API serves it: method, path, body, the schema the server checks the body
 * against (the in-process target checks the same one, so that a malformed step is refused alike),
 * and whether it takes the admin token.
 */
export interface Route {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  path: string;
  body?: unknown;
  schema?: RequestSchema;
  admin?: boolean;
}

const enc = encodeURIComponent;

/** The route of each action (docs/scenarios.md's table). */
export function commandRoute(command: Command): Route | undefined {
  const { action: _action, ...fields } = command as Command & Record<string, unknown>;
  const f = fields as Record<string, unknown>;
  const without = (...keys: string[]) =>
    Object.fromEntries(Object.entries(f).filter(([k]) => !keys.includes(k)));
  switch (command.action) {
    case 'register_brand':
      return { method: 'POST', path: '/v1/brands', body: f, schema: 'CreateBrand' };
    case 'request_vetting':
      return { method: 'POST', path: `/v1/brands/${enc(command.brand)}/vetting` };
    case 'submit_campaign':
      return { method: 'POST', path: '/v1/campaigns', body: f, schema: 'SubmitCampaign' };
    case 'order_number':
      return { method: 'POST', path: '/v1/numbers', body: f, schema: 'OrderNumber' };
    case 'rename_number':
      return patch(command.number, { name: command.name });
    case 'assign_number':
      return patch(command.number, { campaign: command.campaign });
    case 'set_inbox':
      return patch(command.number, { inbox: { mode: command.mode, agents: command.agents } });
    case 'release_number':
      return { method: 'DELETE', path: `/v1/numbers/${enc(command.number)}` };
    case 'port_out':
      return {
        method: 'POST',
        path: `/v1/numbers/${enc(command.number)}/port-out`,
        body: { pin: command.pin },
        schema: 'PortOut',
      };
    case 'create_outreach':
      return { method: 'POST', path: '/v1/outreach', body: f, schema: 'CreateOutreach' };
    case 'launch_outreach':
      return {
        method: 'POST',
        path: `/v1/outreach/${enc(command.id)}/launch`,
        body: without('id'),
        schema: 'LaunchOutreach',
      };
    case 'complete_outreach':
      return { method: 'POST', path: `/v1/outreach/${enc(command.id)}/complete` };
    case 'send':
      return { method: 'POST', path: '/v1/messages', body: f, schema: 'SendMessage' };
    case 'reply':
      return {
        method: 'POST',
        path: `/v1/sim/handsets/${enc(command.from)}/messages`,
        body: { to: command.to, body: command.body },
        schema: 'HandsetMessage',
        admin: true,
      };
    case 'fault':
      return { method: 'POST', path: '/v1/sim/faults', body: f, schema: 'InjectFault', admin: true };
    case 'clear_fault':
      return { method: 'DELETE', path: `/v1/sim/faults/${enc(command.id)}`, admin: true };
    default:
      return undefined;
  }
}

function patch(e164: string, body: object): Route {
  return { method: 'PATCH', path: `/v1/numbers/${enc(e164)}`, body, schema: 'UpdateNumber' };
}

/** The route of each read; a list is read whole, page after page. */
export function queryRoute(q: Query, account: string): Route {
  switch (q.of) {
    case 'account':
      return { method: 'GET', path: `/v1/sim/accounts/${enc(account)}`, admin: true };
    case 'brand':
      return { method: 'GET', path: `/v1/brands/${enc(q.id)}` };
    case 'campaign':
      return { method: 'GET', path: `/v1/campaigns/${enc(q.id)}` };
    case 'number':
      return { method: 'GET', path: `/v1/numbers/${enc(q.e164)}` };
    case 'outreach-item':
      return { method: 'GET', path: `/v1/outreach/${enc(q.id)}` };
    case 'message':
      return { method: 'GET', path: `/v1/messages/${enc(q.id)}` };
    case 'handset':
      return { method: 'GET', path: `/v1/sim/handsets/${enc(q.e164)}/messages?limit=1000`, admin: true };
    case 'conversations':
      return { method: 'GET', path: `/v1/conversations?limit=1000${q.tab ? `&tab=${q.tab}` : ''}` };
    case 'messages':
      return {
        method: 'GET',
        path: `/v1/messages?limit=1000${params({ status: q.status, to: q.to, from: q.from, outreach: q.outreach })}`,
      };
    case 'available-numbers':
      return {
        method: 'GET',
        path: `/v1/available-numbers?areaCode=${enc(q.areaCode)}${params({
          limit: q.limit === undefined ? undefined : String(q.limit),
          kind: q.dedicated ? 'campaign' : undefined,
        })}`,
      };
    default:
      return { method: 'GET', path: `/v1/${q.of}?limit=1000` };
  }
}

function params(values: Record<string, string | undefined>): string {
  return Object.entries(values)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `&${k}=${enc(v!)}`)
    .join('');
}

/** The route of each webhook operation. */
export function webhookRoute(request: WebhookRequest): Route {
  switch (request.op) {
    case 'subscribe':
      return {
        method: 'POST',
        path: '/v1/webhooks',
        body: { url: request.url, events: request.events },
        schema: 'CreateWebhook',
      };
    case 'unsubscribe':
      return { method: 'DELETE', path: `/v1/webhooks/${enc(request.id)}` };
    case 'list':
      return { method: 'GET', path: '/v1/webhooks' };
    case 'get':
      return { method: 'GET', path: `/v1/webhooks/${enc(request.id)}` };
    case 'deliveries':
      return { method: 'GET', path: `/v1/webhooks/${enc(request.id)}/deliveries` };
  }
}

/** The route of each control-plane operation. */
export function controlRoute(request: ControlRequest): Route {
  switch (request.op) {
    case 'snapshot':
      return { method: 'POST', path: '/v1/sim/snapshot', admin: true };
    case 'restore':
      return {
        method: 'POST',
        path: '/v1/sim/restore',
        body: { id: request.id },
        schema: 'Restore',
        admin: true,
      };
    case 'reset':
      return {
        method: 'POST',
        path: '/v1/sim/reset',
        body: {
          ...(request.seed === undefined ? {} : { seed: request.seed }),
          ...(request.latency === undefined ? {} : { latency: request.latency }),
          ...(request.start === undefined ? {} : { start: new Date(request.start).toISOString() }),
          profile: request.profile,
        },
        schema: 'Reset',
        admin: true,
      };
    case 'seed':
      return {
        method: 'POST',
        path: '/v1/sim/seed',
        body: { seed: request.seed },
        schema: 'Seed',
        admin: true,
      };
    case 'clock':
      return {
        method: 'POST',
        path: '/v1/sim/clock',
        body: { mode: request.mode, ...(request.scale === undefined ? {} : { scale: request.scale }) },
        schema: 'SetClock',
        admin: true,
      };
    case 'load':
      return {
        method: 'POST',
        path: '/v1/sim/accounts',
        body: request.config,
        schema: 'AccountConfig',
        admin: true,
      };
  }
}
