import { get } from './api.js';
import type { Rule } from './types.js';

let rules: Promise<Map<string, Rule>> | undefined;

/** The rule catalog, read once from `GET /v1/rules` (it needs no key). */
export function catalog(): Promise<Map<string, Rule>> {
  rules ??= get<{ data: Rule[] }>('/v1/rules?limit=1000').then(
    (page) => new Map(page.data.map((r) => [r.id, r])),
  );
  return rules;
}
