import { onEvent } from './live.js';
import type { Page } from './page.js';
import { brandPage, brandsPage, campaignPage, remember } from './pages/brands.js';
import { clockPage } from './pages/clock.js';
import { eventsPage } from './pages/events.js';
import { inboxPage } from './pages/inbox.js';
import { journeyPage } from './pages/journey.js';
import { messagesPage, threadPage } from './pages/messages.js';
import { numbersPage } from './pages/numbers.js';
import { rulePage, rulesPage } from './pages/rules.js';
import { signInPage } from './pages/signin.js';
import { throughputPage } from './pages/throughput.js';
import { webhooksPage } from './pages/webhooks.js';

/** A page of the console: the hash it answers (`#/numbers/+1206…`), what it needs, how it renders. */
export interface Route {
  pattern: RegExp;
  /** `user`: a user's key reads it; `any`: it shows without one. */
  needs: 'user' | 'any';
  render: (page: Page, ...params: string[]) => void | Promise<void>;
}

onEvent(remember);

export const routes: Route[] = [
  { pattern: /^\/signin$/u, needs: 'any', render: signInPage },
  { pattern: /^\/numbers$/u, needs: 'user', render: (p) => numbersPage(p) },
  { pattern: /^\/numbers\/([^/]+)$/u, needs: 'user', render: numbersPage },
  { pattern: /^\/brands$/u, needs: 'user', render: brandsPage },
  { pattern: /^\/brands\/([^/]+)$/u, needs: 'user', render: brandPage },
  { pattern: /^\/campaigns$/u, needs: 'user', render: brandsPage },
  { pattern: /^\/campaigns\/([^/]+)$/u, needs: 'user', render: campaignPage },
  { pattern: /^\/messages$/u, needs: 'user', render: messagesPage },
  { pattern: /^\/messages\/([^/]+)$/u, needs: 'user', render: threadPage },
  { pattern: /^\/inbox$/u, needs: 'user', render: (p) => inboxPage(p) },
  { pattern: /^\/inbox\/(participating|needs-attention)$/u, needs: 'user', render: inboxPage },
  { pattern: /^\/journey$/u, needs: 'user', render: journeyPage },
  { pattern: /^\/throughput$/u, needs: 'user', render: throughputPage },
  { pattern: /^\/events$/u, needs: 'any', render: eventsPage },
  { pattern: /^\/webhooks$/u, needs: 'user', render: webhooksPage },
  { pattern: /^\/clock$/u, needs: 'any', render: clockPage },
  { pattern: /^\/rules$/u, needs: 'any', render: rulesPage },
  { pattern: /^\/rules\/([^/]+)$/u, needs: 'any', render: rulePage },
];
