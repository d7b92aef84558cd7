import type { RuleDefinition } from '../rule.js';

/** The assignment rules of rules.md. */
export const assignmentRules: RuleDefinition[] = [];
