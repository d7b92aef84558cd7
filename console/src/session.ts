/**
 * Who the tab is signed in as, kept in sessionStorage: for this tab only, gone when it closes,
 * and never put in a URL. A user's key reads the account's pages; the admin token reads the
 * control plane and, once the admin picks a user, that user's key reads the pages.
 */
export interface Session {
  admin?: string;
  key?: string;
  account?: string;
  user?: string;
  role?: string;
  subgroups?: string[];
}

const STORE = 'tendlc.session';

export function load(): Session {
  try {
    return JSON.parse(sessionStorage.getItem(STORE) ?? '{}') as Session;
  } catch {
    return {};
  }
}

/** The window event a sign-in or a switch of user fires, so that the shell follows. */
export const SESSION_CHANGED = 'tendlc:session';

export function save(session: Session): void {
  sessionStorage.setItem(STORE, JSON.stringify(session));
  window.dispatchEvent(new Event(SESSION_CHANGED));
}

export function clear(): void {
  sessionStorage.removeItem(STORE);
}

/** Whether the tab holds the admin token. */
export function isAdmin(): boolean {
  return load().admin !== undefined;
}
