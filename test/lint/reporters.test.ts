import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import type * as Ajv04Module from 'ajv-draft-04';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../helpers/build.js';
import { ROOT, runCli } from '../helpers/cli.js';

const require = createRequire(import.meta.url);
// ajv-draft-04 is CommonJS: under NodeNext its typed default is the module, whose default is the class.
const Ajv04 = require('ajv-draft-04') as typeof Ajv04Module.default.default;
const addFormats = require('ajv-formats') as { default: (ajv: InstanceType<typeof Ajv04>) => void };

const NOW = ['--now', '2026-11-20'];
const BROKEN = ['examples/broken', '--profile', 'examples/profiles/small-limits.yaml'];

interface SarifLog {
  runs: Array<{
    tool: { driver: { rules: Array<{ id: string }> } };
    results: Array<{
      ruleId: string;
      ruleIndex: number;
      partialFingerprints: Record<string, string>;
      locations: Array<{ physicalLocation: { region: { startLine: number } } }>;
    }>;
  }>;
}

let dir: string;
beforeAll(() => {
  ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'tendlc-reporters-'));
});

const lint = (args: string[], env?: NodeJS.ProcessEnv) => runCli(['lint', ...NOW, ...args], { env });

describe('--format sarif', () => {
  it('validates against the official SARIF 2.1.0 schema', () => {
    const { stdout, status } = lint(['--format', 'sarif', ...BROKEN, 'examples/acme.yaml']);
    expect(status).toBe(1);
    const schema = JSON.parse(
      readFileSync(join(ROOT, 'test/fixtures/sarif-schema-2.1.0.json'), 'utf8'),
    ) as object;
    // The official schema's patterns predate the u flag.
    const ajv = new Ajv04({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats.default(ajv);
    const validate = ajv.compile(schema);
    const log = JSON.parse(stdout) as SarifLog;
    const valid = validate(log);
    expect(validate.errors?.slice(0, 3) ?? []).toEqual([]);
    expect(valid).toBe(true);
    expect(log.runs[0]?.results.length).toBeGreaterThan(20);
  });

  it('has one rules entry per rule that ran, and each result points at its own', () => {
    const log = JSON.parse(lint(['--format', 'sarif', ...BROKEN]).stdout) as SarifLog;
    const run = log.runs[0]!;
    const ids = run.tool.driver.rules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toContain('dedicated-number-limit');
    expect(ids).not.toContain('stop-honored'); // a run-time-only rule does not run in lint
    for (const result of run.results) expect(ids[result.ruleIndex]).toBe(result.ruleId);
  });

  it('leaves out a rule turned off with --rules', () => {
    const rules = join(dir, 'off.yaml');
    writeFileSync(rules, 'dedicated-number-limit: off\n');
    const log = JSON.parse(lint(['--format', 'sarif', '--rules', rules, ...BROKEN]).stdout) as SarifLog;
    expect(log.runs[0]!.tool.driver.rules.map((r) => r.id)).not.toContain('dedicated-number-limit');
  });

  it('keeps fingerprints when lines move, so code scanning does not duplicate alerts', () => {
    const source = readFileSync(join(ROOT, 'examples/broken/dedicated-numbers.yaml'), 'utf8');
    const file = join(dir, 'moving.yaml');
    const fingerprints = (): Array<[string, number]> => {
      const log = JSON.parse(lint(['--format', 'sarif', file]).stdout) as SarifLog;
      return log.runs[0]!.results.map((r) => [
        r.partialFingerprints['tendlc/v1']!,
        r.locations[0]!.physicalLocation.region.startLine,
      ]);
    };
    writeFileSync(file, source);
    const before = fingerprints();
    writeFileSync(file, `# a comment\n# and another\n${source}`);
    const after = fingerprints();
    expect(before.length).toBeGreaterThan(0);
    expect(after.map(([f]) => f)).toEqual(before.map(([f]) => f));
    expect(after.map(([, line]) => line)).toEqual(before.map(([, line]) => line + 2));
    expect(new Set(before.map(([f]) => f)).size).toBe(before.length);
  });
});

describe('--format junit', () => {
  it('names each testcase uniquely by rule and file:line:column, sets classname, and passes clean files', () => {
    const { stdout } = lint(['--format', 'junit', ...BROKEN, 'examples/acme.yaml']);
    const cases = [...stdout.matchAll(/<testcase classname="([^"]+)" name="([^"]+)"(\/)?>/gu)];
    const names = cases.map((c) => c[2]!);
    expect(new Set(names).size).toBe(names.length);
    for (const c of cases) expect(c[1]).toMatch(/\.yaml$/u);
    const failing = cases.filter((c) => c[3] === undefined);
    for (const c of failing) expect(c[2]).toMatch(/^[a-z0-9-]+ \S+\.yaml:\d+:\d+$/u);
    expect(failing.length).toBe(stdout.match(/<failure /gu)?.length);
    expect(cases.filter((c) => c[3] === '/').map((c) => c[1])).toEqual(['examples/acme.yaml']);
    expect(stdout).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites /u);
  });

  it('escapes markup and drops characters XML cannot carry', () => {
    const file = join(dir, 'a<b>&"c".yaml');
    writeFileSync(
      file,
      'version: 1\naccount: {id: x, name: "bad \\u0001 <name>", kind: standard, country: US}\nbogus: 1\n',
    );
    const { stdout } = lint(['--format', 'junit', file]);
    expect(stdout).toContain('a&lt;b&gt;&amp;&quot;c&quot;.yaml');
    expect([...stdout].some((ch) => ch.charCodeAt(0) < 9)).toBe(false);
    expect(stdout.replace(/<[^>]*>/gu, '')).not.toMatch(/[<>]/u);
  });
});

describe('--format github', () => {
  it('prints one workflow command per finding, with properties and data escaped', () => {
    const file = join(dir, 'odd, name: 100%.yaml');
    writeFileSync(file, 'version: 1\naccount: {id: x, name: X, kind: standard, country: US}\n"a,b:c%d": 1\n');
    const { stdout, status } = lint(['--format', 'github', file]);
    expect(status).toBe(1);
    const lines = stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^::error file=[^,:]*odd%2C name%3A 100%25\.yaml,line=3,endLine=3,col=1,endColumn=\d+,title=tendlc schema::/u,
    );
    expect(lines[0]).toContain("unknown key 'a,b:c%25d'");
  });

  it('uses notice for info and warning for warnings', () => {
    const rules = join(dir, 'levels.yaml');
    writeFileSync(rules, 'dedicated-number-limit: info\narea-code-excluded: warning\n');
    const { stdout } = lint([
      '--format',
      'github',
      '--rules',
      rules,
      'examples/broken/dedicated-numbers.yaml',
    ]);
    expect(stdout).toMatch(/^::notice .*title=tendlc dedicated-number-limit::/mu);
    expect(stdout).toMatch(/^::warning .*title=tendlc area-code-excluded::/mu);
  });
});

describe('--format stylish', () => {
  it('groups findings under each file and ends with a summary', () => {
    const { stdout } = lint(['examples/broken/brands.yaml', 'examples/broken/throughput.yaml']);
    const headings = stdout.split('\n').filter((l) => /^\S/u.test(l));
    expect(headings.slice(0, 2)).toEqual(['examples/broken/brands.yaml', 'examples/broken/throughput.yaml']);
    expect(headings.at(-1)).toMatch(/^✖ \d+ problems \(\d+ errors?, \d+ warnings?, \d+ info\) in 2 files$/u);
    expect(stdout).toMatch(/^ {2}\d+:\d+ +error +.+ {2}brand-required-fields$/mu);
  });

  it('colours only when asked, and NO_COLOR wins', () => {
    const file = 'examples/broken/brands.yaml';
    expect(lint([file]).stdout).not.toContain('\u001b[');
    expect(lint([file], { NO_COLOR: '', FORCE_COLOR: '1' }).stdout).toContain('\u001b[31m');
    expect(lint([file], { NO_COLOR: '1', FORCE_COLOR: '1' }).stdout).not.toContain('\u001b[');
  });

  it('writes the report to --output and nothing to stdout', () => {
    const out = join(dir, 'report.txt');
    const { stdout, status } = lint(['--output', out, 'examples/broken/brands.yaml']);
    expect(status).toBe(1);
    expect(stdout).toBe('');
    expect(readFileSync(out, 'utf8')).toContain('brand-required-fields');
  });
});
