import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';

/**
 * An account's provider credentials, as the providers issue them: a Twilio account SID and auth
 * token, a Telnyx API key and the Ed25519 key pair its webhooks are signed with. Made once when
 * the account is loaded and kept with the state, so a restart keeps every integrator's secrets.
 */
export interface ProviderCredentials {
  twilio: { accountSid: string; authToken: string };
  telnyx: {
    apiKey: string;
    /** The raw 32-byte Ed25519 public key, base64: what Telnyx's portal shows and its SDK takes. */
    publicKey: string;
    /** The private key, PKCS#8 DER in base64: never shown, used to sign webhooks. */
    privateKey: string;
  };
}

/** What the keys route, the banner and the in-test handle show: the credentials without the private key. */
export interface ProviderKeys {
  twilio: { accountSid: string; authToken: string };
  telnyx: { apiKey: string; publicKey: string };
}

/**
 * The account's Twilio SID: `AC` and 32 hex digits derived from the account id, so that it is the
 * same on every run and every machine (an integrator's test config can name it).
 */
export function twilioAccountSid(account: string): string {
  return `AC${createHash('sha256').update(`tendlc:account:${account}`).digest('hex').slice(0, 32)}`;
}

/** New credentials for an account: the SID derived, the secrets random. */
export function newCredentials(account: string): ProviderCredentials {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  // An Ed25519 SPKI DER is a fixed 12-byte header and the 32-byte raw key.
  const raw = publicKey.export({ type: 'spki', format: 'der' }).subarray(-32);
  return {
    twilio: { accountSid: twilioAccountSid(account), authToken: randomBytes(16).toString('hex') },
    telnyx: {
      apiKey: `KEY${randomBytes(24).toString('base64url')}`,
      publicKey: raw.toString('base64'),
      privateKey: privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64'),
    },
  };
}

/** The credentials as shown: the private key stays in the state. */
export function providerKeys(credentials: ProviderCredentials): ProviderKeys {
  return {
    twilio: { ...credentials.twilio },
    telnyx: { apiKey: credentials.telnyx.apiKey, publicKey: credentials.telnyx.publicKey },
  };
}
