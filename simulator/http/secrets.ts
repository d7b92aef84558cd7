/**
 * The simulator's own secrets, by their shape: user keys (`tdk_…`), the generated admin token
 * (`tda_…`) and webhook secrets (`whsec_…`). Logs and error messages show none of them, even
 * when a client put one where an id or a number goes.
 */
const SECRET = /\b(tdk|tda|whsec)_[A-Za-z0-9_-]+/gu;

/** The text with every secret's body replaced: `tdk_[redacted]`. */
export function redactSecrets(text: string): string {
  return text.replace(SECRET, '$1_[redacted]');
}

/** A JSON value with every secret in its strings replaced. */
export function redactSecretsIn<T>(value: T): T {
  const text = JSON.stringify(value);
  if (text === undefined) return value;
  const redacted = redactSecrets(text);
  return redacted === text ? value : (JSON.parse(redacted) as T);
}
