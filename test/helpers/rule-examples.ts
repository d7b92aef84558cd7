import { parse } from 'yaml';
import type { AccountConfig } from '../../engine/account-config.js';
import type { Finding } from '../../engine/finding.js';
import { normalizeConfig } from '../../engine/normalize-config.js';
import type { LintContext, RuleDefinition, RuleExample } from '../../engine/rule.js';
import { seedProfile } from '../../validator/load-profile.js';

/** The account a rule example's fragment is read into when it gives none of its own. */
export const EXAMPLE_ACCOUNT = { id: 'acme', name: 'Acme Realty', kind: 'standard', country: 'US' } as const;

/** The `--now` of rule examples: a fixed date, so that date rules give the same verdict every day. */
export const EXAMPLE_NOW = Date.parse('2026-11-01T12:00:00Z');

/** An example's config fragment as a whole account config. */
export function exampleConfig(example: RuleExample): AccountConfig {
  const fragment = (parse(example.config) ?? {}) as Partial<AccountConfig>;
  return normalizeConfig({ version: 1, account: { ...EXAMPLE_ACCOUNT }, ...fragment } as AccountConfig);
}

/**
 * An example's config as a scenario loads it: a config without users gets an owner, so that
 * every step has someone to act as, in process and over HTTP alike.
 */
export function scenarioConfig(example: RuleExample): AccountConfig {
  const config = exampleConfig(example);
  return config.users?.length ? config : { ...config, users: [{ id: 'owner', role: 'owner' }] };
}

/** Runs a rule's static check on one of its examples. */
export function checkExample(
  rule: RuleDefinition,
  example: RuleExample,
  context: Partial<LintContext> = {},
): Finding[] {
  if (!rule.check) throw new Error(`${rule.id} has no static check`);
  return rule.check(exampleConfig(example), { profile: seedProfile(), now: EXAMPLE_NOW, ...context });
}
