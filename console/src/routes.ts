import './history.js';
import type { Page } from './page.js';
import { numbersPage } from './pages/numbers.js';
import { signInPage } from './pages/signin.js';

/** A page of the console: the hash it answers (`#/numbers/+1206…`), what it needs, how it renders. */
export interface Route {
  pattern: RegExp;
  /** `user`: a user's key reads it; `any`: it shows without one. */
  needs: 'user' | 'any';
  render: (page: Page, ...params: string[]) => void | Promise<void>;
}

// Phone Numbers and Sign in come with the first load; the other pages' modules load when first
// visited (the browser keeps them), so that the first page needs as few requests as it can.
const brands = () => import('./pages/brands.js');
const messages = () => import('./pages/messages.js');
const rules = () => import('./pages/rules.js');

export const routes: Route[] = [
  { pattern: /^\/signin$/u, needs: 'any', render: signInPage },
  { pattern: /^\/numbers$/u, needs: 'user', render: (p) => numbersPage(p) },
  { pattern: /^\/numbers\/([^/]+)$/u, needs: 'user', render: numbersPage },
  { pattern: /^\/brands$/u, needs: 'user', render: async (p) => (await brands()).brandsPage(p) },
  {
    pattern: /^\/brands\/([^/]+)$/u,
    needs: 'user',
    render: async (p, id) => (await brands()).brandPage(p, id!),
  },
  { pattern: /^\/campaigns$/u, needs: 'user', render: async (p) => (await brands()).brandsPage(p) },
  {
    pattern: /^\/campaigns\/([^/]+)$/u,
    needs: 'user',
    render: async (p, id) => (await brands()).campaignPage(p, id!),
  },
  { pattern: /^\/messages$/u, needs: 'user', render: async (p) => (await messages()).messagesPage(p) },
  {
    pattern: /^\/messages\/([^/]+)$/u,
    needs: 'user',
    render: async (p, contact) => (await messages()).threadPage(p, contact!),
  },
  {
    pattern: /^\/inbox$/u,
    needs: 'user',
    render: async (p) => (await import('./pages/inbox.js')).inboxPage(p),
  },
  {
    pattern: /^\/inbox\/(participating|needs-attention)$/u,
    needs: 'user',
    render: async (p, tab) => (await import('./pages/inbox.js')).inboxPage(p, tab),
  },
  {
    pattern: /^\/journey$/u,
    needs: 'user',
    render: async (p) => (await import('./pages/journey.js')).journeyPage(p),
  },
  {
    pattern: /^\/throughput$/u,
    needs: 'user',
    render: async (p) => (await import('./pages/throughput.js')).throughputPage(p),
  },
  {
    pattern: /^\/events$/u,
    needs: 'any',
    render: async (p) => (await import('./pages/events.js')).eventsPage(p),
  },
  {
    pattern: /^\/webhooks$/u,
    needs: 'user',
    render: async (p) => (await import('./pages/webhooks.js')).webhooksPage(p),
  },
  {
    pattern: /^\/clock$/u,
    needs: 'any',
    render: async (p) => (await import('./pages/clock.js')).clockPage(p),
  },
  { pattern: /^\/rules$/u, needs: 'any', render: async (p) => (await rules()).rulesPage(p) },
  { pattern: /^\/rules\/([^/]+)$/u, needs: 'any', render: async (p, id) => (await rules()).rulePage(p, id!) },
];
