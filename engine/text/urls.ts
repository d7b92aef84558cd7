/**
 * Links and phone numbers inside message text: what `campaign-embedded-link` and
 * `public-url-shortener` look for. A link is a URL with a scheme, or a bare host name with a
 * known top-level shape (`bit.ly/x`, `acme.example/open-house`).
 */
const LINK = /\b(?:https?:\/\/)?((?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,})(?::\d+)?(?:\/[^\s]*)?/giu;
const WITH_SCHEME = /\bhttps?:\/\//iu;

/** The host names of the links in a text, lower case, in order. */
export function findLinkHosts(text: string): string[] {
  const hosts: string[] = [];
  for (const match of text.matchAll(LINK)) {
    const host = (match[1] ?? '').toLowerCase();
    if (looksLikeLink(match[0], host)) hosts.push(host);
  }
  return hosts;
}

// "Reply STOP.Thanks" is not a link: a bare host needs a path, a www., or a common top-level domain.
function looksLikeLink(whole: string, host: string): boolean {
  if (WITH_SCHEME.test(whole) || whole.includes('/') || host.startsWith('www.')) return true;
  return /\.(com|net|org|io|co|us|ly|gl|gd|at|cc|me|info|biz|example|app|link)$/u.test(host);
}

/** The public URL shorteners of `shorteners` that the text links to. */
export function findShorteners(text: string, shorteners: readonly string[]): string[] {
  const hosts = findLinkHosts(text);
  const lower = shorteners.map((s) => s.toLowerCase());
  return lower.filter((s) => hosts.some((host) => host === s || host.endsWith(`.${s}`)));
}

const PHONE_IN_TEXT = /(?:\+?1[\s.-]?)?\(?[2-9]\d{2}\)?[\s.-]?[2-9]\d{2}[\s.-]?\d{4}\b/u;

/** Whether a text carries a US phone number. */
export function hasPhoneNumber(text: string): boolean {
  return PHONE_IN_TEXT.test(text);
}

const EMAIL = /[^\s@]+@[^\s@]+\.[a-z]{2,}/iu;

/** Whether a text carries an email address. */
export function hasEmail(text: string): boolean {
  return EMAIL.test(text);
}
