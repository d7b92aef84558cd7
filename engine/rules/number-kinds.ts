import type { RuleDefinition } from '../rule.js';

/** The number-kinds rules of rules.md. */
export const numberKindsRules: RuleDefinition[] = [];
