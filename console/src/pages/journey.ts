import { listAll } from '../api.js';
import { h } from '../dom.js';
import { brandForm, campaignForm, orderForm, outreachForm, sendForm } from '../forms.js';
import type { Page } from '../page.js';
import type { Brand, Campaign, Outreach, PhoneNumber } from '../types.js';
import { badge } from '../format.js';

/**
 * The journey of a new integration, one form per step: register a brand, submit a campaign,
 * order a number, send, launch an outreach. Each answer links to what it made; a refusal shows
 * its rule. The clock moves review and provisioning along (Clock page, or the realtime clock).
 */
export async function journeyPage(page: Page): Promise<void> {
  const { main } = page;
  const [brands, campaigns, numbers, outreach] = await Promise.all([
    listAll<Brand>('/v1/brands'),
    listAll<Campaign>('/v1/campaigns'),
    listAll<PhoneNumber>('/v1/numbers', undefined, 1000),
    listAll<Outreach>('/v1/outreach', undefined, 1000),
  ]);
  main.append(
    page.heading('Journey'),
    h(
      'p',
      null,
      'Register a brand, submit a campaign, order a number for it, send, launch an outreach. Brands and campaigns are reviewed, and numbers provisioned, in virtual time: ',
      h('a', { href: '#/clock' }, 'advance the clock'),
      ' to move them along.',
    ),
    h(
      'div',
      { class: 'forms' },
      brandForm(),
      campaignForm(brands),
      orderForm(campaigns),
      sendForm(numbers),
      outreachForm(campaigns, numbers),
    ),
    h('h2', null, 'Outreach'),
    outreach.length === 0
      ? h('p', null, 'No outreach yet.')
      : h(
          'ul',
          null,
          outreach.map((o) =>
            h(
              'li',
              null,
              h('code', null, o.id),
              ` ${o.type} on ${o.campaign ?? 'no campaign'} `,
              badge(o.status),
              ` · ${String(o.recipients.length)} recipients`,
            ),
          ),
        ),
  );
}
