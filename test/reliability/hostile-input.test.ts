// R1: the linter never falls over on a hostile file. In process, a fast-check property
// over generated inputs (10,000 under `npm run reliability`); through the real CLI, one file of
// each kind.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { dump } from 'js-yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { catalog } from '../../engine/catalog.js';
import { BUILT_IN_IDS, lintText, type FileResult } from '../../validator/lint.js';
import { seedProfile } from '../../simulator/files/profile-file.js';
import { loadYamlSource } from '../../engine/source/yaml-source.js';
import { formatGithub } from '../../validator/reporters/github.js';
import { formatJson } from '../../validator/reporters/json.js';
import { formatJunit } from '../../validator/reporters/junit.js';
import { formatSarif } from '../../validator/reporters/sarif.js';
import { formatStylish } from '../../validator/reporters/stylish.js';
import { ensureBuilt } from '../helpers/build.js';
import { ROOT, runCli } from '../helpers/cli.js';
import { reliabilitySize } from '../helpers/reliability-size.js';

const CLEAN = readFileSync(join(ROOT, 'examples/acme.yaml'), 'utf8');
const OPTIONS = { rules: catalog, profile: seedProfile(), now: Date.parse('2026-11-20') };
const KNOWN_IDS = new Set<string>([...BUILT_IN_IDS, ...catalog.map((r) => r.id)]);

/** A hostile input, and whether it is certain to be wrong (some generators may produce a valid file). */
interface Hostile {
  kind: string;
  text: string;
  broken: boolean;
}

const hostile =
  (kind: string, broken = true) =>
  (text: string): Hostile => ({ kind, text, broken });

const token = fc.constantFrom(
  '{',
  '}',
  '[',
  ']',
  ':',
  ': ',
  '- ',
  '"',
  "'",
  ',',
  '&a ',
  '*a',
  '!!binary ',
  '!foo ',
  '%YAML 1.2\n',
  '---\n',
  '...\n',
  '\t',
  '\n',
  '  ',
  '? ',
  '|',
  '>-',
  '#',
  '@',
  '`',
  'version',
  'account',
  'numbers',
  '1',
  '-1e999',
  '0x1F',
  '~',
  'null',
  'true',
  '\\u0000',
  '\u0000',
  '\ufeff',
  '🚀',
  'é',
);
const syntaxNoise = fc
  .array(token, { maxLength: 60 })
  .map((t) => t.join(''))
  .map(hostile('noise', false));

const aliasBomb = fc
  .record({ levels: fc.integer({ min: 2, max: 12 }), width: fc.integer({ min: 2, max: 12 }) })
  .map(({ levels, width }) => {
    const lines = [`a0: &a0 [${Array<string>(width).fill('lol').join(', ')}]`];
    for (let i = 1; i < levels; i++)
      lines.push(
        `a${String(i)}: &a${String(i)} [${Array<string>(width)
          .fill(`*a${String(i - 1)}`)
          .join(', ')}]`,
      );
    return `${lines.join('\n')}\n`;
  })
  .map(hostile('alias bomb'));

const bigScalar = fc
  .record({
    size: fc.constantFrom(10_000, 1_000_000, 10_000_000),
    style: fc.constantFrom('plain', 'quoted', 'key', 'block'),
  })
  .map(({ size, style }) => {
    const big = 'x'.repeat(size);
    if (style === 'key') return `version: 1\n${big}: 1\n`;
    if (style === 'block') return `version: 1\naccount:\n  name: |\n    ${big}\n`;
    return `version: 1\naccount:\n  name: ${style === 'quoted' ? `"${big}"` : big}\n`;
  })
  .map(hostile('big scalar'));

const deepNesting = fc
  .record({
    depth: fc.integer({ min: 100, max: 10_000 }),
    style: fc.constantFrom('flow-seq', 'flow-map', 'block'),
  })
  .map(({ depth, style }) => {
    if (style === 'flow-seq') return `${'['.repeat(depth)}${']'.repeat(depth)}`;
    if (style === 'flow-map') return `${'{a: '.repeat(depth)}1${'}'.repeat(depth)}`;
    return Array.from({ length: Math.min(depth, 3_000) }, (_, i) => `${' '.repeat(i)}a:`).join('\n');
  })
  .map(hostile('deep nesting'));

const protoKeys = fc
  .record({
    key: fc.constantFrom('__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString'),
    at: fc.constantFrom('top', 'account', 'number'),
  })
  .map(({ key, at }) => {
    const entry = `${key}: { polluted: true, prototype: { polluted: true } }`;
    if (at === 'top') return `${CLEAN}${entry}\n`;
    if (at === 'account') return CLEAN.replace('account:\n', `account:\n  ${entry}\n`);
    return CLEAN.replace(/^numbers:\n/mu, `numbers:\n  - ${entry}\n`);
  })
  .map(hostile('prototype keys'));

// A clean config with one node replaced by a value of another type.
const wrongTypes = fc
  .record({
    pick: fc.nat(),
    value: fc.oneof(
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.string(),
      fc.array(fc.integer()),
      fc.object(),
    ),
  })
  .map(({ pick, value }) => {
    const config = loadClean() as Record<string, unknown>;
    const slots = containers(config);
    const [parent, key] = slots[pick % slots.length]!;
    const before = (parent as Record<string, unknown>)[key];
    (parent as Record<string, unknown>)[key] =
      typeof before === typeof value && before !== null ? [value] : value;
    return dump(config);
  })
  .map(hostile('wrong types'));

const duplicateKeys = fc
  .nat()
  .map((pick) => {
    const lines = CLEAN.split('\n');
    const keyed = lines.map((l, i) => [l, i] as const).filter(([l]) => /^\s*[a-z]+: \S/iu.test(l));
    const [line, i] = keyed[pick % keyed.length]!;
    lines.splice(i + 1, 0, line);
    return lines.join('\n');
  })
  .map(hostile('duplicate key'));

const binaryBytes = fc
  .record({ bytes: fc.uint8Array({ maxLength: 2_000 }), encoding: fc.constantFrom('utf8', 'latin1') })
  .map(({ bytes, encoding }) => Buffer.from(bytes).toString(encoding as BufferEncoding))
  .map(hostile('binary bytes', false));

// A clean config cut, spliced and sprinkled with bytes: near-misses hit the deepest paths.
const mutated = fc
  .record({ cut: fc.nat(), junk: fc.string({ unit: 'binary', maxLength: 20 }), truncate: fc.boolean() })
  .map(({ cut, junk, truncate }) => {
    const at = cut % CLEAN.length;
    return truncate ? CLEAN.slice(0, at) : `${CLEAN.slice(0, at)}${junk}${CLEAN.slice(at)}`;
  })
  .map(hostile('mutated config', false));

const anyHostile = fc.oneof(
  { arbitrary: syntaxNoise, weight: 4 },
  { arbitrary: aliasBomb, weight: 2 },
  { arbitrary: bigScalar, weight: 1 },
  { arbitrary: deepNesting, weight: 2 },
  { arbitrary: protoKeys, weight: 2 },
  { arbitrary: wrongTypes, weight: 4 },
  { arbitrary: duplicateKeys, weight: 2 },
  { arbitrary: binaryBytes, weight: 3 },
  { arbitrary: mutated, weight: 4 },
);

let cleanValue: unknown;
// The clean config as lint reads it, copied afresh for each mutation.
function loadClean(): unknown {
  cleanValue ??= loadYamlSource(CLEAN)[0]?.value;
  return JSON.parse(JSON.stringify(cleanValue)) as unknown;
}

/** Every (container, key) pair of a JSON value, to pick one to break. */
function containers(value: unknown, out: Array<[object, string]> = []): Array<[object, string]> {
  if (typeof value !== 'object' || value === null) return out;
  for (const key of Object.keys(value)) {
    out.push([value, key]);
    containers((value as Record<string, unknown>)[key], out);
  }
  return out;
}

function expectWellFormed(result: FileResult, input: Hostile): void {
  for (const d of result.diagnostics) {
    expect(KNOWN_IDS.has(d.ruleId), d.ruleId).toBe(true);
    expect(d.line).toBeGreaterThanOrEqual(1);
    expect(d.column).toBeGreaterThanOrEqual(1);
    expect(d.message.length).toBeGreaterThan(0);
    expect(d.message.length).toBeLessThan(2_000);
    expect(d.message).not.toMatch(/\n\s+at /u);
  }
  if (input.broken) expect(result.diagnostics.some((d) => d.severity === 'error')).toBe(true);
  // Every format renders what lint found.
  formatJson([result]);
  formatStylish([result], true);
  formatSarif([result], catalog, '0.0.0');
  formatJunit([result]);
  formatGithub([result]);
}

function expectNoPollution(): void {
  for (const proto of [Object.prototype, Array.prototype, Function.prototype])
    expect(Object.getOwnPropertyNames(proto)).not.toContain('polluted');
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
}

describe('R1: hostile input, in process', () => {
  it('never throws, always places a diagnostic on a broken file, and never pollutes a prototype', () => {
    fc.assert(
      fc.property(anyHostile, (input) => {
        const result = lintText(input.text, 'hostile.yaml', OPTIONS);
        expectWellFormed(result, input);
        expectNoPollution();
      }),
      { numRuns: reliabilitySize(10_000, 300), seed: Number(process.env.TENDLC_SEED ?? 20261125) },
    );
  }, 600_000);
});

describe('R1: hostile input, through the real CLI', () => {
  let dir: string;
  beforeAll(() => {
    ensureBuilt();
    dir = mkdtempSync(join(tmpdir(), 'tendlc-hostile-'));
  });

  const bomb = fc.sample(aliasBomb, { seed: 1, numRuns: 50 }).find((h) => h.text.split('\n').length > 10)!;
  const cases: Array<[string, string | Buffer]> = [
    ['a syntax error', 'version: 1\naccount: { id: a, name: [unclosed\n'],
    ['an alias bomb', bomb.text],
    ['a 10 MB scalar', `version: 1\naccount:\n  name: ${'x'.repeat(10_000_000)}\n`],
    ['10,000-deep nesting', `${'['.repeat(10_000)}${']'.repeat(10_000)}`],
    [
      '__proto__ and constructor keys',
      `${CLEAN}__proto__: { polluted: true }\nconstructor: { prototype: 1 }\n`,
    ],
    ['wrong types', 'version: "one"\naccount: [1, 2]\nnumbers: 7\n'],
    ['duplicate keys', CLEAN.replace('account:\n', 'account:\n  id: dup\n')],
    ['binary bytes', Buffer.from([0x00, 0xff, 0xfe, 0x1b, 0x5b, 0x32, 0x4a, 0x80, 0x0a, 0x3a, 0x00])],
  ];

  it.each(cases)('%s: exits 1 or 2 with a diagnostic and no stack trace', (name, content) => {
    const file = join(dir, `${name.replace(/\W+/gu, '-')}.yaml`);
    writeFileSync(file, content);
    const { status, stdout, stderr } = runCli(['lint', '--format', 'json', '--now', '2026-11-20', file]);
    expect([1, 2]).toContain(status);
    expect(stderr).not.toMatch(/\n\s+at /u);
    const report = JSON.parse(stdout) as { files: Array<{ diagnostics: Array<{ ruleId: string }> }> };
    expect(report.files[0]?.diagnostics.length).toBeGreaterThan(0);
  });
});
