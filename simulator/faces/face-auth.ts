import { createHash, timingSafeEqual } from 'node:crypto';
import type { ProviderFace } from '../../engine/world/index.js';
import type { ActorRef, SimulatorService } from '../service.js';

/** Who calls a provider face: an account as the provider knows it, or why not. */
export type FaceCaller = { ok: true; actor: ActorRef } | { ok: false; status: 401 | 403; message: string };

/**
 * The caller of a provider face, as the providers authenticate: Twilio with HTTP Basic
 * `AccountSid:authToken` (`sid` given), Telnyx with `Bearer apiKey` (`sid` absent). The account's
 * own secret acts as the account (`@twilio`, `@telnyx`); an owner's or admin's tendlc key also
 * works in its place, acting as that user; a standard or limited user's key is refused (403), since
 * the providers have no such roles.
 */
export function faceCaller(
  service: SimulatorService,
  face: ProviderFace,
  secret: string,
  sid?: string,
): FaceCaller {
  const account = service.accountByCredential(face, face === 'twilio' ? (sid ?? '') : secret);
  if (account !== undefined && face === 'telnyx') return { ok: true, actor: { account, user: '@telnyx' } };
  if (account !== undefined && sameSecret(secret, service.credentialsOf(account)?.twilio.authToken))
    return { ok: true, actor: { account, user: '@twilio' } };
  const ref = service.actorOf(secret);
  const actor = ref && service.actor(ref);
  if (!ref || !actor || (face === 'twilio' && ref.account !== account))
    return { ok: false, status: 401, message: 'the credentials are not valid' };
  if (actor.role !== 'owner' && actor.role !== 'admin')
    return {
      ok: false,
      status: 403,
      message: `a ${actor.role} user's key cannot act through the ${face} face; use the account's credentials or an owner's or admin's key`,
    };
  return { ok: true, actor: ref };
}

/** Compares secrets in constant time (their digests, so lengths leak nothing either). */
function sameSecret(given: string, held: string | undefined): boolean {
  if (held === undefined) return false;
  const digest = (s: string): Buffer => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(given), digest(held));
}
