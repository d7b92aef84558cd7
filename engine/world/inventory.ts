import type { CarrierProfile } from '../carrier-profile.js';
import type { NumberLifetime } from '../account-config.js';
import type { WorldContext, WorldState } from './types.js';

/** How many numbers an area code holds (`area-code-unavailable`, `scarce-area-code`). */
export function capacityOf(profile: CarrierProfile, areaCode: string): number {
  if (profile.numbers.emptyAreaCodes.includes(areaCode)) return 0;
  return profile.numbers.scarceAreaCodes[areaCode] ?? profile.numbers.inventoryPerAreaCode;
}

/** How many numbers an area code still has. */
export function remaining(state: WorldState, profile: CarrierProfile, areaCode: string): number {
  return Math.max(0, capacityOf(profile, areaCode) - (state.taken[areaCode] ?? 0));
}

/**
 * A free number in the area code, drawn from the seeded source. The 555-01xx range is left out:
 * those are the magic recipient numbers.
 */
export function pickNumber(state: WorldState, areaCode: string, ctx: Pick<WorldContext, 'random'>): string {
  for (;;) {
    const exchange = 200 + Math.floor(ctx.random() * 800);
    const line = Math.floor(ctx.random() * 10_000);
    const e164 = `+1${areaCode}${String(exchange)}${String(line).padStart(4, '0')}`;
    if (!state.owners[e164] && !(exchange === 555 && line >= 100 && line < 200)) return e164;
  }
}

/** Marks a number as held by an account. */
export function take(state: WorldState, account: string, e164: string): void {
  state.owners[e164] = account;
  const code = e164.slice(2, 5);
  state.taken[code] = (state.taken[code] ?? 0) + 1;
}

/** A number's lifetime: dedicated unless a campaign number says single-use (one-to-one ones always are). */
export function lifetimeOf(kind: string | undefined, lifetime: NumberLifetime | undefined): NumberLifetime {
  return kind === 'one-to-one' ? 'dedicated' : (lifetime ?? 'dedicated');
}

/** Whether a number of this kind and lifetime is dedicated (a campaign number is, unless single-use). */
export function isDedicated(kind: string | undefined, lifetime: string | undefined): boolean {
  return kind === 'campaign' && (lifetime ?? 'dedicated') === 'dedicated';
}

/**
 * Available numbers of an area code, for `GET /v1/available-numbers`: a deterministic sample.
 * None for a dedicated number in an excluded area code (`area-code-excluded`): the order would be
 * refused.
 */
export function availableNumbers(
  state: WorldState,
  profile: CarrierProfile,
  areaCode: string,
  limit = 10,
  dedicated = false,
): string[] {
  if (dedicated && profile.numbers.excludedAreaCodes.includes(areaCode)) return [];
  const count = Math.min(limit, remaining(state, profile, areaCode));
  const numbers: string[] = [];
  for (let i = 0; numbers.length < count && i < 10_000; i++) {
    const e164 = `+1${areaCode}${String(200 + (i % 800))}${String(1000 + i).padStart(4, '0')}`;
    if (!state.owners[e164]) numbers.push(e164);
  }
  return numbers;
}
