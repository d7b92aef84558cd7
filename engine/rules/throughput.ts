import type { RuleDefinition } from '../rule.js';

/** The throughput rules of rules.md. */
export const throughputRules: RuleDefinition[] = [];
