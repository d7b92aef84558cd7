import { h, replace } from './dom.js';
import { clockBadge, followClock } from './header-clock.js';
import { connect, onStatus } from './live.js';
import { Page } from './page.js';
import { routes, type Route } from './routes.js';
import { clear, load, SESSION_CHANGED } from './session.js';
import { disconnect, resetPosition } from './live.js';

/** The pages of the navigation, in the order of the journey. */
const NAV: ReadonlyArray<readonly [string, string]> = [
  ['#/numbers', 'Phone Numbers'],
  ['#/brands', 'Brands & Campaigns'],
  ['#/messages', 'Messages'],
  ['#/inbox', 'Inbox'],
  ['#/journey', 'Journey'],
  ['#/throughput', 'Throughput'],
  ['#/events', 'Events'],
  ['#/webhooks', 'Webhooks'],
  ['#/clock', 'Clock'],
  ['#/rules', 'Rules'],
];

let current: Page | undefined;
// The first page of a visit keeps the focus where the browser puts it (the skip link comes
// first); each later page moves it to its heading, so that a screen reader starts there.
let firstRoute = true;
const main = h('main', { id: 'main', tabindex: '-1' });
const nav = h('nav', { 'aria-label': 'Pages' });
const who = h('span', { class: 'who' });
const liveBadge = h('span', { class: 'live off', role: 'status' }, 'offline');

function shell(): void {
  const skip = h(
    'a',
    {
      class: 'skip',
      href: '#main',
      onclick: (e: Event) => {
        e.preventDefault();
        main.focus();
      },
    },
    'Skip to content',
  );
  const header = h(
    'header',
    { class: 'top' },
    h('a', { href: '#/numbers', class: 'brand' }, 'tendlc console'),
    clockBadge(),
    liveBadge,
    who,
  );
  document.body.replaceChildren(skip, header, h('div', { class: 'body' }, nav, main));
  onStatus((on) => {
    liveBadge.textContent = on ? 'live' : 'reconnecting…';
    liveBadge.className = `live ${on ? 'on' : 'off'}`;
  });
}

/** The header's "who": the user the pages are read as, and a way out. */
function renderWho(): void {
  const s = load();
  const signOut = h(
    'button',
    {
      type: 'button',
      class: 'link',
      onclick: () => {
        clear();
        disconnect();
        renderWho();
        location.hash = '#/signin';
      },
    },
    'Sign out',
  );
  if (s.key === undefined && s.admin === undefined)
    return replace(who, h('a', { href: '#/signin' }, 'Sign in'));
  const as =
    s.user !== undefined
      ? `${s.user}${s.role === undefined ? '' : ` (${s.role})`} · ${s.account ?? ''}`
      : s.key !== undefined
        ? `a key of ${s.account ?? 'an account'}`
        : 'admin, no user picked';
  replace(
    who,
    h('span', null, as, s.subgroups && s.subgroups.length > 0 ? ` · ${s.subgroups.join(', ')}` : ''),
    s.admin === undefined ? null : h('a', { href: '#/signin', class: 'switch' }, 'Switch user'),
    signOut,
  );
}

function renderNav(path: string): void {
  replace(
    nav,
    h(
      'ul',
      null,
      NAV.map(([href, label]) =>
        h(
          'li',
          null,
          h('a', { href, 'aria-current': path.startsWith(href.slice(1)) ? 'page' : undefined }, label),
        ),
      ),
    ),
  );
}

/** Shows the page the hash names (`#/numbers/+12065550100`). */
async function route(): Promise<void> {
  const hash = location.hash;
  if (hash !== '' && !hash.startsWith('#/')) return;
  const path = decodeURIComponent(hash.slice(1) || '/');
  const s = load();
  if (path === '/') {
    location.replace(s.key !== undefined ? '#/numbers' : '#/signin');
    return;
  }
  let match: { route: Route; params: string[] } | undefined;
  for (const r of routes) {
    const m = r.pattern.exec(path);
    if (m) {
      match = { route: r, params: m.slice(1) };
      break;
    }
  }
  current?.leave();
  const page = new Page(main);
  current = page;
  renderNav(path);
  main.replaceChildren();
  main.setAttribute('aria-busy', 'true');
  if (!match) {
    main.append(
      page.heading('Not found'),
      h('p', null, `No page ${path}. `, h('a', { href: '#/numbers' }, 'Phone Numbers')),
    );
  } else if (match.route.needs === 'user' && s.key === undefined) {
    main.append(
      page.heading('Sign in'),
      h(
        'p',
        null,
        s.admin !== undefined ? 'Pick a user of an account to see its pages.' : 'Sign in to see this page.',
      ),
      h('p', null, h('a', { href: '#/signin' }, 'Sign in')),
    );
  } else {
    try {
      await match.route.render(page, ...match.params);
    } catch (error) {
      const { refusalView } = await import('./refusal.js');
      if (page.active) main.append(refusalView(error));
    }
  }
  if (page.active) {
    main.removeAttribute('aria-busy');
    if (!firstRoute && !main.contains(document.activeElement))
      (main.querySelector('h1') ?? main).focus({ preventScroll: true });
    firstRoute = false;
  }
}

/** Starts the stream and the clock for the tab's key, after a sign-in or a reload. */
function start(): void {
  renderWho();
  const s = load();
  if (s.key !== undefined || s.admin !== undefined) connect();
}

shell();
followClock();
start();
window.addEventListener(SESSION_CHANGED, () => {
  resetPosition();
  start();
});
window.addEventListener('hashchange', () => void route());
void route();
