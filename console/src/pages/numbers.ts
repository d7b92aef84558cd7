import { ApiError, del, enc, get, listAll, patch } from '../api.js';
import { field, h, replace, select } from '../dom.js';
import { orderForm } from '../forms.js';
import { badge, count, gauge, time } from '../format.js';
import type { Page } from '../page.js';
import { attempt } from '../refusal.js';
import type { Campaign, PhoneNumber, Usage } from '../types.js';

const STEP = 200;

/**
 * Phone Numbers: every number the key sees, with its provisioning status flag, name, kind,
 * lifetime, subgroup, campaign and assignment state; the dedicated-number and per-campaign
 * gauges; one number's card with rename, assign and release. The first rows show as soon as the
 * first page of the list arrives; the table grows STEP rows at a time, and live events update
 * the rows they name.
 */
export async function numbersPage(page: Page, selected?: string): Promise<void> {
  const { main } = page;
  const gauges = h('section', { class: 'gauges', 'aria-label': 'Limits' });
  const card = h('section', { class: 'detail', 'aria-live': 'polite' });
  const filter = h('input', {
    type: 'search',
    name: 'filter',
    placeholder: 'number, name, campaign, subgroup',
  });
  const shown = h('p', { class: 'shown', role: 'status' }, 'Loading…');
  const tbody = h('tbody');
  const more = h('button', { type: 'button', class: 'more', hidden: true }, 'Show more');
  const table = h(
    'table',
    { class: 'numbers' },
    h('caption', { class: 'sr-only' }, 'The account’s phone numbers'),
    h(
      'thead',
      null,
      h(
        'tr',
        null,
        ['Number', 'Name', 'Status', 'Kind', 'Lifetime', 'Subgroup', 'Campaign', 'Assignment'].map((c) =>
          h('th', { scope: 'col' }, c),
        ),
      ),
    ),
    tbody,
  );
  const orderSlot = h('div');
  main.append(
    page.heading('Phone Numbers'),
    gauges,
    card,
    h('div', { class: 'toolbar' }, field('Filter numbers', filter), shown),
    h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': 'Scrollable table' }, table),
    more,
    h('details', { class: 'order' }, h('summary', null, 'Order a number'), orderSlot),
  );

  const numbers: PhoneNumber[] = [];
  const byE164 = new Map<string, PhoneNumber>();
  let limit = STEP;
  let loaded = false;
  let campaigns: Campaign[] = [];

  const matches = (n: PhoneNumber): boolean => {
    const q = filter.value.trim().toLowerCase();
    if (q === '') return true;
    return [n.e164, n.name, n.campaign, n.subgroup, n.status, n.kind].some((v) =>
      v?.toLowerCase().includes(q),
    );
  };
  const renderRows = (): void => {
    const visible = numbers.filter(matches);
    tbody.replaceChildren(...visible.slice(0, limit).map(row));
    more.hidden = visible.length <= limit;
    shown.textContent = `Showing ${count(Math.min(limit, visible.length))} of ${count(visible.length)}${loaded ? '' : ' (loading…)'}`;
  };
  const upsert = (n: PhoneNumber): void => {
    const known = byE164.get(n.e164);
    if (known) Object.assign(known, n);
    else {
      numbers.push(n);
      byE164.set(n.e164, n);
    }
    const tr = tbody.querySelector(`tr[data-e164="${CSS.escape(n.e164)}"]`);
    if (tr) tr.replaceWith(row(known ?? n));
    else if (matches(n) && tbody.rows.length < limit) tbody.append(row(n));
  };
  const drop = (e164: string): void => {
    const known = byE164.get(e164);
    if (!known) return;
    byE164.delete(e164);
    numbers.splice(numbers.indexOf(known), 1);
    tbody.querySelector(`tr[data-e164="${CSS.escape(e164)}"]`)?.remove();
  };
  filter.addEventListener('input', () => {
    limit = STEP;
    renderRows();
  });
  more.addEventListener('click', () => {
    limit += STEP;
    renderRows();
  });

  const showUsage = async (): Promise<void> => {
    const usage = await get<Usage>('/v1/usage');
    replace(
      gauges,
      h('h2', { class: 'sr-only' }, 'Limits'),
      gauge(
        usage.subgroups.length > 0
          ? `Dedicated numbers (${usage.subgroups.join(', ')})`
          : 'Dedicated numbers',
        usage.dedicatedNumbers.held,
        usage.dedicatedNumbers.limit,
      ),
      usage.campaigns.map((c) => gauge(`Numbers of ${c.campaign}`, c.associations, c.limit)),
    );
  };
  const refreshUsage = page.throttle(showUsage);

  const showCard = async (e164: string): Promise<void> => {
    try {
      const number = await get<PhoneNumber>(`/v1/numbers/${enc(e164)}`);
      upsert(number);
      replace(card, numberCard(number, campaigns, upsert, refreshUsage));
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) {
        replace(
          card,
          h('div', { class: 'card' }, h('h2', null, e164), h('p', null, 'No such number in your view.')),
        );
        return;
      }
      throw error;
    }
  };

  page.live((event) => {
    const e164 = typeof event.data.number === 'string' ? event.data.number : undefined;
    if (!e164 || !(event.type.startsWith('number.') || event.type.startsWith('assignment.'))) return;
    refreshUsage();
    void get<PhoneNumber>(`/v1/numbers/${enc(e164)}`).then(
      (n) => {
        if (!page.active) return;
        upsert(n);
        if (selected === e164) replace(card, numberCard(n, campaigns, upsert, refreshUsage));
      },
      (error: unknown) => {
        if (error instanceof ApiError && error.status === 404) drop(e164);
      },
    );
  });

  // The first page is one screen's worth, so that it comes back at once; the rest follow.
  const first = listAll<PhoneNumber>(
    '/v1/numbers',
    (items) => {
      if (!page.active) return;
      const wasEmpty = numbers.length === 0;
      for (const n of items)
        if (!byE164.has(n.e164)) {
          numbers.push(n);
          byE164.set(n.e164, n);
        }
      if (wasEmpty) {
        renderRows();
        performance.mark('tendlc:numbers-first-rows');
      } else
        shown.textContent = `Showing ${count(Math.min(limit, numbers.length))} of ${count(numbers.length)} (loading…)`;
    },
    Number.POSITIVE_INFINITY,
    STEP,
  );
  const campaignList = listAll<Campaign>('/v1/campaigns');
  await Promise.all([
    first.then(() => {
      loaded = true;
      renderRows();
    }),
    showUsage(),
    campaignList.then(async (list) => {
      campaigns = list;
      orderSlot.append(orderForm(list));
      if (selected !== undefined) await showCard(selected);
    }),
  ]);
}

function row(n: PhoneNumber): HTMLTableRowElement {
  return h(
    'tr',
    { 'data-e164': n.e164 },
    h('th', { scope: 'row' }, h('a', { href: `#/numbers/${n.e164}` }, n.e164)),
    h('td', null, n.name ?? ''),
    h('td', null, badge(n.status)),
    h('td', null, n.kind),
    h('td', null, n.lifetime),
    h('td', null, n.subgroup ?? '—'),
    h('td', null, n.campaign === undefined ? '—' : h('a', { href: `#/campaigns/${n.campaign}` }, n.campaign)),
    h('td', null, n.assignment === 'none' ? '—' : badge(n.assignment)),
  );
}

/** One number, with what the key may do to it: rename, assign or unassign, release. */
function numberCard(
  n: PhoneNumber,
  campaigns: Campaign[],
  changed: (n: PhoneNumber) => void,
  refreshUsage: () => void,
): HTMLElement {
  const out = h('div', { class: 'result' });
  const path = `/v1/numbers/${enc(n.e164)}`;
  const name = h('input', { name: 'name', type: 'text', value: n.name ?? '', autocomplete: 'off' });
  const rename = h(
    'form',
    { class: 'inline' },
    field('Name', name),
    h('button', { type: 'submit' }, 'Rename'),
  );
  rename.addEventListener('submit', (e) => {
    e.preventDefault();
    void attempt(out, async () => changed(await patch<PhoneNumber>(path, { name: name.value })));
  });
  const campaign = select(
    'campaign',
    [['', 'no campaign (unassign)'], ...campaigns.map((c) => [c.id, `${c.id} (${c.status})`] as const)],
    n.campaign ?? '',
  );
  const assign = h(
    'form',
    { class: 'inline' },
    field('Campaign', campaign),
    h('button', { type: 'submit' }, 'Assign'),
  );
  assign.addEventListener('submit', (e) => {
    e.preventDefault();
    void attempt(out, async () => {
      changed(await patch<PhoneNumber>(path, { campaign: campaign.value === '' ? null : campaign.value }));
      refreshUsage();
    });
  });
  const release = h('button', { type: 'button', class: 'danger' }, 'Release');
  let armed = false;
  release.addEventListener('click', () => {
    if (!armed) {
      armed = true;
      release.textContent = `Confirm: release ${n.e164}`;
      return;
    }
    void attempt(out, async () => {
      changed(await del<PhoneNumber>(path));
      refreshUsage();
    });
  });
  return h(
    'div',
    { class: 'card number-card' },
    h('h2', null, n.e164, ' ', badge(n.status)),
    h(
      'dl',
      { class: 'facts' },
      fact('Name', n.name ?? '—'),
      fact('Kind', n.kind),
      fact('Lifetime', n.lifetime),
      fact('Subgroup', n.subgroup ?? '—'),
      fact(
        'Campaign',
        n.campaign === undefined ? '—' : h('a', { href: `#/campaigns/${n.campaign}` }, n.campaign),
      ),
      fact('Assignment', n.assignment),
      fact('Ordered', time(n.orderedAt)),
      n.portPin === undefined ? null : fact('Port PIN', n.portPin),
      n.inbox === undefined ? null : fact('Inbox', `${n.inbox.mode}: ${(n.inbox.agents ?? []).join(', ')}`),
    ),
    h('div', { class: 'actions' }, rename, assign, release),
    out,
  );
}

export function fact(term: string, value: Node | string): HTMLElement[] {
  return [h('dt', null, term), h('dd', null, value)];
}
