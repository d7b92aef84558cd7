import type express from 'express';
import type { ProviderFace } from '../../engine/world/index.js';
import type { AppParts } from '../http/app.js';
import type { EventRoute, FaceFormat } from './routing.js';
import { telnyxFace } from './telnyx/index.js';
import { twilioFace } from './twilio/index.js';

/**
 * The provider faces: Twilio's and Telnyx's APIs as adapters over the simulator's service. Each
 * face gives its routes (mounted under its prefix, before the native API's authentication: a face
 * authenticates as its provider does), its routing of events to its webhook URLs, and its webhook
 * format. See docs/architecture.md.
 */
export interface ProviderFaceModule {
  face: ProviderFace;
  /** The path prefix its hosts map to (`/twilio`, `/telnyx`). */
  prefix: string;
  routes(parts: AppParts): express.Router;
  eventRoute: EventRoute;
  format: FaceFormat;
}

export const providerFaces: readonly ProviderFaceModule[] = [twilioFace, telnyxFace];

/** Every face's routing of events, for the service. */
export const faceEventRoutes: readonly EventRoute[] = providerFaces.map((f) => f.eventRoute);

/** Every face's webhook format, for the dispatcher. */
export const faceFormats: Partial<Record<ProviderFace, FaceFormat>> = Object.fromEntries(
  providerFaces.map((f) => [f.face, f.format]),
);
