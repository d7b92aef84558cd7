/**
 * Days in the profile's time zone: daily caps reset at local midnight (`trust-score-throughput`).
 * The window of the current day is cached, so that a message costs a comparison, not an Intl
 * call; the window is computed from local wall time, which keeps 23- and 25-hour DST days right.
 */
interface DayWindow {
  zone: string;
  start: number;
  end: number;
  key: string;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
let cached: DayWindow | undefined;

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** Local date (`YYYY-MM-DD`) and milliseconds since local midnight of an instant. */
export function localParts(at: number, zone: string): { date: string; sinceMidnight: number; hour: number } {
  const parts: Record<string, string> = {};
  for (const p of formatter(zone).formatToParts(new Date(at))) parts[p.type] = p.value;
  const hour = Number(parts.hour);
  const sinceMidnight =
    ((hour * 60 + Number(parts.minute)) * 60 + Number(parts.second)) * 1000 + (((at % 1000) + 1000) % 1000);
  return { date: `${parts.year ?? ''}-${parts.month ?? ''}-${parts.day ?? ''}`, sinceMidnight, hour };
}

/** The instant local midnight began for the day containing `at`. */
export function startOfDay(at: number, zone: string): number {
  let start = at - localParts(at, zone).sinceMidnight;
  // After a DST change earlier that day, wall time since midnight is off by the shift: correct once.
  const check = localParts(start, zone).sinceMidnight;
  if (check !== 0) start -= check > 12 * 3_600_000 ? check - 24 * 3_600_000 : check;
  return start;
}

/** The key of the day `at` falls in, and when that day ends. */
export function dayOf(at: number, zone: string): { key: string; end: number } {
  if (cached && cached.zone === zone && at >= cached.start && at < cached.end) return cached;
  const start = startOfDay(at, zone);
  const end = startOfDay(start + 25 * 3_600_000, zone);
  cached = { zone, start, end, key: localParts(start, zone).date };
  return cached;
}
