import type { ProviderFaceModule } from '../index.js';
import { telnyxRoutes } from './routes.js';
import { telnyxEventRoute, telnyxFormat } from './webhooks.js';

/** Telnyx's API v2 at `/telnyx/v2`, its messaging webhooks, signed Ed25519 (docs/telnyx.md). */
export const telnyxFace: ProviderFaceModule = {
  face: 'telnyx',
  prefix: '/telnyx',
  routes: telnyxRoutes,
  eventRoute: telnyxEventRoute,
  format: telnyxFormat,
};
