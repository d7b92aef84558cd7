/**
 * The world's resources as Telnyx's API shows them: its field names, its statuses (mapped from the
 * engine's, as docs/telnyx.md tabulates), its ids, ISO 8601 times of the virtual clock. Each view's
 * type is checked against the `telnyx` SDK's response type by test/telnyx/types.typecheck.ts.
 *
 * One module per resource under views/; this one gathers them, so the routes, the webhooks and
 * that check import the views from one place.
 */

export { cspIdOf, recordIds, type Records } from './views/common.js';
export * from './views/brands.js';
export * from './views/campaigns.js';
export * from './views/messages.js';
export * from './views/numbers.js';
export * from './views/profiles.js';
