import { h } from '../dom.js';
import { time } from '../format.js';
import { recent } from '../history.js';
import type { Page } from '../page.js';
import type { SimEvent } from '../types.js';

/** The page of the resource an event is about. */
export function linkOf(e: SimEvent): HTMLElement | null {
  const d = e.data;
  const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
  const contact = e.type === 'message.received' ? str(d.from) : (str(d.contact) ?? str(d.to));
  if (e.type.startsWith('number.') || e.type.startsWith('assignment.')) {
    const n = str(d.number);
    return n ? h('a', { href: `#/numbers/${n}` }, n) : null;
  }
  if (e.type.startsWith('campaign.')) {
    const c = str(d.campaign);
    return c ? h('a', { href: `#/campaigns/${c}` }, c) : null;
  }
  if (e.type.startsWith('brand.')) {
    const b = str(d.brand);
    return b ? h('a', { href: `#/brands/${b}` }, b) : null;
  }
  if ((e.type.startsWith('message.') || e.type.startsWith('optout.')) && contact)
    return h('a', { href: `#/messages/${contact}` }, contact);
  return null;
}

/**
 * Events: the live stream of the key's account (the WebSocket of the API), newest first,
 * filterable by type, each linking to the resource it is about.
 */
export function eventsPage(page: Page): void {
  const { main } = page;
  const filter = h('input', {
    type: 'search',
    name: 'types',
    placeholder: 'message. or number.provisioned',
    autocomplete: 'off',
  });
  const filterId = 'events-filter';
  filter.id = filterId;
  const list = h('ol', { class: 'events', 'aria-live': 'polite', 'aria-relevant': 'additions' });
  const shown = h('p', { class: 'shown' });
  main.append(
    page.heading('Events'),
    h('div', { class: 'field' }, h('label', { for: filterId }, 'Show types starting with'), filter),
    shown,
    list,
  );
  const matches = (e: SimEvent): boolean => {
    const q = filter.value.trim();
    return q === '' || q.split(',').some((p) => e.type.startsWith(p.trim()));
  };
  const item = (e: SimEvent): HTMLElement =>
    h(
      'li',
      { 'data-id': String(e.id) },
      h('span', { class: 'ev-id' }, `#${String(e.id)}`),
      ' ',
      time(e.at),
      ' ',
      h('code', { class: 'ev-type' }, e.type),
      ' ',
      linkOf(e),
      ' ',
      h('span', { class: 'ev-data' }, JSON.stringify(e.data)),
    );
  const render = (): void => {
    const visible = recent.filter(matches).slice(-200).reverse();
    list.replaceChildren(...visible.map(item));
    shown.textContent =
      recent.length === 0
        ? 'Waiting for events: they show here as they happen.'
        : `${String(visible.length)} shown (the latest 200 that match).`;
  };
  filter.addEventListener('input', render);
  page.live((e) => {
    if (!matches(e)) return;
    list.prepend(item(e));
    while (list.childElementCount > 200) list.lastElementChild?.remove();
    shown.textContent = '';
  });
  render();
}
