import express, { type NextFunction, type Request, type Response } from 'express';
import { bearerOf } from '../../http/bearer.js';
import type { AppParts } from '../../http/app.js';
import type { SimulatorService } from '../../service.js';
import { StorageUnavailable } from '../../storage-error.js';
import { faceCaller } from '../face-auth.js';
import { mountBrands, mountVettings } from './brands.js';
import { mountCampaigns, mountNumberCampaigns } from './campaigns.js';
import { telnyxContext, type TelnyxContext } from './context.js';
import { faceError, sendTelnyxError } from './errors.js';
import { mountMessages } from './messages.js';
import { mountMessagingProfiles } from './messaging-profiles.js';
import { mountAvailableNumbers, mountNumberOrders, mountPhoneNumbers } from './numbers.js';

/**
 * A resource file's mount function: it adds its routes to `ctx.r`.
 * Each Telnyx resource family lives in its own file; this list is the face's whole surface.
 */
export type Mount = (ctx: TelnyxContext) => void;

const MOUNTS: readonly Mount[] = [
  // numbers
  mountAvailableNumbers,
  mountNumberOrders,
  mountPhoneNumbers,
  mountMessagingProfiles,
  // 10DLC
  mountBrands,
  mountVettings,
  mountCampaigns,
  mountNumberCampaigns,
  // messaging
  mountMessages,
];

/** Telnyx's API (`https://api.telnyx.com/v2`) under `/telnyx/v2`: each route one or a few engine commands. */
export function telnyxRoutes(parts: AppParts): express.Router {
  const r = express.Router({ strict: true });
  r.use(express.json({ limit: '1mb', strict: false }));
  r.use(authenticate(parts.service));
  const ctx = telnyxContext(parts, r);
  for (const mount of MOUNTS) mount(ctx);
  r.use((req, res) => {
    sendTelnyxError(res, faceError(404, 'notFound', `no route ${req.method} ${req.baseUrl}${req.path}`));
  });
  r.use(errorHandler);
  return r;
}

/** Telnyx authenticates with `Authorization: Bearer <API key>` (face-auth.ts decides whose). */
function authenticate(service: SimulatorService) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const token = bearerOf(req.headers.authorization);
    if (token === undefined)
      return sendTelnyxError(
        res,
        faceError(401, 'authentication', 'send your API key as Authorization: Bearer <API key>'),
      );
    const caller = faceCaller(service, 'telnyx', token);
    if (!caller.ok)
      return sendTelnyxError(
        res,
        faceError(caller.status, caller.status === 401 ? 'authentication' : 'authorization', caller.message),
      );
    res.locals.caller = { admin: false, actor: caller.actor };
    service.sync();
    next();
  };
}

/** Malformed JSON, a body too large, anything thrown: Telnyx's envelope, never a stack trace. */
function errorHandler(error: unknown, _req: Request, res: Response, _next: NextFunction): void {
  const e = error as { type?: string; status?: number; message?: string };
  if (e.type === 'entity.parse.failed')
    return sendTelnyxError(res, faceError(400, 'invalidJson', 'the request body is not valid JSON'));
  if (e.type === 'entity.too.large')
    return sendTelnyxError(res, faceError(413, 'tooLarge', 'the request body is too large'));
  if (error instanceof StorageUnavailable) {
    res.set('Retry-After', '1');
    return sendTelnyxError(res, faceError(503, 'internal', 'storage is unavailable; retry shortly'));
  }
  if (typeof e.status === 'number' && e.status >= 400 && e.status < 500)
    return sendTelnyxError(res, faceError(e.status, 'badRequest', 'the request could not be read'));
  process.stderr.write(
    `tendlc serve: internal error in the telnyx face: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  sendTelnyxError(res, faceError(500, 'internal', 'internal error'));
}
