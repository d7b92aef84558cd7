import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../helpers/build.js';
import { runCliAsync } from '../helpers/cli-async.js';
import {
  GOOD_SAMPLES,
  NO_OPT_OUT_SAMPLES,
  SID,
  startFake,
  TELNYX_KEY,
  telnyxRoute,
  TOKEN,
  twilioRoute,
  type FakeProvider,
} from './fake-providers.js';

// The real process runs the compiled CLI.
beforeAll(() => {
  ensureBuilt();
});

let fake: FakeProvider | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

/** The CLI with no provider variables of the caller's own shell. */
const ENV = {
  TWILIO_ACCOUNT_SID: '',
  TWILIO_AUTH_TOKEN: '',
  TELNYX_API_KEY: '',
  TELNYX_BASE_URL: '',
  CI: '1',
};

describe('tendlc pull (the real process)', () => {
  it('writes the config to stdout with credentials from the environment, and exits 0', async () => {
    fake = await startFake(
      twilioRoute(
        [{ samples: GOOD_SAMPLES, status: 'VERIFIED', numbers: ['+12065550100'] }],
        ['+12065550100'],
      ),
    );
    const run = await runCliAsync(['pull', 'twilio', '--base-url', fake.url], {
      ...ENV,
      TWILIO_ACCOUNT_SID: SID,
      TWILIO_AUTH_TOKEN: TOKEN,
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(
      /^# Pulled from Twilio account AC0123456789abcdef0123456789abcdef at http:\/\/127\.0\.0\.1:\d+\n/u,
    );
    expect(run.stdout).toContain('    origin: twilio\n');
  });

  it('--lint exits 1 on an error finding and prints the report beside the config, on stderr', async () => {
    fake = await startFake(
      telnyxRoute(
        [
          { samples: NO_OPT_OUT_SAMPLES, status: 'MNO_PROVISIONED', numbers: ['+12065550100'] },
          { samples: GOOD_SAMPLES, status: 'MNO_PROVISIONED', numbers: [] },
        ],
        ['+12065550100'],
      ),
    );
    const run = await runCliAsync(
      [
        'pull',
        'telnyx',
        '--base-url',
        `${fake.url}/v2`,
        '--api-key',
        TELNYX_KEY,
        '--lint',
        '--now',
        '2026-11-27',
      ],
      ENV,
    );
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('# Pulled from Telnyx');
    expect(run.stderr).toContain('<telnyx>');
    expect(run.stderr).toContain('campaign-samples-opt-out');
    expect(run.stderr).toContain('campaign-without-numbers');
  });

  it('--lint with --out: the file holds the config, stdout the report; a warning alone exits 0', async () => {
    fake = await startFake(
      twilioRoute(
        [
          { samples: GOOD_SAMPLES, status: 'VERIFIED', numbers: ['+12065550100'] },
          { samples: GOOD_SAMPLES, status: 'VERIFIED', numbers: [] },
        ],
        ['+12065550100'],
      ),
    );
    const out = join(mkdtempSync(join(tmpdir(), 'tendlc-pull-')), 'acme.yaml');
    const args = [
      'pull',
      'twilio',
      '--base-url',
      fake.url,
      '--account-sid',
      SID,
      '--auth-token',
      TOKEN,
      '--out',
      out,
      '--lint',
    ];
    const run = await runCliAsync(args, ENV);
    expect(run.status).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('# Pulled from Twilio account');
    expect(run.stdout).toContain(out);
    expect(run.stdout).toContain('campaign-without-numbers');
    expect((await runCliAsync([...args, '--fail-on', 'warning'], ENV)).status).toBe(1);
    const lint = await runCliAsync(['lint', out], ENV);
    expect(lint.status).toBe(0);
  });

  it('takes Telnyx from TELNYX_API_KEY and TELNYX_BASE_URL, as its SDK does', async () => {
    fake = await startFake(
      telnyxRoute([{ samples: GOOD_SAMPLES, status: 'MNO_PROVISIONED', numbers: [] }], []),
    );
    const run = await runCliAsync(['pull', 'telnyx'], {
      ...ENV,
      TELNYX_API_KEY: TELNYX_KEY,
      TELNYX_BASE_URL: `${fake.url}/v2`,
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout.split('\n')[0]).toBe(`# Pulled from Telnyx at ${fake.url}/v2`);
    expect(fake.requests[0]?.authorization).toBe(`Bearer ${TELNYX_KEY}`);
  });

  it('retries a 429 as Retry-After says, then pulls', async () => {
    const route = telnyxRoute(
      [{ samples: GOOD_SAMPLES, status: 'MNO_PROVISIONED', numbers: [] }],
      ['+12065550100'],
    );
    let limited = 0;
    fake = await startFake((path, query) =>
      path === '/v2/phone_numbers' && limited++ < 2
        ? {
            status: 429,
            body: { errors: [{ code: '10011', title: 'Too many requests' }] },
            headers: { 'retry-after': '0' },
          }
        : route(path, query),
    );
    const run = await runCliAsync(
      ['pull', 'telnyx', '--base-url', `${fake.url}/v2`, '--api-key', TELNYX_KEY],
      ENV,
    );
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('- e164: "+12065550100"');
    expect(fake.requests.filter((r) => r.path.startsWith('/v2/phone_numbers'))).toHaveLength(3);
  });

  it('exits 2 on a base URL that is not http(s)', async () => {
    const run = await runCliAsync(
      ['pull', 'telnyx', '--api-key', TELNYX_KEY, '--base-url', '127.0.0.1:4100/telnyx/v2'],
      ENV,
    );
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      "tendlc pull: --base-url '127.0.0.1:4100/telnyx/v2' is not an http(s) URL such as http://127.0.0.1:4100/telnyx/v2\n",
    );
  });

  it('exits 2 without credentials, naming the flags and variables', async () => {
    const run = await runCliAsync(['pull', 'twilio', '--base-url', 'http://127.0.0.1:9'], ENV);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      'tendlc pull: Twilio needs an account SID and an auth token: --account-sid and --auth-token, or TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN\n',
    );
    const telnyx = await runCliAsync(['pull', 'telnyx'], ENV);
    expect(telnyx.stderr).toBe('tendlc pull: Telnyx needs an API key: --api-key, or TELNYX_API_KEY\n');
    expect((await runCliAsync(['pull', 'plivo'], ENV)).status).toBe(2);
  });

  it("exits 2 on the provider's refusal with one line naming the URL and its code, never a stack", async () => {
    fake = await startFake(() => ({
      status: 401,
      body: {
        code: 20003,
        message: 'Authenticate',
        more_info: 'https://www.twilio.com/docs/errors/20003',
        status: 401,
      },
    }));
    const run = await runCliAsync(
      ['pull', 'twilio', '--base-url', fake.url, '--account-sid', SID, '--auth-token', 'wrong', '--lint'],
      ENV,
    );
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      `tendlc pull: Twilio answered GET ${fake.url}/api/2010-04-01/Accounts/${SID}.json with HTTP 401 (Twilio error 20003): Authenticate; check the credentials (TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN)\n`,
    );
    expect(run.stderr).not.toContain('wrong');
  });
});
