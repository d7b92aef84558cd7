import { parseDuration } from '../../engine/duration.js';
import type { SimEvent } from '../../simulator/simulation.js';
import { matchesType } from '../../simulator/webhook-subscription.js';
import { describe, fieldMismatch, matches, mismatch } from './matchers.js';

/**
 * Which events a scenario means: a type (`campaign.approved`, or a pattern `message.*`), or
 * `{type, data, account, at, nth}`: the type, fields of its data (matchers allowed), the
 * account, its time (a matcher on the ISO time), and which of the matching ones (`1`, `2`, … or
 * `last`; default the first).
 */
export type EventSelector =
  | string
  | { type?: string; data?: Record<string, unknown>; account?: string; at?: unknown; nth?: number | 'last' };

/** Whether an event is one the selector means (its `nth` aside). */
export function selects(event: SimEvent, selector: EventSelector): boolean {
  const s = typeof selector === 'string' ? { type: selector } : selector;
  if (s.type !== undefined && !matchesType(event.type, [s.type])) return false;
  if (s.account !== undefined && event.account !== s.account) return false;
  if (s.at !== undefined && !matches(new Date(event.at).toISOString(), s.at)) return false;
  return s.data === undefined || fieldMismatch(event.data, s.data) === undefined;
}

/** The event a selector picks among `events` (in order), after an event id if given. */
export function pick(
  events: readonly SimEvent[],
  selector: EventSelector,
  afterId = 0,
): SimEvent | undefined {
  const found = events.filter((e) => e.id > afterId && selects(e, selector));
  const nth = typeof selector === 'string' ? 1 : (selector.nth ?? 1);
  return nth === 'last' ? found.at(-1) : found[nth - 1];
}

/** A selector in words, for messages: `'campaign.approved'`, `'message.failed' with {"errorCode":30027}`. */
export function describeSelector(selector: EventSelector): string {
  if (typeof selector === 'string') return `'${selector}'`;
  const parts = [`'${selector.type ?? '*'}'`];
  if (selector.data !== undefined) parts.push(`with ${JSON.stringify(selector.data)}`);
  if (selector.account !== undefined) parts.push(`of ${selector.account}`);
  if (selector.at !== undefined) parts.push(`at ${describe(selector.at)}`);
  if (selector.nth !== undefined)
    parts.push(`(${selector.nth === 'last' ? 'the last' : `number ${String(selector.nth)}`})`);
  return parts.join(' ');
}

/** `events: { type, data, account, count, order }`: how many match, and types in an order. */
export function checkEvents(events: readonly SimEvent[], spec: Record<string, unknown>): string | undefined {
  const { count, order, ...selector } = spec;
  if (count !== undefined) {
    const seen = events.filter((e) => selects(e, selector as EventSelector)).length;
    const differs = mismatch(seen, count);
    if (differs)
      return `${Object.keys(selector).length === 0 ? 'events' : `${describeSelector(selector as EventSelector)} events`}: the count ${differs}`;
  }
  if (Array.isArray(order)) {
    // Each in turn, after the one before (other events may come between).
    let after = 0;
    for (const [i, step] of (order as EventSelector[]).entries()) {
      const found = pick(events, typeof step === 'string' ? step : { ...step, nth: 1 }, after);
      if (!found)
        return `expected events in the order ${order.map((o) => describeSelector(o as EventSelector).replace(/'/gu, '')).join(' → ')}; ${describeSelector(step)} did not follow${i > 0 ? ` ${describeSelector(order[i - 1] as EventSelector)}` : ''}`;
      after = found.id;
    }
  }
  return undefined;
}

/**
 * `{ event, after?, before?, within?, notBefore?, between? }`: the first `event` after the
 * `after` event (default: the start), before the `before` event if given, and how long after
 * the anchor it came: at most `within`, at least `notBefore`, or `between: [least, most]`.
 */
export function checkTiming(
  events: readonly SimEvent[],
  spec: Record<string, unknown>,
  startedAt: number,
): string | undefined {
  const event = spec.event as EventSelector;
  let from = { id: 0, at: startedAt };
  let anchor = 'the start';
  if (spec.after !== undefined) {
    const found = pick(events, spec.after as EventSelector);
    if (!found) return `no ${describeSelector(spec.after as EventSelector)} event to measure from`;
    from = found;
    anchor = describeSelector(spec.after as EventSelector);
  }
  const found = pick(events, typeof event === 'string' ? event : { ...event }, from.id);
  if (!found) return `no ${describeSelector(event)} event after ${anchor}`;
  if (spec.before !== undefined) {
    const limit = pick(events, spec.before as EventSelector, from.id);
    if (!limit)
      return `no ${describeSelector(spec.before as EventSelector)} event for ${describeSelector(event)} to come before`;
    if (found.id > limit.id)
      return `${describeSelector(event)} came after ${describeSelector(spec.before as EventSelector)}, not before it`;
  }
  const took = found.at - from.at;
  const [least, most] = bounds(spec);
  const said = (d: unknown) => String(d);
  if (most !== undefined && took > most)
    return `${describeSelector(event)} came ${formatDuration(took)} after ${anchor}, not within ${said(spec.within ?? (spec.between as unknown[])[1])}`;
  if (least !== undefined && took < least)
    return `${describeSelector(event)} came ${formatDuration(took)} after ${anchor}, before ${said(spec.notBefore ?? (spec.between as unknown[])[0])}`;
  return undefined;
}

/** The least and most time a timing expectation allows, in milliseconds. */
function bounds(spec: Record<string, unknown>): [number | undefined, number | undefined] {
  const ms = (d: unknown) =>
    d === undefined ? undefined : typeof d === 'number' ? d : parseDuration(String(d));
  if (Array.isArray(spec.between)) return [ms(spec.between[0]), ms(spec.between[1])];
  return [ms(spec.notBefore), ms(spec.within)];
}

/** Milliseconds as a duration a scenario writes: `3d4h`, `90s`, `250ms`. */
export function formatDuration(ms: number): string {
  const units: Array<[string, number]> = [
    ['d', 86_400_000],
    ['h', 3_600_000],
    ['m', 60_000],
    ['s', 1000],
  ];
  let rest = ms;
  let out = '';
  for (const [unit, size] of units) {
    const n = Math.floor(rest / size);
    if (n > 0) out += `${String(n)}${unit}`;
    rest -= n * size;
  }
  return out || `${String(ms)}ms`;
}
