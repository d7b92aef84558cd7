import type { RuleDefinition } from '../rule.js';

/** The brands rules of rules.md. */
export const brandsRules: RuleDefinition[] = [];
