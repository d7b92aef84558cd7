import type { Command } from 'commander';
import { Option } from 'commander';
import type { FuzzFlags } from './fuzz-run.js';

/** `tendlc fuzz`: model-based random runs that shrink a failure to a scenario file. */
export function registerFuzzCommand(program: Command, setExit: (code: number) => void): void {
  program
    .command('fuzz')
    .description(
      'run random step sequences against the simulator; a broken invariant is shrunk and written as a scenario',
    )
    .option('--runs <n>', 'how many runs', '100')
    .option('--steps <n>', 'most steps in one run', '50')
    .option('--seed <n>', 'the seed: the same seed gives the same runs (default: random, printed)')
    .option('--target <url>', 'fuzz a running tendlc serve (started without --config)')
    .option('--admin-token <token>', "the target's admin token (default: $TENDLC_ADMIN_TOKEN)")
    .option('--out <dir>', 'where a failure is written as a scenario', 'scenarios/regressions')
    .option('--config <file>', 'the account to fuzz (default: the example account)')
    .option('--profile <name-or-file>', 'carrier profile: seed, carriers-2025, or a file', 'seed')
    .addOption(
      new Option('--latency <profile>', 'latency profile')
        .choices(['realistic', 'fast', 'instant'])
        .default('realistic'),
    )
    .action(async (flags: FuzzFlags) => {
      const { runFuzz } = await import('./fuzz-run.js');
      setExit(await runFuzz(flags));
    });
}
