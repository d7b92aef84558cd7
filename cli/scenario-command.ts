import type { Command } from 'commander';
import { Option } from 'commander';
import type { ScenarioFlags } from './scenario-run.js';

/** `tendlc scenario run FILE|DIR…`: scenarios in virtual time, in process or against a server. */
export function registerScenarioCommand(program: Command, setExit: (code: number) => void): void {
  const scenario = program.command('scenario').description('run YAML scenarios in virtual time');
  scenario
    .command('run')
    .description('run scenario files: in process by default, or against a running tendlc serve with --target')
    .argument('<inputs...>', 'scenario files, directories (recursing into *.yaml, *.yml) or globs')
    .option('--target <url>', 'run against a running tendlc serve (started without --config)')
    .option('--admin-token <token>', "the target's admin token (default: $TENDLC_ADMIN_TOKEN)")
    .addOption(
      new Option('--reporter <reporter>', 'output format')
        .choices(['stylish', 'json', 'junit'])
        .default('stylish'),
    )
    .option('--output <file>', 'write the report to a file instead of stdout')
    .option('--shard <i/n>', 'run the i-th of n equal parts of the suite (1-based), e.g. 2/4')
    .option('--bail', 'stop at the first failing scenario')
    .option('--filter <text>', 'run only scenarios whose name or file contains the text')
    .action(async (inputs: string[], flags: ScenarioFlags) => {
      const { runScenarios } = await import('./scenario-run.js');
      setExit(await runScenarios(inputs, flags));
    });
}
