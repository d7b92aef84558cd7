import type { Command } from 'commander';
import { Option } from 'commander';
import type { LintFlags } from './lint-run.js';

/** `tendlc lint FILE|DIR|GLOB…`: the compliance validator. */
export function registerLintCommand(program: Command, setExit: (code: number) => void): void {
  program
    .command('lint')
    .description('lint account configs against the schema and every rule, with file:line:column findings')
    .argument('<inputs...>', 'files, directories (recursing into *.yaml, *.yml) or globs')
    .addOption(
      new Option('--format <format>', 'output format')
        .choices(['stylish', 'json', 'sarif', 'junit', 'github'])
        .default('stylish'),
    )
    .option('--output <file>', 'write the report to a file instead of stdout')
    .addOption(
      new Option('--fail-on <severity>', 'exit 1 on a finding at or above this severity')
        .choices(['error', 'warning', 'info'])
        .default('error'),
    )
    .option('--rules <file>', 'a YAML map of rule id to error|warning|info|off')
    .option('--profile <name-or-file>', 'carrier profile: seed, carriers-2025, or a file', 'seed')
    .option('--quiet', 'report errors only')
    .option('--now <date>', 'the date that date rules compare with (default: today)')
    .action(async (inputs: string[], flags: LintFlags) => {
      const { runLint } = await import('./lint-run.js');
      setExit(await runLint(inputs, flags));
    });
}
