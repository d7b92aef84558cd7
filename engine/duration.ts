/**
 * Durations as the API and the files write them: `<n><unit>` with units ms, s, m, h, d, combinable (`1d12h`),
 * or ISO 8601 (`P1DT12H`, `PT90M`).
 */

const UNIT_MS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const COMPACT = /^(?:\d+(?:\.\d+)?(?:ms|s|m|h|d))+$/;
const PART = /(\d+(?:\.\d+)?)(ms|s|m|h|d)/g;
const ISO =
  /^P(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/** Milliseconds in a duration, or undefined when the text is not a duration. */
export function parseDuration(text: string): number | undefined {
  const s = text.trim();
  if (COMPACT.test(s)) {
    let total = 0;
    for (const [, n, unit] of s.matchAll(PART)) total += Number(n) * UNIT_MS[unit as string]!;
    return total;
  }
  const iso = ISO.exec(s.toUpperCase());
  if (iso && s.length > 1 && !s.toUpperCase().endsWith('T')) {
    const [, w, d, h, m, sec] = iso.map((v) => (v === undefined ? 0 : Number(v)));
    return ((((w! * 7 + d!) * 24 + h!) * 60 + m!) * 60 + sec!) * 1000;
  }
  return undefined;
}

/** Like parseDuration, for durations the program itself holds (profiles already schema-checked). */
export function durationMs(text: string): number {
  // The program's own durations are few (a profile's latencies) and read per message: parse each once.
  const known = parsed.get(text);
  if (known !== undefined) return known;
  const ms = parseDuration(text);
  if (ms === undefined) throw new Error(`not a duration: ${text}`);
  if (parsed.size < 1000) parsed.set(text, ms);
  return ms;
}

const parsed = new Map<string, number>();
