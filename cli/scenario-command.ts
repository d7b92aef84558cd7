import type { Command } from 'commander';
import { Option } from 'commander';
import type { InitFlags } from './scenario-init.js';
import type { ScenarioFlags } from './scenario-run.js';

/** `tendlc scenario run FILE|DIR…` and `tendlc scenario init [DIR]`. */
export function registerScenarioCommand(program: Command, setExit: (code: number) => void): void {
  const scenario = program.command('scenario').description('run YAML scenarios in virtual time');
  scenario
    .command('run')
    .description('run scenario files: in process by default, or against a running tendlc serve with --target')
    .argument('<inputs...>', 'scenario files, directories (recursing into *.yaml, *.yml) or globs')
    .option(
      '--target <url>',
      'run against a running tendlc serve, which the run owns: it is reset before each scenario',
    )
    .option('--admin-token <token>', "the target's admin token (default: $TENDLC_ADMIN_TOKEN)")
    .option('--reset-target', 'run against a target that holds accounts, resetting it before each scenario')
    .addOption(
      new Option('--reporter <reporter>', 'output format')
        .choices(['stylish', 'json', 'junit'])
        .default('stylish'),
    )
    .option('--output <file>', 'write the report to a file instead of stdout')
    .option('--shard <i/n>', 'run the i-th of n equal parts of the suite (1-based), e.g. 2/4')
    .option('--bail', 'stop at the first failing scenario')
    .option('--continue', 'run on after a failing step: every step soft, every broken step reported')
    .option('--filter <text>', 'run only scenarios whose name or file contains the text')
    .option('--coverage', 'report which rules of the catalog the scenarios reached (in process)')
    .option(
      '--coverage-min <percent>',
      'exit 1 when fewer runtime rules than this are reached (implies --coverage)',
    )
    .option('--coverage-output <file>', 'write the coverage as JSON to a file (implies --coverage)')
    .action(async (inputs: string[], flags: ScenarioFlags) => {
      const { runScenarios } = await import('./scenario-run.js');
      setExit(await runScenarios(inputs, flags));
    });
  scenario
    .command('init')
    .description('write a starter suite: an account, scenarios, and the editor settings that check them')
    .argument('[dir]', 'where to write it', '.')
    .option('--force', 'overwrite files that exist')
    .action(async (dir: string, flags: InitFlags) => {
      const { initSuite } = await import('./scenario-init.js');
      setExit(initSuite(dir, flags));
    });
}
