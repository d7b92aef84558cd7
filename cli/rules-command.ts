import type { Command } from 'commander';
import { Option } from 'commander';
import { catalog, ruleById } from '../engine/catalog.js';
import { didYouMean } from '../engine/text/did-you-mean.js';
import { ruleJson } from '../engine/rule-json.js';
import { catalogMarkdown, ruleListText, rulePageText } from './rule-page.js';

type RulesFormat = 'text' | 'json' | 'markdown';

/** `tendlc rules [ID]`: the catalog, or one rule's page. */
export function registerRulesCommand(program: Command, setExit: (code: number) => void): void {
  program
    .command('rules')
    .description("list the rule catalog, or print one rule's page (statement, why, fix, examples)")
    .argument('[rule-id]', 'a rule id, e.g. dedicated-number-limit')
    .addOption(
      new Option('--format <format>', 'output format').choices(['text', 'json', 'markdown']).default('text'),
    )
    .action((id: string | undefined, options: { format: RulesFormat }) => {
      const rules = id === undefined ? catalog : [ruleById(id)].filter((r) => r !== undefined);
      if (id !== undefined && rules.length === 0) {
        process.stderr.write(
          `tendlc rules: no rule '${id}'${suggestion(id)}. \`tendlc rules\` lists them all.\n`,
        );
        setExit(2);
        return;
      }
      process.stdout.write(render(rules, options.format, id !== undefined));
    });
}

function render(rules: typeof catalog, format: RulesFormat, single: boolean): string {
  if (format === 'json')
    return JSON.stringify(single ? ruleJson(rules[0]!) : rules.map(ruleJson), null, 2) + '\n';
  if (format === 'markdown') return catalogMarkdown(rules);
  return single ? rulePageText(rules[0]!) : ruleListText(rules);
}

function suggestion(id: string): string {
  const ids = catalog.map((r) => r.id);
  const close = didYouMean(id, ids) ?? ids.find((known) => known.includes(id) || id.includes(known));
  return close === undefined ? '' : ` (did you mean '${close}'?)`;
}
