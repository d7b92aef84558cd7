import { enc, get, listAll, post } from '../api.js';
import { h, replace } from '../dom.js';
import { brandForm, campaignForm } from '../forms.js';
import { badge, count, gauge, time } from '../format.js';
import type { Page } from '../page.js';
import { attempt, ruleLink } from '../refusal.js';
import type { Brand, Campaign, SimEvent, Usage } from '../types.js';
import { recent } from '../history.js';
import { fact } from './numbers.js';

/** The brand and campaign events seen since the tab signed in, for the timelines. */
const seen = {
  filter: (keep: (e: SimEvent) => boolean): SimEvent[] =>
    recent.filter((e) => (e.type.startsWith('brand.') || e.type.startsWith('campaign.')) && keep(e)),
};

/**
 * Brands and campaigns: status, trust score and tier, the tier's rate and daily cap, today's use
 * of the cap; each with a timeline in virtual time. Forms register a brand and submit a campaign.
 */
export async function brandsPage(page: Page): Promise<void> {
  const { main } = page;
  const brandsBox = h('section', { 'aria-labelledby': 'brands-title' });
  const campaignsBox = h('section', { 'aria-labelledby': 'campaigns-title' });
  const forms = h('div', { class: 'forms' });
  main.append(page.heading('Brands & Campaigns'), brandsBox, campaignsBox, forms);
  const render = async (): Promise<void> => {
    const [brands, campaigns, usage] = await Promise.all([
      listAll<Brand>('/v1/brands'),
      listAll<Campaign>('/v1/campaigns'),
      get<Usage>('/v1/usage'),
    ]);
    if (!page.active) return;
    replace(
      brandsBox,
      h('h2', { id: 'brands-title' }, 'Brands'),
      brands.length === 0 ? h('p', null, 'No brand yet.') : brandsTable(brands, usage),
    );
    replace(
      campaignsBox,
      h('h2', { id: 'campaigns-title' }, 'Campaigns'),
      campaigns.length === 0 ? h('p', null, 'No campaign yet.') : campaignsTable(campaigns, usage),
    );
    if (forms.childElementCount === 0) forms.append(brandForm(), campaignForm(brands));
  };
  const again = page.throttle(render);
  page.live((e) => {
    if (e.type.startsWith('brand.') || e.type.startsWith('campaign.') || e.type === 'message.sent') again();
  });
  await render();
}

function brandsTable(brands: Brand[], usage: Usage): HTMLElement {
  return h(
    'div',
    { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': 'Scrollable table' },
    h(
      'table',
      null,
      h('caption', { class: 'sr-only' }, 'Brands'),
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          ['Brand', 'Status', 'Trust score', 'Tier', 'Rate', 'Today'].map((c) =>
            h('th', { scope: 'col' }, c),
          ),
        ),
      ),
      h(
        'tbody',
        null,
        brands.map((b) => {
          const used = usage.brands.find((u) => u.brand === b.id);
          return h(
            'tr',
            null,
            h(
              'th',
              { scope: 'row' },
              h('a', { href: `#/brands/${b.id}` }, b.name),
              h('div', { class: 'sub' }, b.id),
            ),
            h('td', null, badge(b.status)),
            h('td', null, `${String(b.trustScore)}${b.vetted ? ' (vetted)' : ''}`),
            h('td', null, b.tier),
            h('td', null, `${String(b.mps)} msg/s`),
            h('td', null, gauge(`Segments today, ${b.id}`, used?.segmentsToday ?? 0, b.dailyCap)),
          );
        }),
      ),
    ),
  );
}

function campaignsTable(campaigns: Campaign[], usage: Usage): HTMLElement {
  return h(
    'div',
    { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': 'Scrollable table' },
    h(
      'table',
      null,
      h('caption', { class: 'sr-only' }, 'Campaigns'),
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          ['Campaign', 'Brand', 'Use case', 'Status', 'Submitted', 'Decided', 'Numbers'].map((c) =>
            h('th', { scope: 'col' }, c),
          ),
        ),
      ),
      h(
        'tbody',
        null,
        campaigns.map((c) => {
          const used = usage.campaigns.find((u) => u.campaign === c.id);
          return h(
            'tr',
            null,
            h('th', { scope: 'row' }, h('a', { href: `#/campaigns/${c.id}` }, c.id)),
            h('td', null, h('a', { href: `#/brands/${c.brand}` }, c.brand)),
            h('td', null, c.useCase),
            h('td', null, badge(c.status)),
            h('td', null, time(c.submittedAt)),
            h('td', null, time(c.decidedAt)),
            h('td', null, used ? `${count(used.associations)} of ${count(used.limit)}` : '—'),
          );
        }),
      ),
    ),
  );
}

/** A timeline: each step's virtual time and what happened. */
function timeline(steps: Array<[string | undefined, string | Node]>): HTMLElement {
  return h(
    'ol',
    { class: 'timeline' },
    steps
      .filter(([at]) => at !== undefined)
      .sort(([a], [b]) => (a! < b! ? -1 : a! > b! ? 1 : 0))
      .map(([at, what]) => h('li', null, time(at), ' ', what)),
  );
}

/** One brand: its facts, its tier and cap, its timeline, vetting. */
export async function brandPage(page: Page, id: string): Promise<void> {
  const { main } = page;
  const body = h('div');
  main.append(page.heading(`Brand ${id}`), body);
  const render = async (): Promise<void> => {
    const [brand, usage, campaigns] = await Promise.all([
      get<Brand>(`/v1/brands/${enc(id)}`),
      get<Usage>('/v1/usage'),
      listAll<Campaign>('/v1/campaigns'),
    ]);
    if (!page.active) return;
    const used = usage.brands.find((u) => u.brand === id);
    const out = h('div', { class: 'result' });
    const vet = h('button', { type: 'button' }, 'Ask for secondary vetting');
    vet.addEventListener('click', () => void attempt(out, () => post(`/v1/brands/${enc(id)}/vetting`)));
    replace(
      body,
      h(
        'div',
        { class: 'card' },
        h('h2', null, brand.name, ' ', badge(brand.status)),
        h(
          'dl',
          { class: 'facts' },
          fact('Entity type', brand.entityType),
          fact('Trust score', `${String(brand.trustScore)}${brand.vetted ? ' (vetted)' : ''}`),
          fact('Tier', brand.tier),
          fact('Rate', `${String(brand.mps)} messages a second`),
          fact('Daily cap', `${count(brand.dailyCap)} segments`),
          fact('Queued now', count(used?.queued ?? 0)),
        ),
        gauge('Segments today', used?.segmentsToday ?? 0, brand.dailyCap),
        h('h3', null, 'Timeline (virtual time)'),
        timeline([
          [brand.createdAt, 'registered (pending)'],
          ...seen
            .filter((e) => e.type.startsWith('brand.') && e.data.brand === id && e.type !== 'brand.created')
            .map((e): [string, string] => [e.at, e.type.replace('brand.', '').replace('_', ' ')]),
        ]),
        h('h3', null, 'Campaigns'),
        h(
          'ul',
          null,
          campaigns
            .filter((c) => c.brand === id)
            .map((c) => h('li', null, h('a', { href: `#/campaigns/${c.id}` }, c.id), ' ', badge(c.status))),
        ),
        vet,
        out,
      ),
    );
  };
  const again = page.throttle(render);
  page.live((e) => {
    if (e.data.brand === id || e.type === 'message.sent') again();
  });
  await render();
}

/** One campaign: status, the timeline of its review, the reasons of a rejection (linked rules). */
export async function campaignPage(page: Page, id: string): Promise<void> {
  const { main } = page;
  const body = h('div');
  main.append(page.heading(`Campaign ${id}`), body);
  const render = async (): Promise<void> => {
    const [campaign, usage] = await Promise.all([
      get<Campaign>(`/v1/campaigns/${enc(id)}`),
      get<Usage>('/v1/usage'),
    ]);
    if (!page.active) return;
    const used = usage.campaigns.find((u) => u.campaign === id);
    const decided =
      campaign.decidedAt === undefined
        ? []
        : ([[campaign.decidedAt, `review ended: ${campaign.status}`]] as Array<[string, string]>);
    const later = seen
      .filter(
        (e) =>
          e.data.campaign === id &&
          !['campaign.submitted', 'campaign.approved', 'campaign.rejected'].includes(e.type),
      )
      .map((e): [string, string] => [e.at, e.type.replace('campaign.', '')]);
    replace(
      body,
      h(
        'div',
        { class: 'card' },
        h('h2', null, campaign.id, ' ', badge(campaign.status)),
        h(
          'dl',
          { class: 'facts' },
          fact('Brand', h('a', { href: `#/brands/${campaign.brand}` }, campaign.brand)),
          fact('Use case', campaign.useCase),
          fact('Description', campaign.description ?? '—'),
          fact('Daily cap', used ? `${count(used.dailyCap)} segments` : '—'),
        ),
        used ? gauge('Numbers associated', used.associations, used.limit) : null,
        h('h3', null, 'Timeline (virtual time)'),
        timeline([[campaign.submittedAt, 'submitted for review'], ...decided, ...later]),
        campaign.reasons.length === 0
          ? null
          : [
              h('h3', null, 'Reasons'),
              h(
                'ul',
                { class: 'reasons' },
                campaign.reasons.map((r) =>
                  h(
                    'li',
                    null,
                    ruleLink(r.rule),
                    r.errorCode === undefined ? '' : ` (${String(r.errorCode)})`,
                    ': ',
                    r.message,
                  ),
                ),
              ),
            ],
      ),
    );
  };
  const again = page.throttle(render);
  page.live((e) => {
    if (e.data.campaign === id || e.type === 'message.sent') again();
  });
  await render();
}
