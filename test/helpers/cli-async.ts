import { spawn } from 'node:child_process';
import { ROOT, type CliResult } from './cli.js';

/**
 * Runs the real `tendlc` process without blocking this one: for commands that talk to a server
 * running in the test process.
 */
export function runCliAsync(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [`${ROOT}bin/tendlc.js`, ...args], {
      cwd: ROOT,
      env: { ...process.env, NO_COLOR: '1', ...env },
      timeout: 60_000,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => done({ status: code ?? -1, stdout, stderr }));
  });
}
