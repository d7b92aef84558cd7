import { parse, stringify } from 'yaml';
import { catalog } from '../../engine/catalog.js';
import type { RuleDefinition, RuleExample } from '../../engine/rule.js';
import { scenarioConfig } from './rule-example.js';

/** The seed and start every rule scenario runs with, as the rule pages' examples do. */
const SEED = 7;
const START = '2026-11-02T17:00:00Z';

/**
 * The scenario files of `scenarios/rules/`: for each rule that acts at run time, its failing and
 * its passing example as two scenarios, written from the rule's definition so that a rule still
 * lives once. `npm run scenarios:rules` writes them; a test keeps them current.
 */
export function ruleScenarioFiles(): Map<string, string> {
  const files = new Map<string, string>();
  for (const rule of catalog.filter((r) => r.where !== 'L'))
    files.set(
      `${rule.id}.yaml`,
      [
        `# Generated from the examples of \`tendlc rules ${rule.id}\` (engine/rules/): edit the rule, then`,
        '# run `npm run scenarios:rules`.',
        document(rule, 'failing', rule.examples.failing),
        '---',
        document(rule, 'passing', rule.examples.passing),
      ].join('\n'),
    );
  return files;
}

function document(rule: RuleDefinition, kind: 'failing' | 'passing', example: RuleExample): string {
  return stringify(
    {
      name: `${rule.id}: ${kind === 'failing' ? 'refused or failing' : 'passing'}, ${example.title}`,
      rules: [rule.id],
      seed: SEED,
      latency: 'realistic',
      start: START,
      account: scenarioConfig(example),
      steps: parse(example.steps ?? '[]') as unknown[],
    },
    { lineWidth: 0 },
  ).trimEnd();
}
