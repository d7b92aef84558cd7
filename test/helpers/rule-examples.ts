import type { Finding } from '../../engine/finding.js';
import type { LintContext, RuleDefinition, RuleExample } from '../../engine/rule.js';
import { seedProfile } from '../../simulator/files/profile-file.js';

export { EXAMPLE_ACCOUNT, exampleConfig, scenarioConfig } from '../../validator/scenario/rule-example.js';
import { exampleConfig } from '../../validator/scenario/rule-example.js';

/** The `--now` of rule examples: a fixed date, so that date rules give the same verdict every day. */
export const EXAMPLE_NOW = Date.parse('2026-11-01T12:00:00Z');

/** Runs a rule's static check on one of its examples. */
export function checkExample(
  rule: RuleDefinition,
  example: RuleExample,
  context: Partial<LintContext> = {},
): Finding[] {
  if (!rule.check) throw new Error(`${rule.id} has no static check`);
  return rule.check(exampleConfig(example), { profile: seedProfile(), now: EXAMPLE_NOW, ...context });
}
