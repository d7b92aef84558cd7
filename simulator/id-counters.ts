import { isIdCounter, type WorldState } from '../engine/world/index.js';

/** The id counters of accounts a restore removed, by account id: their ids stay taken. */
export type RetiredCounters = Record<string, Record<string, number>>;

/** Raises each id counter of `counters` to at least its value in `floor`. */
export function raiseIdCounters(
  counters: Record<string, number>,
  floor: Readonly<Record<string, number>> | undefined,
): void {
  if (!floor) return;
  for (const [key, n] of Object.entries(floor))
    if (isIdCounter(key) && (counters[key] ?? 0) < n) counters[key] = n;
}

/**
 * A restore continues its history, so the ids it handed out stay taken: the restored world's id
 * counters (the world's and each account's) are raised to where they had got before it, and
 * those of accounts the restore removes are kept aside for an account of that id loaded later.
 * Counters that keep facts (not ids) are the restored world's, as the rules want them.
 */
export function carryIdCounters(
  before: Readonly<WorldState>,
  after: WorldState,
  retired: Readonly<RetiredCounters>,
): RetiredCounters {
  raiseIdCounters(after.counters, before.counters);
  const kept: RetiredCounters = structuredClone(retired);
  for (const [id, account] of Object.entries(before.accounts)) {
    const restored = after.accounts[id];
    if (restored) raiseIdCounters(restored.counters, account.counters);
    else raiseIdCounters((kept[id] ??= {}), account.counters);
  }
  for (const [id, account] of Object.entries(after.accounts)) {
    raiseIdCounters(account.counters, kept[id]);
    delete kept[id];
  }
  return kept;
}
