import { Command, CommanderError } from 'commander';
import { registerFuzzCommand } from './fuzz-command.js';
import { registerLintCommand } from './lint-command.js';
import { registerPullCommand } from './pull-command.js';
import { registerRulesCommand } from './rules-command.js';
import { registerScenarioCommand } from './scenario-command.js';
import { registerServeCommand } from './serve-command.js';

/** The exit codes of every command: 0 success, 1 findings or failures, 2 usage or input errors. */
export const EXIT = { ok: 0, findings: 1, usage: 2 } as const;

/**
 * The `tendlc` command line. Each command module registers itself and loads its heavy parts
 * (express, ajv, …) only when it runs, so that `tendlc rules` and `tendlc lint` start fast.
 */
export async function main(argv: readonly string[]): Promise<number> {
  const program = new Command('tendlc')
    .description('A2P 10DLC carrier simulator, compliance linter and scenario runner on one rule engine')
    .version(await packageVersion())
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  let exitCode: number = EXIT.ok;
  const setExit = (code: number): void => {
    exitCode = code;
  };
  registerRulesCommand(program, setExit);
  registerLintCommand(program, setExit);
  registerServeCommand(program, setExit);
  registerScenarioCommand(program, setExit);
  registerFuzzCommand(program, setExit);
  registerPullCommand(program, setExit);
  try {
    await program.parseAsync([...argv]);
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    // A bug of ours still reaches the user as one line, never a stack trace (TENDLC_DEBUG=1 shows it).
    process.stderr.write(`tendlc: ${error instanceof Error ? error.message : String(error)}\n`);
    if (process.env.TENDLC_DEBUG) console.error(error);
    return EXIT.usage;
  }
  return exitCode;
}

async function packageVersion(): Promise<string> {
  const { readFile } = await import('node:fs/promises');
  const pkg = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}
