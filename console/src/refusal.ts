import { ApiError } from './api.js';
import { catalog } from './catalog.js';
import { h } from './dom.js';

/**
 * What the engine said no with: the message, and where a rule refused, its id, one-line statement
 * and fix from the catalog, linked to the rule's page. An alert, so a screen reader says it.
 */
export function refusalView(error: unknown): HTMLElement {
  const box = h('div', { class: 'refusal', role: 'alert' });
  if (!(error instanceof ApiError)) {
    box.append(h('p', null, `Failed: ${error instanceof Error ? error.message : String(error)}`));
    return box;
  }
  const { status, code, rule, errorCode, message } = error.body.error;
  box.append(
    h(
      'p',
      null,
      h(
        'strong',
        null,
        `Refused (${String(status)} ${code}${errorCode === undefined ? '' : `, ${String(errorCode)}`})`,
      ),
      ': ',
      message,
    ),
  );
  if (rule !== undefined) {
    const detail = h('p', { class: 'rule-line' }, 'Rule ', ruleLink(rule));
    box.append(detail);
    void catalog().then((all) => {
      const found = all.get(rule);
      if (!found) return;
      detail.append(': ', found.description);
      box.append(h('p', { class: 'fix' }, h('strong', null, 'Fix: '), found.fix));
    });
  }
  return box;
}

/** A rule id linked to the rule's page. */
export function ruleLink(id: string): HTMLElement {
  return h('a', { href: `#/rules/${id}`, class: 'rule-id' }, h('code', null, id));
}

/** Runs an action, showing its refusal in `where` (cleared first); answers whether it succeeded. */
export async function attempt(where: HTMLElement, action: () => Promise<unknown>): Promise<boolean> {
  where.replaceChildren();
  try {
    await action();
    return true;
  } catch (error) {
    where.append(refusalView(error));
    return false;
  }
}
