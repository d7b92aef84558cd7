import express, { type NextFunction, type Request, type Response } from 'express';
import type { AppParts } from '../../http/app.js';
import { faceCaller } from '../face-auth.js';
import type { ProviderFaceModule } from '../index.js';
import { twilioEventRoute, twilioFormat } from './callbacks.js';
import {
  ORIGIN,
  TwilioContext,
  errorHandler,
  sendError,
  type ServedRoute,
  type TwilioCall,
  type TwilioHost,
} from './context.js';
import { authError, notFound } from './errors.js';
import { mountAddresses } from './addresses.js';
import { mountBrands, mountVettings } from './brands.js';
import { mountCampaigns } from './campaigns.js';
import { mountMessages } from './messages.js';
import { mountNumbers } from './numbers.js';
import { mountServices } from './services.js';
import { mountTrustHub } from './trusthub.js';

/**
 * A resource file's mount function: it adds its routes with `ctx.route(host, method, path, …)`.
 * Each Twilio resource lives in its own file; this list is the face's whole surface.
 */
export type Mount = (ctx: TwilioContext) => void;

const MOUNTS: readonly Mount[] = [
  // trusthub.twilio.com/v1
  mountTrustHub,
  // messaging.twilio.com/v1
  mountBrands,
  mountVettings,
  mountServices,
  mountCampaigns,
  // api.twilio.com/2010-04-01
  mountAddresses,
  mountNumbers,
  mountMessages,
];

/** The routes of a face mounted on `parts` (the contract check reads them). */
export function twilioRoutes(parts: AppParts): { router: express.Router; ctx: TwilioContext } {
  const hosts: Record<TwilioHost, express.Router> = {
    api: express.Router({ mergeParams: true }),
    messaging: express.Router(),
    trusthub: express.Router(),
  };
  const ctx = new TwilioContext(parts, hosts);
  for (const mount of MOUNTS) mount(ctx);

  const router = express.Router();
  router.use(express.urlencoded({ extended: false, limit: '1mb', parameterLimit: 10_000 }));
  router.use(authenticate(parts));
  router.use('/api/2010-04-01/Accounts/:AccountSid', ownAccount, hosts.api);
  router.use('/messaging/v1', hosts.messaging);
  router.use('/trusthub/v1', hosts.trusthub);
  router.use((_req, res) => {
    sendError(res, notFound((res.locals.twilio as TwilioCall | undefined)?.path ?? ''));
  });
  router.use(errorHandler);
  return { router, ctx };
}

/** Every route the face serves, in the documents' form (`/v1/Services/{Sid}`): what the contract check compares. */
export function twilioServedRoutes(): ServedRoute[] {
  return twilioRoutes({} as AppParts).ctx.served;
}

/** HTTP Basic `AccountSid:AuthToken`, as Twilio takes it (or an owner's or admin's tendlc key). */
function authenticate(parts: AppParts) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const header = req.headers.authorization ?? '';
    const match = /^Basic\s+(.+)$/iu.exec(header);
    const decoded = match ? Buffer.from(match[1]!, 'base64').toString('utf8') : '';
    const colon = decoded.indexOf(':');
    if (colon < 0) {
      sendError(res, authError(401, 'HTTP Basic credentials (AccountSid:AuthToken) are required'));
      return;
    }
    const caller = faceCaller(parts.service, 'twilio', decoded.slice(colon + 1), decoded.slice(0, colon));
    if (!caller.ok) {
      sendError(res, authError(caller.status, caller.message));
      return;
    }
    const account = caller.actor.account;
    const accountSid = parts.service.credentialsOf(account)?.twilio.accountSid ?? '';
    // The path as Twilio's host serves it: `/twilio/api/2010-04-01/…` is `/2010-04-01/…`.
    const path = req.path.replace(/^\/(api|messaging|trusthub)/u, '');
    res.locals.twilio = { actor: caller.actor, account, accountSid, path } satisfies TwilioCall;
    parts.service.sync();
    next();
  };
}

/** The path's account must be the caller's: another account's resources do not exist for it. */
function ownAccount(req: Request, res: Response, next: NextFunction): void {
  const call = res.locals.twilio as TwilioCall;
  if ((req.params as Record<string, string>).AccountSid !== call.accountSid) {
    sendError(res, notFound(call.path));
    return;
  }
  next();
}

export const twilioFace: ProviderFaceModule = {
  face: 'twilio',
  prefix: '/twilio',
  routes: (parts) => twilioRoutes(parts).router,
  eventRoute: twilioEventRoute,
  format: twilioFormat,
};

export { ORIGIN };
