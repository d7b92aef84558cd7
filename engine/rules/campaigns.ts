import type { RuleDefinition } from '../rule.js';

/** The campaigns rules of rules.md. */
export const campaignsRules: RuleDefinition[] = [];
