import type { RuleDefinition } from '../rule.js';

/** The messages rules of rules.md. */
export const messagesRules: RuleDefinition[] = [];
