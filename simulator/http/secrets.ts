/**
 * The simulator's own secrets, by their shape: user keys (`tdk_…`), the generated admin token
 * (`tda_…`), webhook secrets (`whsec_…`) and the accounts' Telnyx API keys (`KEY` and 32
 * characters). Logs and error messages show none of them, even when a client put one where an id
 * or a number goes. (A Twilio auth token is 32 bare hex digits, a shape too common to redact by;
 * the Twilio face never repeats one.)
 */
const SECRET = /\b(tdk|tda|whsec)_[A-Za-z0-9_-]+/gu;
const TELNYX_KEY = /\bKEY[A-Za-z0-9_-]{32}(?![A-Za-z0-9_-])/gu;

/** The text with every secret's body replaced: `tdk_[redacted]`, `KEY[redacted]`. */
export function redactSecrets(text: string): string {
  return text.replace(SECRET, '$1_[redacted]').replace(TELNYX_KEY, 'KEY[redacted]');
}

/** A JSON value with every secret in its strings replaced. */
export function redactSecretsIn<T>(value: T): T {
  const text = JSON.stringify(value);
  if (text === undefined) return value;
  const redacted = redactSecrets(text);
  return redacted === text ? value : (JSON.parse(redacted) as T);
}
