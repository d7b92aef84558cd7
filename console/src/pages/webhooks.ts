import { enc, listAll, post } from '../api.js';
import { field, h, replace } from '../dom.js';
import { badge, time } from '../format.js';
import type { Page } from '../page.js';
import { attempt } from '../refusal.js';
import type { Delivery, Webhook } from '../types.js';

/**
 * Webhooks: the account's subscriptions and, for each, its deliveries with every attempt: the
 * status the receiver answered, when (wall and virtual time), how long, and the signature header.
 */
export async function webhooksPage(page: Page): Promise<void> {
  const { main } = page;
  const body = h('div');
  const out = h('div', { class: 'result' });
  const url = h('input', {
    type: 'url',
    name: 'url',
    required: true,
    placeholder: 'http://127.0.0.1:9000/hooks',
  });
  const events = h('input', { type: 'text', name: 'events', value: 'message.*', required: true });
  const form = h(
    'form',
    { class: 'card form', 'aria-labelledby': 'wh-title' },
    h('h2', { id: 'wh-title' }, 'Subscribe'),
    field('URL', url),
    field('Event types', events, 'Comma-separated patterns, such as message.*,number.*'),
    h('button', { type: 'submit' }, 'Subscribe'),
    out,
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void attempt(out, async () => {
      const made = await post<Webhook & { secret: string }>('/v1/webhooks', {
        url: url.value.trim(),
        events: events.value
          .split(',')
          .map((s) => s.trim())
          .filter((s) => s !== ''),
      });
      replace(
        out,
        h(
          'p',
          { class: 'ok', role: 'status' },
          `Subscribed ${made.id}; its secret: `,
          h('code', null, made.secret),
        ),
      );
      again();
    });
  });
  main.append(page.heading('Webhooks'), body, form);
  const render = async (): Promise<void> => {
    const hooks = await listAll<Webhook>('/v1/webhooks');
    const deliveries = await Promise.all(
      hooks.map((w) => listAll<Delivery>(`/v1/webhooks/${enc(w.id)}/deliveries`)),
    );
    if (!page.active) return;
    replace(
      body,
      hooks.length === 0
        ? h('p', null, 'No subscription yet.')
        : hooks.map((w, i) =>
            h(
              'section',
              { class: 'card', 'aria-labelledby': `wh-${w.id}` },
              h('h2', { id: `wh-${w.id}` }, w.id, ' ', h('code', null, w.url)),
              h('p', null, `Events: ${w.events.join(', ')} · since `, time(w.createdAt)),
              deliveryTable(deliveries[i] ?? []),
            ),
          ),
    );
  };
  const again = page.throttle(render, 1000);
  page.live(() => again());
  await render();
}

function deliveryTable(deliveries: Delivery[]): HTMLElement {
  if (deliveries.length === 0) return h('p', null, 'No delivery yet.');
  const latest = deliveries.slice(-50).reverse();
  return h(
    'div',
    { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': 'Scrollable table' },
    h(
      'table',
      { class: 'deliveries' },
      h('caption', null, `Deliveries (the latest ${String(latest.length)} of ${String(deliveries.length)})`),
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          ['Event', 'State', 'Attempts'].map((c) => h('th', { scope: 'col' }, c)),
        ),
      ),
      h(
        'tbody',
        null,
        latest.map((d) =>
          h(
            'tr',
            null,
            h('th', { scope: 'row' }, `#${String(d.eventId)} `, h('code', null, d.eventType)),
            h(
              'td',
              null,
              badge(d.state),
              d.nextAttemptAt === undefined ? '' : [' next ', time(d.nextAttemptAt)],
            ),
            h(
              'td',
              null,
              h(
                'ol',
                { class: 'attempts' },
                d.attempts.map((a) =>
                  h(
                    'li',
                    null,
                    a.status === undefined ? (a.error ?? 'no answer') : `HTTP ${String(a.status)}`,
                    a.error !== undefined && a.status !== undefined ? ` (${a.error})` : '',
                    ` · due `,
                    time(a.dueAt),
                    ` · ${String(Math.round(a.ms))} ms`,
                    a.signature === undefined
                      ? null
                      : h('div', { class: 'sig' }, h('code', null, `X-Tendlc-Signature: ${a.signature}`)),
                  ),
                ),
              ),
            ),
          ),
        ),
      ),
    ),
  );
}
