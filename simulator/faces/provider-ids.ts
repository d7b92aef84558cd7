import { createHash } from 'node:crypto';

/**
 * A provider's id for a native one: derived, not stored, so that the same world gives the same
 * ids on every run and every machine, and a face needs no table to keep in step with the journal.
 * Each face maps back by looking the derived id up among the world's records of that kind.
 */
function digest(kind: string, nativeId: string): string {
  return createHash('sha256').update(`tendlc:${kind}:${nativeId}`).digest('hex');
}

/** A Twilio SID: its two-letter prefix (`SM`, `MG`, `PN`, `BN`, `QE`…) and 32 hex digits. */
export function twilioSid(prefix: string, nativeId: string): string {
  return `${prefix}${digest(prefix, nativeId).slice(0, 32)}`;
}

/** A UUID (version 4 layout) for a native id of a kind, as Telnyx names most resources. */
export function providerUuid(kind: string, nativeId: string): string {
  const h = digest(kind, nativeId);
  const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** A short upper-case id of `length` characters (Telnyx's brand `B…` and campaign `C…` ids). */
export function providerCode(prefix: string, nativeId: string, length = 7): string {
  return `${prefix}${digest(prefix, nativeId)
    .slice(0, length - prefix.length)
    .toUpperCase()}`;
}
