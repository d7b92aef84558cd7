import type { RuleDefinition } from './rule.js';

/**
 * A rule of the catalog as data: the form of `tendlc rules --format json` and of the API's
 * `GET /v1/rules`, so that a client reads exactly what the command line prints.
 */
export function ruleJson(rule: RuleDefinition): Record<string, unknown> {
  return {
    id: rule.id,
    severity: rule.severity,
    where: rule.where,
    scope: rule.scope,
    family: rule.family,
    description: rule.description,
    why: rule.why,
    fix: rule.fix,
    examples: rule.examples,
    source: rule.source,
    params: rule.params,
  };
}
