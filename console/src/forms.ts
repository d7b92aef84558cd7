import { post } from './api.js';
import { field, h, replace, select } from './dom.js';
import { attempt } from './refusal.js';
import type { Brand, Campaign, Message, PhoneNumber } from './types.js';

/** Reads a form's named controls as strings; empty ones are left out. */
function values(form: HTMLFormElement): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of new FormData(form)) if (typeof v === 'string' && v.trim() !== '') out[k] = v.trim();
  return out;
}

const input = (name: string, props: Record<string, unknown> = {}): HTMLInputElement =>
  h('input', { name, type: 'text', autocomplete: 'off', ...props });
const area = (name: string, props: Record<string, unknown> = {}): HTMLTextAreaElement =>
  h('textarea', { name, rows: '2', ...props });

/**
 * A form that posts to the API: on success it shows what was made (linked), on a refusal the
 * rule, its statement and fix. `build` turns the fields into the request body.
 */
function apiForm(
  title: string,
  id: string,
  controls: HTMLElement[],
  submit: string,
  send: (v: Record<string, string>) => Promise<HTMLElement | string>,
): HTMLFormElement {
  const result = h('div', { class: 'result', 'aria-live': 'polite' });
  const form = h(
    'form',
    { class: 'card form', id, 'aria-labelledby': `${id}-title` },
    h('h2', { id: `${id}-title` }, title),
    controls,
    h('button', { type: 'submit' }, submit),
    result,
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const button = form.querySelector('button[type=submit]') as HTMLButtonElement;
    button.disabled = true;
    let made: HTMLElement | string = '';
    void attempt(result, async () => {
      made = await send(values(form));
    }).then((ok) => {
      button.disabled = false;
      if (ok) replace(result, h('p', { class: 'ok', role: 'status' }, made));
    });
  });
  return form;
}

/** Register a brand: pending, then verified with a trust score after the registry's latency. */
export function brandForm(): HTMLFormElement {
  return apiForm(
    'Register a brand',
    'form-brand',
    [
      field('Legal name', input('name', { required: true })),
      field(
        'Entity type',
        select('entityType', [
          ['PRIVATE_PROFIT', 'Private company'],
          ['PUBLIC_PROFIT', 'Public company'],
          ['NON_PROFIT', 'Non-profit'],
          ['GOVERNMENT', 'Government'],
          ['SOLE_PROPRIETOR', 'Sole proprietor'],
        ]),
      ),
      field('EIN', input('ein', { placeholder: '12-3456789' }), 'The tax id; sole proprietors have none'),
      field('Email', input('email', { type: 'email' })),
      field('Vertical', input('vertical', { value: 'REAL_ESTATE' })),
    ],
    'Register',
    async (v) => {
      const brand = await post<Brand>('/v1/brands', { ...v, country: 'US' });
      return h(
        'span',
        null,
        'Registered ',
        h('a', { href: `#/brands/${brand.id}` }, brand.id),
        ` (${brand.status})`,
      );
    },
  );
}

/** Submit a campaign for a brand: pending, then approved or rejected with reasons after review. */
export function campaignForm(brands: Brand[]): HTMLFormElement {
  return apiForm(
    'Submit a campaign',
    'form-campaign',
    [
      field(
        'Brand',
        select(
          'brand',
          brands.map((b) => [b.id, `${b.name} (${b.status})`] as const),
        ),
      ),
      field(
        'Use case',
        select('useCase', [
          ['MARKETING', 'Marketing'],
          ['CUSTOMER_CARE', 'Customer care'],
          ['ACCOUNT_NOTIFICATION', 'Account notification'],
          ['MIXED', 'Mixed'],
          ['LOW_VOLUME', 'Low volume mixed'],
        ]),
      ),
      field('Description', area('description', { required: true }), 'What the campaign sends, and to whom'),
      field('Message flow', area('messageFlow', { required: true }), 'How recipients opt in'),
      field('Sample message 1', area('sample1', { required: true })),
      field('Sample message 2', area('sample2', { required: true })),
      field('Opt-out message', area('optOutMessage')),
      field('Help message', area('helpMessage')),
    ],
    'Submit',
    async (v) => {
      const { sample1, sample2, ...rest } = v;
      const campaign = await post<Campaign>('/v1/campaigns', {
        ...rest,
        sampleMessages: [sample1, sample2].filter((s) => s !== undefined),
      });
      return h(
        'span',
        null,
        'Submitted ',
        h('a', { href: `#/campaigns/${campaign.id}` }, campaign.id),
        ` (${campaign.status})`,
      );
    },
  );
}

/** Order a number: provisioning, then active; with a campaign it is then assigned and propagates. */
export function orderForm(campaigns: Campaign[]): HTMLFormElement {
  return apiForm(
    'Order a number',
    'form-order',
    [
      field(
        'Area code',
        input('areaCode', { required: true, inputmode: 'numeric', pattern: '[0-9]{3}', value: '971' }),
      ),
      field(
        'Kind',
        select('kind', [
          ['campaign', 'Campaign (10DLC)'],
          ['one-to-one', 'One-to-one'],
        ]),
      ),
      field(
        'Lifetime',
        select('lifetime', [
          ['dedicated', 'Dedicated'],
          ['single-use', 'Single-use'],
        ]),
      ),
      field(
        'Campaign',
        select('campaign', [['', 'none'], ...campaigns.map((c) => [c.id, `${c.id} (${c.status})`] as const)]),
        'A dedicated campaign number is ordered for an approved campaign',
      ),
      field('Subgroup', input('subgroup'), 'Leave empty for the whole account'),
      field('Name', input('name')),
    ],
    'Order',
    async (v) => {
      const number = await post<PhoneNumber>('/v1/numbers', v);
      return h(
        'span',
        null,
        'Ordered ',
        h('a', { href: `#/numbers/${number.e164}` }, number.e164),
        ` (${number.status})`,
      );
    },
  );
}

/** Send a message from one of the account's numbers. */
export function sendForm(numbers: PhoneNumber[], to = ''): HTMLFormElement {
  return apiForm(
    'Send a message',
    'form-send',
    [
      field(
        'From',
        select(
          'from',
          numbers.map((n) => [n.e164, `${n.e164}${n.name ? ` ${n.name}` : ''}`] as const),
        ),
      ),
      field('To', input('to', { required: true, value: to, inputmode: 'tel', placeholder: '+12065550123' })),
      field('Text', area('body', { required: true, rows: '3' })),
    ],
    'Send',
    async (v) => {
      const message = await post<Message>('/v1/messages', v);
      return h(
        'span',
        null,
        'Queued ',
        h('a', { href: `#/messages/${message.to}` }, `to ${message.to}`),
        ` (${message.status})`,
      );
    },
  );
}

/** Create and launch outreach in one step: a bulk send to recipients, at the tier's rate. */
export function outreachForm(campaigns: Campaign[], numbers: PhoneNumber[]): HTMLFormElement {
  return apiForm(
    'Launch an outreach',
    'form-outreach',
    [
      field(
        'Campaign',
        select(
          'campaign',
          campaigns.map((c) => [c.id, `${c.id} (${c.status})`] as const),
        ),
      ),
      field(
        'Numbers',
        select('numberMode', [
          ['dedicated', 'Dedicated: send from a number below'],
          ['single-use', 'Single-use: buy one in the area code below'],
        ]),
      ),
      field('Number', select('number', [['', 'none'], ...numbers.map((n) => [n.e164, n.e164] as const)])),
      field(
        'Area code',
        input('areaCode', { inputmode: 'numeric', pattern: '[0-9]{3}' }),
        'For single-use numbers',
      ),
      field('Subgroup', input('subgroup')),
      field(
        'Recipients',
        area('recipients', { required: true, rows: '3' }),
        'One per line: the number in E.164 (+1 and ten digits), a comma, a name',
      ),
      field('Text', area('body', { required: true, rows: '3' })),
    ],
    'Launch',
    async (v) => {
      const { number, recipients, ...rest } = v;
      const body = {
        type: 'bulk',
        ...rest,
        ...(number === undefined ? {} : { numbers: [number] }),
        recipients: (recipients ?? '')
          .split('\n')
          .map((line) => line.split(',').map((p) => p.trim()))
          .filter(([to]) => to !== undefined && to !== '')
          .map(([to, name]) => (name ? { to, name } : { to })),
      };
      const created = await post<{ id: string }>('/v1/outreach', body);
      const launched = await post<{ id: string; status: string }>(
        `/v1/outreach/${encodeURIComponent(created.id)}/launch`,
      );
      return `Launched outreach ${launched.id} (${launched.status})`;
    },
  );
}
