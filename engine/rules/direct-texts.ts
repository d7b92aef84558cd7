import type { RuleDefinition } from '../rule.js';

/** The direct-texts rules of rules.md. */
export const directTextsRules: RuleDefinition[] = [];
