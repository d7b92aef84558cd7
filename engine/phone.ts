import { AREA_CODES_BY_ZONE } from './area-code-zones.js';

/**
 * US phone numbers (`recipient-us-10-digit`): an optional +1 or 1, then exactly ten
 * digits whose area code and exchange start with 2–9, written with or without hyphens, spaces,
 * dots or parentheses. Everything normalises to E.164 (`+1NPANXXXXXX`).
 */

export type PhoneResult = { ok: true; e164: string } | { ok: false; reason: string };

const SEPARATORS = /[\s.\-()]/g;
const E164 = /^\+1[2-9]\d\d[2-9]\d{6}$/;
const DIGITS_ONLY = /^\+?\d+$/;

/** Normalises a US number to E.164, or says why it is not one. Idempotent on its own output. */
export function normalizePhone(input: unknown): PhoneResult {
  // Most numbers arrive in E.164 already (and the world's own always do): keep the same string.
  if (typeof input === 'string' && E164.test(input)) return { ok: true, e164: input };
  if (typeof input !== 'string' && typeof input !== 'number') {
    return { ok: false, reason: `expected a phone number as text, got ${describe(input)}` };
  }
  const raw = String(input).trim();
  if (raw === '') return { ok: false, reason: 'the phone number is empty' };
  if (/[^\d\s.\-()+]/.test(raw)) {
    return {
      ok: false,
      reason: `'${raw}' has characters other than digits, +, spaces, hyphens, dots or parentheses`,
    };
  }
  const compact = raw.replace(SEPARATORS, '');
  if (!DIGITS_ONLY.test(compact)) {
    return { ok: false, reason: `'${raw}' has a '+' that is not at the start` };
  }
  const national = nationalDigits(compact);
  if (national === undefined) {
    return { ok: false, reason: `'${raw}' is not a US number: expected 10 digits, optionally after +1 or 1` };
  }
  if (!/^[2-9]/.test(national)) {
    return {
      ok: false,
      reason: `'${raw}' has area code ${national.slice(0, 3)}; an area code starts with 2–9`,
    };
  }
  if (!/^[2-9]/.test(national.slice(3))) {
    return {
      ok: false,
      reason: `'${raw}' has exchange ${national.slice(3, 6)}; an exchange starts with 2–9`,
    };
  }
  return { ok: true, e164: '+1' + national };
}

function nationalDigits(compact: string): string | undefined {
  if (compact.startsWith('+')) return /^\+1\d{10}$/.test(compact) ? compact.slice(2) : undefined;
  if (/^\d{10}$/.test(compact)) return compact;
  if (/^1\d{10}$/.test(compact)) return compact.slice(1);
  return undefined;
}

/** The area code (NPA) of an E.164 US number. */
export function areaCode(e164: string): string {
  return e164.slice(2, 5);
}

let zonesByAreaCode: Map<string, string[]> | undefined;

/** The time zones of an area code (`206` → `America/Los_Angeles`), or undefined when unknown. */
export function zonesOf(code: string): readonly string[] | undefined {
  if (!zonesByAreaCode) {
    zonesByAreaCode = new Map();
    for (const [zone, codes] of Object.entries(AREA_CODES_BY_ZONE))
      for (const c of codes.split(' ')) zonesByAreaCode.set(c, [...(zonesByAreaCode.get(c) ?? []), zone]);
  }
  return zonesByAreaCode.get(code);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'a mapping' : typeof value;
}
