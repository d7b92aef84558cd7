import { enc, listAll, post } from '../api.js';
import { explain } from '../codes.js';
import { field, h, replace, select } from '../dom.js';
import { sendForm } from '../forms.js';
import { badge, count, time } from '../format.js';
import type { Page } from '../page.js';
import { attempt, ruleLink } from '../refusal.js';
import { isAdmin } from '../session.js';
import type { Message, PhoneNumber, SimEvent } from '../types.js';

/** The contact an event or a message is about: the recipient of a send, the sender of a reply. */
function contactOf(
  m: { direction?: string; from?: unknown; to?: unknown },
  inbound: boolean,
): string | undefined {
  const value = inbound ? m.from : m.to;
  return typeof value === 'string' ? value : undefined;
}

function eventContact(e: SimEvent): string | undefined {
  if (e.type.startsWith('optout.')) return typeof e.data.contact === 'string' ? e.data.contact : undefined;
  if (!e.type.startsWith('message.')) return undefined;
  return contactOf(e.data, e.type === 'message.received');
}

interface Thread {
  contact: string;
  count: number;
  lastAt: string;
  lastStatus: string;
  lastBody: string;
}

const LOAD = 5000;

/**
 * Messages: one thread per contact, newest first, each opening as a phone-like thread. The list
 * reads the first 5,000 messages and then follows the stream; any contact's thread opens by number.
 */
export async function messagesPage(page: Page): Promise<void> {
  const { main } = page;
  const threads = new Map<string, Thread>();
  const list = h('tbody');
  const note = h('p', { class: 'shown', role: 'status' }, 'Loading…');
  const find = h('input', { type: 'tel', name: 'contact', placeholder: '+12065550123', required: true });
  const finder = h(
    'form',
    { class: 'inline' },
    field('Open the thread of', find),
    h('button', { type: 'submit' }, 'Open'),
  );
  finder.addEventListener('submit', (e) => {
    e.preventDefault();
    location.hash = `#/messages/${find.value.trim()}`;
  });
  const sendSlot = h('div');
  main.append(
    page.heading('Messages'),
    finder,
    note,
    h(
      'div',
      { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': 'Scrollable table' },
      h(
        'table',
        null,
        h('caption', { class: 'sr-only' }, 'Threads by contact'),
        h(
          'thead',
          null,
          h(
            'tr',
            null,
            ['Contact', 'Last message', 'Status', 'Messages', 'When'].map((c) =>
              h('th', { scope: 'col' }, c),
            ),
          ),
        ),
        list,
      ),
    ),
    sendSlot,
  );
  const render = (): void => {
    const sorted = [...threads.values()].sort((a, b) => (a.lastAt < b.lastAt ? 1 : -1)).slice(0, 500);
    list.replaceChildren(
      ...sorted.map((t) =>
        h(
          'tr',
          null,
          h('th', { scope: 'row' }, h('a', { href: `#/messages/${t.contact}` }, t.contact)),
          h('td', { class: 'snippet' }, t.lastBody),
          h('td', null, badge(t.lastStatus)),
          h('td', null, count(t.count)),
          h('td', null, time(t.lastAt)),
        ),
      ),
    );
  };
  const later = page.throttle(render, 1000);
  const note1 = (m: { contact: string; at: string; status: string; body?: string; isNew: boolean }): void => {
    const t = threads.get(m.contact) ?? {
      contact: m.contact,
      count: 0,
      lastAt: m.at,
      lastStatus: m.status,
      lastBody: '',
    };
    if (m.isNew) t.count += 1;
    if (m.at >= t.lastAt) {
      t.lastAt = m.at;
      t.lastStatus = m.status;
      if (m.body !== undefined) t.lastBody = m.body;
    }
    threads.set(m.contact, t);
  };
  page.live((e) => {
    const contact = eventContact(e);
    if (contact === undefined || !e.type.startsWith('message.')) return;
    const body = typeof e.data.body === 'string' ? e.data.body : undefined;
    note1({
      contact,
      at: e.at,
      status: e.type.slice(8),
      body,
      isNew: e.type === 'message.queued' || e.type === 'message.received' || e.type === 'message.scheduled',
    });
    later();
  });
  const messages = await listAll<Message>('/v1/messages', undefined, LOAD);
  for (const m of messages) {
    const contact = contactOf(m, m.direction === 'inbound');
    if (contact !== undefined)
      note1({
        contact,
        at: m.doneAt ?? m.sentAt ?? m.createdAt,
        status: m.status,
        body: m.body,
        isNew: true,
      });
  }
  note.textContent =
    messages.length >= LOAD
      ? `The first ${count(LOAD)} messages and every one since; open any other thread by its number.`
      : `${count(threads.size)} threads, ${count(messages.length)} messages.`;
  render();
  const numbers = await listAll<PhoneNumber>('/v1/numbers', undefined, 1000);
  if (page.active) sendSlot.append(sendForm(numbers));
}

/**
 * One contact's thread as their phone would show it: what the account sent (right), what the
 * contact answered (left), each with its status, and a failure's code explained with its rule.
 * The admin can answer as the contact (STOP, HELP, START or any text).
 */
export async function threadPage(page: Page, contact: string): Promise<void> {
  const { main } = page;
  const bubbles = h('ol', { class: 'thread', 'aria-label': `Messages with ${contact}` });
  const replySlot = h('div');
  const sendSlot = h('div');
  main.append(
    page.heading(`Thread with ${contact}`),
    h('p', null, h('a', { href: '#/messages' }, 'All threads')),
    h('div', { class: 'phone' }, h('div', { class: 'phone-top' }, contact), bubbles),
    replySlot,
    sendSlot,
  );
  let numbers: string[] = [];
  const render = async (): Promise<void> => {
    const [sent, received] = await Promise.all([
      listAll<Message>(`/v1/messages?to=${enc(contact)}`),
      listAll<Message>(`/v1/messages?from=${enc(contact)}`),
    ]);
    if (!page.active) return;
    // In the order they happened: by time, and within one virtual instant by the order of their ids.
    const all = [...sent, ...received].sort((a, b) =>
      a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : idOrder(a.id) - idOrder(b.id),
    );
    numbers = [...new Set(all.map((m) => (m.direction === 'inbound' ? m.to : m.from)))];
    replace(
      bubbles,
      all.length === 0
        ? h('li', { class: 'empty' }, 'No messages with this contact in your view.')
        : all.map(bubble),
    );
    bubbles.lastElementChild?.scrollIntoView({ block: 'nearest' });
  };
  const again = page.throttle(render, 1000);
  page.live((e) => {
    if (eventContact(e) === contact) again();
  });
  await render();
  if (isAdmin() && page.active) replySlot.append(handsetForm(contact, numbers));
  const mine = await listAll<PhoneNumber>('/v1/numbers', undefined, 1000);
  if (page.active) sendSlot.append(sendForm(mine, contact));
}

/** The sequence number in an id made by the server (`msg-12` → 12); 0 for an id given by a client. */
function idOrder(id: string): number {
  const n = /(\d+)$/u.exec(id);
  return n ? Number(n[1]) : 0;
}

function bubble(m: Message): HTMLElement {
  const inbound = m.direction === 'inbound';
  return h(
    'li',
    { class: `bubble ${inbound ? 'in' : 'out'}` },
    h('p', { class: 'text' }, m.body),
    h(
      'p',
      { class: 'meta' },
      inbound ? `from ${m.from} to ${m.to}` : `from ${m.from}`,
      ' · ',
      time(m.createdAt),
      ' · ',
      badge(m.status),
      m.answers === undefined ? null : ` automatic answer to ${m.answers}`,
    ),
    m.errorCode === undefined
      ? null
      : h(
          'p',
          { class: 'error' },
          explain(m.errorCode),
          m.rule === undefined ? null : [' · rule ', ruleLink(m.rule)],
        ),
  );
}

/** The contact's phone answers: a keyword or any text, to one of the account's numbers. */
function handsetForm(contact: string, numbers: string[]): HTMLElement {
  const out = h('div', { class: 'result' });
  const to = select(
    'to',
    numbers.map((n) => [n, n] as const),
  );
  const body = h('input', { type: 'text', name: 'body', autocomplete: 'off', required: true });
  const send = (text: string): void =>
    void attempt(out, () => post(`/v1/sim/handsets/${enc(contact)}/messages`, { to: to.value, body: text }));
  const form = h(
    'form',
    { class: 'card form', 'aria-labelledby': 'handset-title' },
    h('h2', { id: 'handset-title' }, `Reply as ${contact}`),
    numbers.length === 0
      ? h('p', null, 'The contact can answer once a number of the account has texted them.')
      : null,
    field('To', to),
    field('Text', body),
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'submit' }, 'Send reply'),
      ['STOP', 'HELP', 'START'].map((k) =>
        h('button', { type: 'button', class: 'secondary', onclick: () => send(k) }, `Reply ${k}`),
      ),
    ),
    out,
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    send(body.value);
  });
  return form;
}
