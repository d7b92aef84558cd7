import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { catalog } from '../../engine/catalog.js';
import { ensureBuilt } from '../helpers/build.js';
import { runCli } from '../helpers/cli.js';

interface Report {
  files: Array<{
    file: string;
    diagnostics: Array<{
      ruleId: string;
      severity: string;
      path: string;
      line: number;
      column: number;
      message: string;
    }>;
  }>;
  summary: { files: number; errors: number; warnings: number; infos: number };
}

const NOW = ['--now', '2026-11-20'];
const json = (args: string[]): { status: number; report: Report; stderr: string } => {
  const r = runCli(['lint', '--format', 'json', ...NOW, ...args]);
  return { status: r.status, report: JSON.parse(r.stdout || '{"files":[]}') as Report, stderr: r.stderr };
};

let dir: string;
const write = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

beforeAll(() => {
  ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'tendlc-lint-'));
});

describe('tendlc lint on the shipped examples', () => {
  it('finds nothing in the clean account and exits 0', () => {
    const { status, report } = json(['examples/acme.yaml']);
    expect(report.summary).toEqual({ files: 1, errors: 0, warnings: 0, infos: 0 });
    expect(status).toBe(0);
  });

  it('reports every linted rule of each family in its broken account, and exits 1', () => {
    const { status, report } = json(['examples/broken', '--profile', 'examples/profiles/small-limits.yaml']);
    expect(status).toBe(1);
    const seen = new Set(report.files.flatMap((f) => f.diagnostics.map((d) => d.ruleId)));
    const linted = catalog.filter((r) => r.where !== 'S').map((r) => r.id);
    expect(linted.filter((id) => !seen.has(id))).toEqual([]);
    for (const file of report.files) {
      const family = /broken\/([a-z-]+?)(-non-us|-no-campaign-number)?\.yaml$/u.exec(file.file)?.[1];
      const own = catalog.filter((r) => r.family === family).map((r) => r.id);
      expect(file.diagnostics.some((d) => own.includes(d.ruleId))).toBe(true);
    }
  });

  it('places findings at the node: the item past the limit, the offending value', () => {
    const { report } = json(['examples/broken/dedicated-numbers.yaml']);
    const diagnostics = report.files[0]?.diagnostics ?? [];
    expect(diagnostics.find((d) => d.ruleId === 'dedicated-number-limit')).toMatchObject({
      path: '/numbers/5',
      line: 16,
      column: 5,
    });
    expect(diagnostics.find((d) => d.ruleId === 'area-code-excluded')).toMatchObject({
      path: '/numbers/2/e164',
      line: 13,
      column: 13,
    });
  });
});

describe('schema findings', () => {
  it('points an unknown key at the key, with a did-you-mean', () => {
    const file = write(
      'typo.yaml',
      'version: 1\naccount: { id: a, name: A, kind: standard, country: US }\nnumbers:\n  - e164: "+12065550100"\n    kindd: campaign\n    status: active\n',
    );
    const d = json([file]).report.files[0]?.diagnostics ?? [];
    expect(d).toContainEqual(
      expect.objectContaining({
        ruleId: 'schema',
        line: 5,
        column: 5,
        message: expect.stringMatching(/unknown key 'kindd'.*did you mean 'kind'/u),
      }),
    );
    expect(d).toContainEqual(
      expect.objectContaining({
        ruleId: 'schema',
        line: 4,
        column: 5,
        message: expect.stringMatching(/missing the required key 'kind'/u),
      }),
    );
  });

  it('places findings right in a multi-document file with a BOM, CRLF and non-ASCII text', () => {
    const docs = [
      'version: 1\naccount: { id: a, name: "Café Ünïcode 🚀", kind: standard, country: US }\n',
      'version: 1\naccount: { id: b, name: "Zoë 🚀", kind: standard, country: US, bogus: 1 }\n',
    ];
    const file = write('multi.yaml', `\ufeff${docs.join('---\n')}`.replace(/\n/gu, '\r\n'));
    const d = json([file]).report.files[0]?.diagnostics ?? [];
    // 'bogus' sits after "Zoë 🚀" (the emoji is two UTF-16 code units) on the document's line 2.
    const column = 'account: { id: b, name: "Zoë 🚀", kind: standard, country: US, '.length + 1;
    expect(d).toEqual([
      expect.objectContaining({ ruleId: 'schema', line: 5, column, endLine: 5, endColumn: column + 5 }),
    ]);
  });

  it('reports duplicate keys and duplicate ids and still lints the file', () => {
    const file = write(
      'dupes.yaml',
      'version: 1\naccount: { id: a, name: A, kind: standard, country: US }\nusers:\n  - { id: ana, role: admin }\n  - { id: ana, role: owner, role: admin }\n',
    );
    const ids = (json([file]).report.files[0]?.diagnostics ?? []).map((d) => `${d.ruleId}@${String(d.line)}`);
    expect(ids).toEqual(expect.arrayContaining(['duplicate-key@5', 'duplicate-id@5']));
  });
});

describe('controls', () => {
  const broken = 'examples/broken/direct-texts.yaml';

  it('--rules turns a rule off or changes its severity; --fail-on decides the exit', () => {
    const rules = write(
      'rules.yaml',
      'inbox-needs-agents: off\ndirect-role: warning\ndirect-from-reusable-number: info\n',
    );
    const { status, report } = json([broken, '--rules', rules]);
    expect(report.summary).toEqual({ files: 1, errors: 0, warnings: 1, infos: 1 });
    expect(status).toBe(0);
    expect(json([broken, '--rules', rules, '--fail-on', 'warning']).status).toBe(1);
  });

  it('refuses an unknown rule id and a mandatory id turned off, with exit 2', () => {
    expect(json([broken, '--rules', write('bad.yaml', 'no-such-rule: off\n')]).status).toBe(2);
    const typo = json([broken, '--rules', write('typo.yaml', 'dedicated-numbr-limit: off\n')]);
    expect(typo.status).toBe(2);
    expect(typo.stderr).toContain(
      "unknown rule id 'dedicated-numbr-limit' (did you mean 'dedicated-number-limit'?)",
    );
    expect(json([broken, '--rules', write('schema-off.yaml', 'schema: off\n')]).status).toBe(2);
  });

  it('names the line and column of a bad --rules entry', () => {
    const level = json([
      broken,
      '--rules',
      write('level.yaml', 'campaign-samples-brand: off\nshaft-content: warnin\n'),
    ]);
    expect(level.status).toBe(2);
    expect(level.stderr).toMatch(
      /level\.yaml:2:16: 'shaft-content' is "warnin"; .*did you mean 'warning'\?/u,
    );
    const unknown = json([
      broken,
      '--rules',
      write('unknown.yaml', 'campaign-samples-brand: off\nno-such-rule: off\n'),
    ]);
    expect(unknown.stderr).toMatch(/unknown\.yaml:2:1: unknown rule id 'no-such-rule'/u);
    const syntax = json([broken, '--rules', write('syntax.yaml', 'a: [\n')]);
    expect(syntax.status).toBe(2);
    expect(syntax.stderr).toMatch(/syntax\.yaml:\d+:\d+: /u);
  });

  it('--quiet keeps errors only; --output writes the report to a file', () => {
    const out = join(dir, 'report.json');
    const r = runCli([
      'lint',
      '--format',
      'json',
      '--quiet',
      '--output',
      out,
      ...NOW,
      'examples/broken/messages.yaml',
    ]);
    const report = JSON.parse(readFileSync(out, 'utf8')) as Report;
    expect(r.stdout).toBe('');
    expect(report.files[0]?.diagnostics.every((d) => d.severity === 'error')).toBe(true);
    expect(report.summary.errors).toBeGreaterThan(0);
  });

  it('honours a suppression for the node below it, and reports one that silences nothing', () => {
    const file = write(
      'suppressed.yaml',
      [
        'version: 1',
        'account: { id: a, name: A, kind: standard, country: US }',
        'users: [{ id: ana, role: admin }]',
        'numbers:',
        '  # tendlc-disable-next-line one-to-one-needs-rep, inbox-needs-agents -- a shared line, answered by the bot',
        '  - e164: "+12065550101"',
        '    kind: one-to-one',
        '    status: active',
        '  # tendlc-disable-next-line local-area-code',
        '  - { e164: "+12065550102", kind: one-to-one, status: active, rep: ana, inbox: { mode: agent, agents: [ana] } }',
        '',
      ].join('\n'),
    );
    const d = json([file]).report.files[0]?.diagnostics ?? [];
    expect(d.map((x) => `${x.ruleId}@${String(x.line)}`)).toEqual(['unused-suppression@9']);
  });

  it('exits 2 for an input that matches nothing and for a file that is not YAML', () => {
    const none = runCli(['lint', 'no/such/file.yaml']);
    expect(none.status).toBe(2);
    expect(none.stderr).toBe("tendlc lint: 'no/such/file.yaml' matches no file\n");
    expect(none.stdout).toBe('');
    const bad = write('bad-syntax.yaml', 'version: 1\naccount: [\n');
    const r = json([bad]);
    expect(r.status).toBe(2);
    expect(r.report.files[0]?.diagnostics[0]?.ruleId).toBe('yaml-syntax');
  });

  it('lints globs and directories', () => {
    const r = json(['examples/broken/d*.yaml']);
    expect(r.report.files.map((f) => f.file)).toEqual([
      'examples/broken/dedicated-numbers-non-us.yaml',
      'examples/broken/dedicated-numbers.yaml',
      'examples/broken/direct-texts.yaml',
    ]);
  });

  it('reads --profile: carriers-2025 puts unvetted brands in the lowest tier', () => {
    const file = write(
      'volume.yaml',
      [
        'version: 1',
        'account: { id: a, name: A, kind: standard, country: US }',
        'brands: [{ id: b, name: B, entityType: PRIVATE_PROFIT, ein: "12-3456789", country: US, email: b@b.example, vertical: RETAIL, status: verified, trustScore: 90 }]',
        'campaigns: [{ id: c, brand: b, useCase: MARKETING, status: draft }]',
        'numbers: [{ e164: "+12065550100", kind: campaign, lifetime: dedicated, status: active }]',
        'outreach: [{ id: o, type: bulk, campaign: c, numbers: ["+12065550100"], status: draft, dailyVolume: 5000 }]',
        '',
      ].join('\n'),
    );
    const rule = (profile: string) =>
      (json([file, '--profile', profile]).report.files[0]?.diagnostics ?? []).filter(
        (d) => d.ruleId === 'declared-volume-within-cap',
      );
    expect(rule('seed')).toHaveLength(0);
    expect(rule('carriers-2025')).toHaveLength(1);
  });
});
