import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../helpers/build.js';
import { runCliAsync } from '../helpers/cli-async.js';
import { ROOT } from '../helpers/cli.js';
import { GOOD_SAMPLES, startFake, TELNYX_KEY, telnyxRoute, type FakeProvider } from './fake-providers.js';

// The real process runs the compiled CLI.
beforeAll(() => {
  ensureBuilt();
});

let fake: FakeProvider | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

/** Runs the CLI under a pseudo-terminal (util-linux `script`), as a person at a terminal would. */
function onTerminal(args: string[]): Promise<string> {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  delete env.CI;
  const command = [process.execPath, join(ROOT, 'bin/tendlc.js'), ...args].map((a) => `'${a}'`).join(' ');
  return new Promise((done) => {
    const child = spawn('script', ['-qec', command, '/dev/null'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.on('close', () => done(out));
  });
}

describe('tendlc pull progress', () => {
  it.skipIf(!existsSync('/usr/bin/script'))(
    'shows what it reads on a terminal, and clears the line',
    async () => {
      fake = await startFake(
        telnyxRoute([{ samples: GOOD_SAMPLES, status: 'MNO_PROVISIONED', numbers: [] }], []),
      );
      const out = join(mkdtempSync(join(tmpdir(), 'tendlc-pull-')), 'pulled.yaml');
      const screen = await onTerminal([
        'pull',
        'telnyx',
        '--base-url',
        `${fake.url}/v2`,
        '--api-key',
        TELNYX_KEY,
        '--out',
        out,
      ]);
      expect(screen).toContain('\r\u001b[Kpulling telnyx: brands…');
      expect(screen).toContain('\r\u001b[Kpulling telnyx: brand 1/1…');
      expect(screen).toContain('\r\u001b[Kpulling telnyx: phone numbers…');
      expect(screen.trimEnd().endsWith('\r\u001b[K')).toBe(true);
    },
  );

  it('says nothing off a terminal', async () => {
    fake = await startFake(
      telnyxRoute([{ samples: GOOD_SAMPLES, status: 'MNO_PROVISIONED', numbers: [] }], []),
    );
    const run = await runCliAsync(
      ['pull', 'telnyx', '--base-url', `${fake.url}/v2`, '--api-key', TELNYX_KEY],
      { CI: '' },
    );
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
  });
});
