import { onEvent } from './live.js';
import type { SimEvent } from './types.js';

const KEEP = 1000;

/**
 * The events seen since the tab signed in, newest last: the Events page shows them at once, and
 * the brand and campaign timelines read their steps from here.
 */
export const recent: SimEvent[] = [];

onEvent((e) => {
  recent.push(e);
  if (recent.length > KEEP) recent.splice(0, recent.length - KEEP);
});
