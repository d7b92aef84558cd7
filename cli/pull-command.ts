import type { Command } from 'commander';
import { Argument, Option } from 'commander';
import type { PullFlags } from './pull-run.js';

/** `tendlc pull twilio|telnyx`: a provider account, read through its API, as an account config. */
export function registerPullCommand(program: Command, setExit: (code: number) => void): void {
  program
    .command('pull')
    .description(
      'read a Twilio or Telnyx account (brands, campaigns, numbers, assignments) into an account config',
    )
    .addArgument(new Argument('<provider>', 'the provider').choices(['twilio', 'telnyx']))
    .option(
      '--base-url <url>',
      "the provider's API: Twilio's hosts under URL/api, URL/messaging, URL/trusthub; Telnyx's v2 root (default: the real hosts)",
    )
    .option('--account-sid <sid>', 'Twilio account SID (default: $TWILIO_ACCOUNT_SID)')
    .option('--auth-token <token>', 'Twilio auth token (default: $TWILIO_AUTH_TOKEN)')
    .option('--api-key <key>', 'Telnyx API key (default: $TELNYX_API_KEY)')
    .option('--out <file>', 'write the config to a file (default: stdout)')
    .option('--lint', "lint the config at once, with lint's exit codes")
    .addOption(
      new Option('--fail-on <severity>', 'with --lint: exit 1 on a finding at or above this severity')
        .choices(['error', 'warning', 'info'])
        .default('error'),
    )
    .option(
      '--profile <name-or-file>',
      'with --lint: carrier profile: seed, carriers-2025, or a file',
      'seed',
    )
    .option('--now <date>', 'with --lint: the date that date rules compare with (default: today)')
    .action(async (provider: 'twilio' | 'telnyx', flags: PullFlags) => {
      const { runPull } = await import('./pull-run.js');
      setExit(await runPull(provider, flags));
    });
}
