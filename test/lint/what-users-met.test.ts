import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../helpers/build.js';
import { runCli } from '../helpers/cli.js';

// What users of `tendlc lint`, `tendlc rules` and `tendlc scenario run` met, each fixed and kept so.

let dir: string;
beforeAll(() => {
  ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'tendlc-met-'));
});

const ACCOUNT = 'version: 1\naccount: { id: acme, name: Acme, kind: standard, country: US }\n';
const lint = (text: string, ...args: string[]) => {
  const file = join(dir, `f${String(Math.random()).slice(2)}.yaml`);
  writeFileSync(file, text);
  const r = runCli(['lint', file, '--format', 'json', '--now', '2026-11-20', ...args]);
  return {
    status: r.status,
    diagnostics: (
      JSON.parse(r.stdout) as {
        files: Array<{
          diagnostics: Array<{
            ruleId: string;
            message: string;
            hint?: string;
            line: number;
            column: number;
          }>;
        }>;
      }
    ).files[0]!.diagnostics,
  };
};

describe('lint', () => {
  it('names a duplicated key whole, at the key', () => {
    const { diagnostics } = lint(
      `${ACCOUNT}brands:\n  - id: b\n    entityType: PRIVATE_PROFIT\n    country: US\n    country: CA\n    name: B\n    status: pending\n`,
    );
    expect(diagnostics).toContainEqual(
      expect.objectContaining({
        ruleId: 'duplicate-key',
        message: "duplicate key 'country'; the last value is read",
        line: 7,
        column: 5,
      }),
    );
  });

  it('reports a campaign without useCase once, as the schema does', () => {
    const { diagnostics } = lint(
      `${ACCOUNT}brands:\n  - { id: b, name: B, entityType: PRIVATE_PROFIT, status: verified }\ncampaigns:\n  - { id: c, brand: b, status: draft }\n`,
    );
    const aboutUseCase = diagnostics.filter((d) => /useCase/u.test(d.message));
    expect(aboutUseCase).toHaveLength(1);
    expect(aboutUseCase[0]).toMatchObject({
      ruleId: 'schema',
      message: expect.stringContaining("required key 'useCase'") as unknown,
    });
  });

  it('says a suppression names no rule, with the one it was close to', () => {
    const { diagnostics } = lint(
      `${ACCOUNT}# tendlc-disable-next-line dedicated-number-limt -- typo\nsubgroups: []\n`,
    );
    expect(diagnostics).toContainEqual(
      expect.objectContaining({
        ruleId: 'unused-suppression',
        message:
          "the suppression names 'dedicated-number-limt', which is no rule; did you mean 'dedicated-number-limit'?",
        hint: "write 'dedicated-number-limit'",
      }),
    );
  });

  it('writes --output into a folder it makes, and refuses a path it cannot write with exit 2', () => {
    const file = join(dir, 'reports', 'deep', 'lint.json');
    const accountFile = join(dir, 'clean.yaml');
    writeFileSync(accountFile, ACCOUNT);
    const made = runCli(['lint', accountFile, '--format', 'json', '--output', file]);
    expect(made.status).toBe(0);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ summary: { files: 1 } });
    const blocked = runCli(['lint', accountFile, '--output', join(accountFile, 'under-a-file.json')]);
    expect(blocked.status).toBe(2);
    expect(blocked.stderr).toMatch(/^tendlc lint: --output cannot write .*under-a-file\.json \(E[A-Z]+\)/u);
    expect(blocked.stderr).not.toMatch(/\n\s+at /u);
  });
});

describe('rules and scenario run', () => {
  it('offers the rule id it was close to', () => {
    const r = runCli(['rules', 'dedicated-number-limt']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("no rule 'dedicated-number-limt' (did you mean 'dedicated-number-limit'?)");
  });

  it('says "1 scenario" for one', () => {
    const r = runCli(['scenario', 'run', 'scenarios/behaviours/scheduled-message.yaml']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/\n1 scenario: 1 passed, 0 failed/u);
    expect(existsSync(join(dir, 'nothing'))).toBe(false);
  });
});
