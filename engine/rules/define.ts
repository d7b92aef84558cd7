import type { AccountConfig } from '../account-config.js';
import type { Finding } from '../finding.js';
import { finding, type LintContext, type RuleDefinition } from '../rule.js';

/** The seed articles of rules.md, by their short names S0–S4. */
export const SEEDS = {
  S0: 'seeds/000_4ce493fa4b502553.txt (1-to-1 vs Campaign numbers)',
  S1: 'seeds/001_ce3c2e5629543e4b.txt (dedicated vs single-use numbers)',
  S2: 'seeds/002_b4592eaf4fa7ac3e.txt (the Phone Numbers page)',
  S3: 'seeds/003_af0213a4a1945e29.txt (assigning numbers to campaigns; trust-score throughput)',
  S4: 'seeds/004_25f8a32442f06b08.txt (1:1 texts and roles)',
} as const;

/** Adds one finding of the rule being checked. */
export type Report = (path: string, message: string, hint?: string) => void;

/** A static check written against a `report` callback, so that it reads as the rule statement. */
export type Check = (config: AccountConfig, ctx: LintContext, report: Report) => void;

/** Defines a rule; `check` is given for rules the linter checks (where L or L+S). */
export function defineRule(definition: Omit<RuleDefinition, 'check'>, check?: Check): RuleDefinition {
  if (!check) return definition;
  return {
    ...definition,
    check(config, ctx) {
      const findings: Finding[] = [];
      check(config, ctx, (path, message, hint) => findings.push(finding(definition, path, message, hint)));
      return findings;
    },
  };
}
