import type { CarrierProfile } from '../carrier-profile.js';

// The GSM 03.38 basic set, and the extension characters that take two septets.
const GSM7_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM7_EXTENDED = '^{}\\[~]|€\f';
const BASIC = new Set(GSM7_BASIC);
const EXTENDED = new Set(GSM7_EXTENDED);

/** The encoding a message body travels in: GSM-7 when every character has a septet, else UCS-2. */
export function encodingOf(body: string): 'gsm7' | 'ucs2' {
  for (const char of body) if (!BASIC.has(char) && !EXTENDED.has(char)) return 'ucs2';
  return 'gsm7';
}

/**
 * The number of segments a body is billed and capped as (`message-segments`): one segment up to
 * the single limit, else parts of the concatenated size. UCS-2 counts UTF-16 code units, as
 * handsets do; GSM-7 counts extension characters twice.
 */
export function countSegments(body: string, profile: CarrierProfile): number {
  const sizes = profile.messages.segments;
  if (encodingOf(body) === 'gsm7') {
    let septets = 0;
    for (const char of body) septets += EXTENDED.has(char) ? 2 : 1;
    return split(septets, sizes.gsm7Single, sizes.gsm7Part);
  }
  return split(body.length, sizes.ucs2Single, sizes.ucs2Part);
}

function split(units: number, single: number, part: number): number {
  if (units <= single) return 1;
  return Math.ceil(units / part);
}
