import type { Command } from 'commander';
import { Option } from 'commander';
import type { ServeFlags } from './serve-run.js';

/** `tendlc serve`: the mock carrier and 10DLC registry. */
export function registerServeCommand(program: Command, setExit: (code: number) => void): void {
  program
    .command('serve')
    .description('run the carrier and 10DLC registry simulator (HTTP + WebSocket) on a virtual clock')
    .option('--config <file...>', 'account config(s) to load into a fresh state')
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .option('--port <port>', 'port to listen on (0: any free port)', '4100')
    .option('--data <file>', 'the state file (lowdb JSON, with its journal next to it)', '.tendlc/state.json')
    .option('--in-memory', 'keep the state in memory only')
    .option('--clock <mode>', 'realtime, manual, or scale:N (N virtual seconds per second)', 'realtime')
    .addOption(
      // fast on a real-time clock: a campaign is reviewed in seconds, not the 5-15 days of realistic.
      new Option('--latency <profile>', 'registry and carrier latencies')
        .choices(['realistic', 'fast', 'instant'])
        .default('fast'),
    )
    .option('--seed <n>', 'seed of the random source: the same seed gives the same history', '1')
    .option('--admin-token <token>', 'the control plane token (default: generated, kept in the state)')
    .option('--profile <name-or-file>', 'carrier profile: seed, carriers-2025, or a file', 'seed')
    .option('--reset', 'discard the state file and start from the config')
    .option('--rate-limit <n>', 'requests a second per key before 429 (default: no limit)')
    .addOption(
      new Option(
        '--log-format <format>',
        'request log on stdout: text (a line per request), json (an object per line), off; auto is text on a terminal, off otherwise',
      )
        .choices(['auto', 'text', 'json', 'off'])
        .default('auto'),
    )
    .action(async (flags: ServeFlags) => {
      const { runServe } = await import('./serve-run.js');
      setExit(await runServe(flags));
    });
}
