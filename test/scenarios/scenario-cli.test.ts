import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../simulator/server.js';
import { ensureBuilt } from '../helpers/build.js';
import { ROOT, runCli } from '../helpers/cli.js';
import { runCliAsync } from '../helpers/cli-async.js';
import { startBareServer } from '../helpers/simulator.js';

// `tendlc scenario run` as a user runs it: the real process, real files.

let dir: string;
const write = (name: string, text: string): string => {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
};
const ACCOUNT = join(ROOT, 'examples/acme.yaml');
/** One scenario per file of the shipped journeys. */
const JOURNEYS = readdirSync(join(ROOT, 'scenarios/journeys')).filter((f) => f.endsWith('.yaml')).length;

beforeAll(() => {
  ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'tendlc-scenarios-'));
});

describe('tendlc scenario run', () => {
  it('runs the shipped suite in process and exits 0', () => {
    const r = runCli(['scenario', 'run', 'scenarios/']);
    expect(r.stdout).toMatch(/^\d+ scenarios: \d+ passed, 0 failed/mu);
    expect(r.status).toBe(0);
  });

  it('shows a failing step with file:line:column and the seed, and exits 1', () => {
    const file = write(
      'failing.yaml',
      `name: the brand is verified at once
seed: 5
account: ${ACCOUNT}
steps:
  - register_brand: { id: zed, name: Zed LLC, entityType: PRIVATE_PROFIT, ein: "12-3456789", country: US, email: a@zed.example, vertical: RETAIL }
  - expect: { brand: zed, status: verified }
`,
    );
    const r = runCli(['scenario', 'run', file]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('✗ the brand is verified at once');
    expect(r.stdout).toMatch(
      /failing\.yaml:6:5 step 2: brand zed: status is "pending", expected "verified"/u,
    );
    expect(r.stdout).toContain('seed 5');
  });

  it('refuses a malformed scenario file with file:line:column problems, and exits 2', () => {
    const file = write(
      'broken.yaml',
      `name: broken
account: ${ACCOUNT}
steps:
  - advance: 1d
  - sned: { to: "+12065550123", body: hi }
  - send: { to: "+12065550123", body: hi }
    expect_error: no-such-rule
  - advance: 3 days
  - expect: { event: message.sent, within: soon }
bogus: 1
`,
    );
    const r = runCli(['scenario', 'run', file]);
    expect(r.status).toBe(2);
    expect(r.stdout).toMatch(/broken\.yaml:10:1 unknown key 'bogus'/u);
    expect(r.stdout).toMatch(/broken\.yaml:8:14 '3 days' is not a duration/u);
    expect(r.stdout).toMatch(/broken\.yaml:9:44 'soon' is not a duration/u);
    expect(r.stdout).toMatch(/broken\.yaml:5:5 unknown key 'sned' in step 2/u);
    expect(r.stdout).toMatch(/broken\.yaml:7:19 unknown rule id 'no-such-rule'/u);
    const syntax = runCli(['scenario', 'run', write('syntax.yaml', 'name: [\n')]);
    expect(syntax.status).toBe(2);
    expect(syntax.stdout).toMatch(/syntax\.yaml:\d+:\d+ /u);
  });

  it('says so when nobody can act: an unknown `as`, or an account without an owner or admin', () => {
    const unknown = runCli([
      'scenario',
      'run',
      write(
        'unknown-user.yaml',
        `name: unknown user\naccount: ${ACCOUNT}\nsteps:\n  - send: { from: "+12065550100", to: "+12065550123", body: hi }\n    as: bob\n`,
      ),
    ]);
    expect(unknown.status).toBe(1);
    expect(unknown.stdout).toContain("step 1: send: no user 'bob' in the account");
    const nobody = runCli([
      'scenario',
      'run',
      write(
        'nobody.yaml',
        'name: nobody\naccount: { version: 1, account: { id: solo, name: Solo, kind: standard, country: US } }\n' +
          'steps:\n  - register_brand: { id: b, name: B LLC, entityType: PRIVATE_PROFIT }\n',
      ),
    ]);
    expect(nobody.status).toBe(1);
    expect(nobody.stdout).toContain('register_brand: the account has no owner or admin to act as');
  });

  it('checks timing, order, counts and throughput, and says why one does not hold', () => {
    const doc = (name: string, expect: string): string =>
      `name: ${name}\nprofile: ${join(ROOT, 'examples/profiles/small-caps.yaml')}\naccount: ${ACCOUNT}\nsteps:\n` +
      '  - send_many: { from: "+12065550100", count: 12, body: "Acme Realty: open house Sat. Reply STOP to opt out" }\n' +
      `  - advance: 1h\n  - expect: ${expect}\n`;
    const file = write(
      'expectations.yaml',
      [
        doc('count', '{ messages: { status: failed, errorCode: 30027, count: 3 } }'),
        doc('throughput', '{ throughput: { from: "+12065550100", max: 1, per: 5s } }'),
        doc('order', '{ events: { order: [message.delivered, message.queued, message.queued] } }'),
        doc('timing', '{ event: message.delivered, within: 1s }'),
        doc('all hold', '{ messages: { status: failed, errorCode: 30027, count: 2 } }'),
      ].join('---\n'),
    );
    const report = JSON.parse(runCli(['scenario', 'run', file, '--reporter', 'json']).stdout) as {
      scenarios: Array<{ name: string; passed: boolean; failures: Array<{ message: string }> }>;
    };
    const why = Object.fromEntries(report.scenarios.map((r) => [r.name, r.failures[0]?.message ?? 'passed']));
    expect(why).toEqual({
      count: 'expected 3 messages with {"status":"failed","errorCode":30027}, saw 2',
      throughput: expect.stringMatching(/^2 messages sent within 5s at .*; at most 1 expected$/u) as unknown,
      order:
        "expected events in the order message.delivered → message.queued → message.queued; 'message.queued' did not follow 'message.delivered'",
      timing: expect.stringMatching(
        /^'message.delivered' came \d+s after the start, not within 1s$/u,
      ) as unknown,
      'all hold': 'passed',
    });
  });

  it('writes json and junit reports', () => {
    const json = JSON.parse(
      runCli(['scenario', 'run', 'scenarios/journeys', '--reporter', 'json']).stdout,
    ) as {
      scenarios: Array<{ name: string; passed: boolean; file: string }>;
      summary: { scenarios: number; passed: number; failed: number };
    };
    expect(json.summary).toMatchObject({ scenarios: JOURNEYS, passed: JOURNEYS, failed: 0 });
    expect(json.scenarios.map((s) => s.file)).toContain('scenarios/journeys/developer-journey.yaml');
    const junit = runCli(['scenario', 'run', 'scenarios/journeys', '--reporter', 'junit']).stdout;
    expect(junit).toContain(
      `<testsuites name="tendlc scenario run" tests="${String(JOURNEYS)}" failures="0"`,
    );
    expect(junit.match(/<testcase classname="scenarios\/journeys\/[a-z-]+\.yaml" name="/gu)).toHaveLength(
      JOURNEYS,
    );
  });

  it('splits the suite with --shard, selects with --filter and stops with --bail', () => {
    const count = (args: string[]): number =>
      (
        JSON.parse(runCli(['scenario', 'run', 'scenarios/rules', '--reporter', 'json', ...args]).stdout) as {
          summary: { scenarios: number };
        }
      ).summary.scenarios;
    const all = count([]);
    expect(count(['--shard', '1/3']) + count(['--shard', '2/3']) + count(['--shard', '3/3'])).toBe(all);
    expect(count(['--filter', 'opt-out-honored'])).toBe(2);
    expect(runCli(['scenario', 'run', 'scenarios/', '--shard', '4/3']).status).toBe(2);
    const failing = write(
      'two-failing.yaml',
      `name: first\naccount: ${ACCOUNT}\nsteps:\n  - expect: { brand: nope, status: verified }\n---\nname: second\naccount: ${ACCOUNT}\nsteps:\n  - expect: { brand: nope, status: verified }\n`,
    );
    const bailed = JSON.parse(
      runCli(['scenario', 'run', failing, '--bail', '--reporter', 'json']).stdout,
    ) as {
      summary: { scenarios: number; failed: number };
    };
    expect(bailed.summary).toMatchObject({ scenarios: 1, failed: 1 });
  });
});

describe('tendlc scenario run --target', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startBareServer('cli-admin');
  });
  afterAll(async () => {
    await server.stop();
  });

  it('runs the same scenarios against a running server', async () => {
    const r = await runCliAsync([
      'scenario',
      'run',
      'scenarios/journeys',
      '--target',
      server.url,
      '--admin-token',
      'cli-admin',
    ]);
    expect(r.stdout).toContain(`${String(JOURNEYS)} scenarios: ${String(JOURNEYS)} passed, 0 failed`);
    expect(r.status).toBe(0);
    const denied = await runCliAsync([
      'scenario',
      'run',
      'scenarios/journeys',
      '--target',
      server.url,
      '--admin-token',
      'wrong',
    ]);
    expect(denied.status).toBe(2);
    expect(denied.stderr).toContain('check --admin-token');
  });
});
