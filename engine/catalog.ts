import type { RuleDefinition } from './rule.js';
import { assignmentRules } from './rules/assignment.js';
import { brandsRules } from './rules/brands.js';
import { campaignsRules } from './rules/campaigns.js';
import { dedicatedNumbersRules } from './rules/dedicated-numbers.js';
import { directTextsRules } from './rules/direct-texts.js';
import { messagesRules } from './rules/messages.js';
import { numberKindsRules } from './rules/number-kinds.js';
import { throughputRules } from './rules/throughput.js';

/** The whole rule catalog, family by family. */
export const catalog: readonly RuleDefinition[] = [
  ...numberKindsRules,
  ...dedicatedNumbersRules,
  ...assignmentRules,
  ...brandsRules,
  ...campaignsRules,
  ...throughputRules,
  ...messagesRules,
  ...directTextsRules,
];

const byId = new Map(catalog.map((rule) => [rule.id, rule]));

/** The rule with this id, or undefined. */
export function ruleById(id: string): RuleDefinition | undefined {
  return byId.get(id);
}
