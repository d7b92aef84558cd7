import { listAll } from '../api.js';
import { h, replace } from '../dom.js';
import { time } from '../format.js';
import type { Page } from '../page.js';
import type { Conversation } from '../types.js';

const TABS = [
  ['participating', 'Participating'],
  ['needs-attention', 'Needs Attention'],
] as const;

/**
 * The 1:1 inbox of the signed-in user: the conversations of the one-to-one numbers whose inbox
 * lists them, in two tabs: Participating, and Needs Attention (the contact replied and waits).
 */
export async function inboxPage(page: Page, tab = 'participating'): Promise<void> {
  const { main } = page;
  const panel = h('div', { role: 'tabpanel', id: 'inbox-panel', tabindex: '0' });
  const tabs = h(
    'div',
    { role: 'tablist', 'aria-label': 'Inbox tabs', class: 'tabs' },
    TABS.map(([id, label]) =>
      h(
        'a',
        {
          role: 'tab',
          id: `tab-${id}`,
          href: `#/inbox/${id}`,
          'aria-selected': String(id === tab),
          'aria-controls': 'inbox-panel',
        },
        label,
      ),
    ),
  );
  panel.setAttribute('aria-labelledby', `tab-${tab}`);
  main.append(page.heading('Inbox'), tabs, panel);
  const render = async (): Promise<void> => {
    const conversations = await listAll<Conversation>(`/v1/conversations?tab=${tab}`);
    if (!page.active) return;
    replace(
      panel,
      conversations.length === 0
        ? h(
            'p',
            null,
            tab === 'participating'
              ? 'No conversation you take part in.'
              : 'Nobody is waiting for an answer.',
          )
        : h(
            'ul',
            { class: 'conversations' },
            conversations.map((c) =>
              h(
                'li',
                null,
                h('a', { href: `#/messages/${c.contact}` }, c.name),
                c.name === c.contact ? '' : ` ${c.contact}`,
                ` on ${c.number} · last `,
                time(c.lastAt),
              ),
            ),
          ),
    );
  };
  const again = page.throttle(render);
  page.live((e) => {
    if (e.type.startsWith('message.')) again();
  });
  await render();
}
