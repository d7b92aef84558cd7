import { parseDuration } from '../../engine/duration.js';
import { describeSelector, pick, type EventSelector } from './event-checks.js';
import type { RunContext } from './run-context.js';

/**
 * `advance: 15d` (or `{ by: 15d }`), `advance: { to: ISO-TIME }`, or `advance: { until: EVENT,
 * limit: 20d }`: timer by timer until that event happens, stopping at it; the step fails when the
 * limit comes first (the clock then stands at the limit).
 */
export async function advance(run: RunContext, args: unknown): Promise<string | undefined> {
  const spec = typeof args === 'object' && args !== null ? (args as Record<string, unknown>) : { by: args };
  if (spec.until !== undefined) return advanceUntil(run, spec.until as EventSelector, spec.limit);
  const { now } = await run.target.clock();
  let ms: number | undefined;
  if (spec.to !== undefined) {
    const at = Date.parse(String(spec.to));
    if (Number.isNaN(at)) return `advance to takes an ISO 8601 time, not ${JSON.stringify(spec.to)}`;
    if (at < now)
      return `advance to ${String(spec.to)}: the clock is already at ${new Date(now).toISOString()}`;
    ms = at - now;
  } else ms = duration(spec.by);
  if (ms === undefined || !(ms >= 0))
    return `advance takes a duration such as 15d or 1d12h, not ${JSON.stringify(spec.by)}`;
  await run.target.advance(ms);
  return undefined;
}

async function advanceUntil(
  run: RunContext,
  until: EventSelector,
  limit: unknown,
): Promise<string | undefined> {
  const most = duration(limit);
  if (most === undefined) return `advance until takes a limit such as 20d, not ${JSON.stringify(limit)}`;
  // Events from this step on count: the `nth` of a selector counts from here.
  const mark = (await run.target.events()).at(-1)?.id ?? 0;
  const { now } = await run.target.clock();
  const deadline = now + most;
  for (;;) {
    const { now: at, nextDue } = await run.target.clock();
    const last = nextDue === undefined || nextDue > deadline;
    await run.target.advance(last ? deadline - at : Math.max(0, nextDue - at));
    if (pick(await run.target.events(mark), until, mark)) return undefined;
    if (last) return `no ${describeSelector(until)} event within ${String(limit)}`;
  }
}

function duration(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  return typeof value === 'string' ? parseDuration(value) : undefined;
}
