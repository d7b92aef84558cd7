import { catalog } from '../catalog.js';
import { h } from '../dom.js';
import type { Page } from '../page.js';
import type { RuleExample } from '../types.js';

const WHERE: Record<string, string> = { L: 'linter', S: 'simulator', 'L+S': 'linter and simulator' };

/** The rule catalog, one line a rule, each linked to its page. */
export async function rulesPage(page: Page): Promise<void> {
  const rules = [...(await catalog()).values()];
  page.main.append(
    page.heading('Rules'),
    h(
      'p',
      null,
      `${String(rules.length)} rules: the linter reports them, the simulator refuses with them, scenarios expect them.`,
    ),
    h(
      'ul',
      { class: 'rules' },
      rules.map((r) =>
        h(
          'li',
          null,
          h('a', { href: `#/rules/${r.id}` }, h('code', null, r.id)),
          ` ${r.severity}, ${WHERE[r.where] ?? r.where}: ${r.description}`,
        ),
      ),
    ),
  );
}

/** A rule's page: statement, why, fix, failing and passing examples, source, parameters. */
export async function rulePage(page: Page, id: string): Promise<void> {
  const rule = (await catalog()).get(id);
  if (!rule) {
    page.main.append(
      page.heading('No such rule'),
      h('p', null, `No rule '${id}'. `, h('a', { href: '#/rules' }, 'All rules')),
    );
    return;
  }
  const example = (label: string, ex: RuleExample): HTMLElement[] => [
    h('h3', null, `${label}: ${ex.title}`),
    h(
      'pre',
      { tabindex: '0', 'aria-label': `${label} example` },
      h(
        'code',
        null,
        ex.config.trimEnd() + (ex.steps === undefined ? '' : `\n# steps\n${ex.steps.trimEnd()}`),
      ),
    ),
  ];
  page.main.append(
    page.heading(rule.id),
    h('p', { class: 'statement' }, rule.description),
    h(
      'dl',
      { class: 'facts' },
      h('dt', null, 'Severity'),
      h('dd', null, rule.severity),
      h('dt', null, 'Checked by'),
      h('dd', null, WHERE[rule.where] ?? rule.where),
      h('dt', null, 'Family'),
      h('dd', null, rule.family),
      h('dt', null, 'Source'),
      h('dd', null, rule.source),
      h('dt', null, 'Profile parameters'),
      h('dd', null, rule.params.length === 0 ? 'none' : rule.params.join(', ')),
    ),
    h('h2', null, 'Why'),
    h('p', null, rule.why),
    h('h2', null, 'Fix'),
    h('p', { class: 'fix' }, rule.fix),
    h('h2', null, 'Examples'),
    ...example('Failing', rule.examples.failing),
    ...example('Passing', rule.examples.passing),
    h('p', null, h('a', { href: '#/rules' }, 'All rules')),
  );
}
