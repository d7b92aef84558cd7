import type { RuleDefinition } from '../rule.js';

/** The dedicated-numbers rules of rules.md. */
export const dedicatedNumbersRules: RuleDefinition[] = [];
