import { parse } from 'yaml';
import type { AccountConfig } from '../../engine/account-config.js';
import { withOwner } from '../../engine/account-owner.js';
import { normalizeConfig } from '../../engine/normalize-config.js';
import type { RuleExample } from '../../engine/rule.js';

/** The account a rule example's fragment is read into when it gives none of its own. */
export const EXAMPLE_ACCOUNT = { id: 'acme', name: 'Acme Realty', kind: 'standard', country: 'US' } as const;

/** An example's config fragment as a whole account config. */
export function exampleConfig(example: RuleExample, text = example.config): AccountConfig {
  const fragment = (parse(text) ?? {}) as Partial<AccountConfig>;
  return normalizeConfig({ version: 1, account: { ...EXAMPLE_ACCOUNT }, ...fragment } as AccountConfig);
}

/**
 * An example's config as a scenario loads it: a config without users gets an owner, so that
 * every step has someone to act as, in process and over HTTP alike.
 */
export function scenarioConfig(example: RuleExample): AccountConfig {
  return withOwner(exampleConfig(example, example.runConfig ?? example.config));
}
