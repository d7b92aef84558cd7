import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../simulator/server.js';
import { ensureBuilt } from '../helpers/build.js';
import { ROOT, runCli } from '../helpers/cli.js';
import { runCliAsync } from '../helpers/cli-async.js';
import { acmeConfig, startBareServer } from '../helpers/simulator.js';

// `tendlc scenario run` options of a QA suite: soft steps and --continue, coverage and its gate,
// a target the run owns, and `scenario init`'s starter suite. The real process, real files.

let dir: string;
const write = (name: string, text: string): string => {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
};
const ACCOUNT = join(ROOT, 'examples/acme.yaml');
const SEND =
  '{ from: "+12065550100", to: "+12065557701", body: "Acme Realty: open house Sat. Reply STOP to opt out" }';

interface JsonReport {
  scenarios: Array<{
    name: string;
    passed: boolean;
    failures: Array<{ step: number; line: number; message: string; soft: boolean }>;
  }>;
  coverage?: { reached: number; runtime: number; unreached: string[] };
}

beforeAll(() => {
  ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'tendlc-scenario-options-'));
});

describe('soft steps and --continue', () => {
  const broken = () =>
    write(
      'three-broken.yaml',
      `name: three broken steps
account: ${ACCOUNT}
steps:
  - send: ${SEND}
  - advance: 1m
  - expect: { message: last, status: failed }
    soft: true
  - expect: { handset: "+12065557701", received: 2 }
    soft: true
  - expect: { brand: acme-brand, status: pending }
  - expect: { campaign: acme-mkt, status: rejected }
`,
    );

  it('a soft step records its failure and the scenario runs on to the next hard one', () => {
    const r = runCli(['scenario', 'run', broken(), '--reporter', 'json']);
    expect(r.status).toBe(1);
    const [scenario] = (JSON.parse(r.stdout) as JsonReport).scenarios;
    expect(scenario!.failures.map((f) => [f.step, f.line, f.soft])).toEqual([
      [3, 6, true],
      [4, 8, true],
      [5, 10, false],
    ]);
  });

  it('--continue makes every step soft: each broken step of the scenario is reported in one run', () => {
    const r = runCli(['scenario', 'run', broken(), '--continue']);
    expect(r.status).toBe(1);
    for (const [line, step, what] of [
      [6, 3, 'message msg-1: status is "delivered", expected "failed"'],
      [8, 4, 'handset +12065557701 received 1 messages, expected 2'],
      [10, 5, 'brand acme-brand: status is "verified", expected "pending"'],
      [11, 6, 'campaign acme-mkt: status is "approved", expected "rejected"'],
    ] as const)
      expect(r.stdout).toContain(`three-broken.yaml:${String(line)}:5 step ${String(step)}: ${what}`);
  });
});

describe('--coverage', () => {
  it('reports the rules a suite reached, as a table and as JSON, and --coverage-min gates on it', () => {
    const file = write(
      'covering.yaml',
      `name: a send and an order refused
account: ${ACCOUNT}
steps:
  - send: ${SEND}
  - order_number: { areaCode: "603", kind: campaign, lifetime: dedicated, campaign: acme-mkt }
    expect_error: area-code-excluded
`,
    );
    const table = runCli(['scenario', 'run', file, '--coverage']);
    expect(table.status).toBe(0);
    expect(table.stdout).toMatch(/^area-code-excluded\s+L\+S\s+1\s+1\s+✓$/mu);
    expect(table.stdout).toMatch(/^port-protection\s+S\s+0\s+0\s+✗$/mu);
    expect(table.stdout).toMatch(/\d+ of 48 runtime rules reached/u);

    const json = JSON.parse(
      runCli(['scenario', 'run', file, '--coverage', '--reporter', 'json']).stdout,
    ) as JsonReport;
    expect(json.coverage!.runtime).toBe(48);
    expect(json.coverage!.unreached).toContain('port-protection');
    expect(json.coverage!.unreached).not.toContain('area-code-excluded');

    const out = join(dir, 'coverage.json');
    const gated = runCli(['scenario', 'run', file, '--coverage-min', '90', '--coverage-output', out]);
    expect(gated.status).toBe(1);
    expect(gated.stderr).toMatch(/% of runtime rules reached, below --coverage-min 90/u);
    expect((JSON.parse(readFileSync(out, 'utf8')) as { reached: number }).reached).toBe(
      json.coverage!.reached,
    );
    expect(runCli(['scenario', 'run', file, '--coverage-min', '1']).status).toBe(0);
    expect(runCli(['scenario', 'run', file, '--coverage-min', '120']).status).toBe(2);
  });

  it('reaches every runtime rule with the shipped suite', () => {
    const r = runCli(['scenario', 'run', 'scenarios/', '--coverage-min', '100']);
    expect(r.stdout).toContain('48 of 48 runtime rules reached (100%)');
    expect(r.status).toBe(0);
  });
});

describe('--target owns its server', () => {
  let bare: RunningServer;
  let holding: RunningServer;
  beforeAll(async () => {
    bare = await startBareServer('own-admin');
    holding = await startBareServer('own-admin', { configs: [acmeConfig()] });
  });
  afterAll(async () => {
    await bare.stop();
    await holding.stop();
  });

  it('refuses a server holding accounts it did not load, naming --reset-target; runs with it', async () => {
    const file = write('own.yaml', `name: own\naccount: ${ACCOUNT}\nsteps:\n  - send: ${SEND}\n`);
    const refused = await runCliAsync([
      'scenario',
      'run',
      file,
      '--target',
      holding.url,
      '--admin-token',
      'own-admin',
    ]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('holds accounts this run did not load (acme)');
    expect(refused.stderr).toContain('--reset-target');
    expect(holding.service.accounts()).toEqual(['acme']);
    // Reset to its start, the server still holds its own acme: the scenario's cannot load beside it.
    const reset = await runCliAsync([
      'scenario',
      'run',
      file,
      '--target',
      holding.url,
      '--admin-token',
      'own-admin',
      '--reset-target',
    ]);
    expect(reset.stdout).toContain("cannot load the account 'acme'");
    const other = write(
      'other.yaml',
      `name: other\naccount: { version: 1, account: { id: zed, name: Zed, kind: standard, country: US }, users: [{ id: z, role: owner }] }\nsteps:\n  - order_number: { areaCode: "971", kind: one-to-one }\n`,
    );
    const beside = await runCliAsync([
      'scenario',
      'run',
      other,
      '--target',
      holding.url,
      '--admin-token',
      'own-admin',
      '--reset-target',
    ]);
    expect(beside.status).toBe(0);
    // Left as found: reset to its start, its clock as it was.
    expect(holding.service.accounts()).toEqual(['acme']);
  });

  it('runs on a bare server, leaves it bare, and runs again', async () => {
    const file = write('bare.yaml', `name: bare\naccount: ${ACCOUNT}\nsteps:\n  - send: ${SEND}\n`);
    for (let i = 0; i < 2; i++) {
      const r = await runCliAsync([
        'scenario',
        'run',
        file,
        '--target',
        bare.url,
        '--admin-token',
        'own-admin',
      ]);
      expect(r.status).toBe(0);
      expect(bare.service.accounts()).toEqual([]);
    }
  });

  it('does not measure coverage against a server', async () => {
    const r = await runCliAsync([
      'scenario',
      'run',
      'scenarios/journeys',
      '--target',
      bare.url,
      '--admin-token',
      'own-admin',
      '--coverage',
    ]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('run without --target');
  });
});

describe('a parameter table in the reports', () => {
  it('gives each row its own case, in JSON and in JUnit, and a failing row its own failure', () => {
    const file = write(
      'rows.yaml',
      `name: "delivered to {{to}}"\nparameters:\n  - { to: "+12065557801" }\n  - { to: "+12065550101" }\naccount: ${ACCOUNT}\nsteps:\n  - send: { from: "+12065550100", to: "{{to}}", body: "Acme Realty: open house Sat. Reply STOP to opt out" }\n  - advance: 1m\n  - expect: { message: last, status: delivered }\n`,
    );
    const json = JSON.parse(runCli(['scenario', 'run', file, '--reporter', 'json']).stdout) as {
      scenarios: Array<{ name: string; row: number; passed: boolean }>;
    };
    // +12065550101 is a magic number: the carrier fails it with 30003.
    expect(json.scenarios.map((s) => [s.name, s.row, s.passed])).toEqual([
      ['delivered to +12065557801', 1, true],
      ['delivered to +12065550101', 2, false],
    ]);
    const junit = runCli(['scenario', 'run', file, '--reporter', 'junit']).stdout;
    expect(junit).toContain('name="delivered to +12065557801 (');
    expect(junit).toMatch(/name="delivered to \+12065550101 \([^"]*rows\.yaml#1, row 2\)"/u);
    expect(junit.match(/<failure /gu)).toHaveLength(1);
  });
});

describe('tendlc scenario init', () => {
  it('writes a starter suite that runs green, with the schema line in each file; refuses to overwrite', () => {
    const root = mkdtempSync(join(tmpdir(), 'tendlc-init-'));
    const r = runCli(['scenario', 'init', root]);
    expect(r.status).toBe(0);
    const scenario = readFileSync(join(root, 'scenarios/first.yaml'), 'utf8');
    expect(scenario).toMatch(/^# yaml-language-server: \$schema=\S+\/schemas\/scenario\.schema\.json$/mu);
    expect(readFileSync(join(root, 'accounts/example.yaml'), 'utf8')).toMatch(
      /^# yaml-language-server: \$schema=\S+\/schemas\/account\.schema\.json$/mu,
    );
    expect(JSON.parse(readFileSync(join(root, '.vscode/settings.json'), 'utf8'))).toHaveProperty(
      'yaml.schemas',
    );
    const run = runCli(['scenario', 'run', join(root, 'scenarios')]);
    expect(run.stdout).toContain('2 scenarios: 2 passed, 0 failed');
    expect(runCli(['lint', join(root, 'accounts')]).status).toBe(0);
    const again = runCli(['scenario', 'init', root]);
    expect(again.status).toBe(2);
    expect(again.stderr).toContain('--force');
    expect(runCli(['scenario', 'init', root, '--force']).status).toBe(0);
  });
});
