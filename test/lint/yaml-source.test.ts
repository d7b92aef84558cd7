import { describe, expect, it } from 'vitest';
import { loadYamlSource } from '../../engine/source/yaml-source.js';

describe('loadYamlSource: values and positions', () => {
  const text =
    'version: 1\nnumbers:\n  - e164: "+12065550100"\n    kind: campaign\n  - e164: x\n123: numeric\n';

  it('reads the document and places list items, values and keys', () => {
    const [doc] = loadYamlSource(text);
    expect(doc?.value).toEqual({
      version: 1,
      numbers: [{ e164: '+12065550100', kind: 'campaign' }, { e164: 'x' }],
      123: 'numeric',
    });
    expect(doc?.spanOf('/numbers/1')).toMatchObject({ line: 5, column: 5 });
    expect(doc?.spanOf('/numbers/0/kind')).toEqual({ line: 4, column: 11, endLine: 4, endColumn: 19 });
    expect(doc?.keySpanOf('/numbers/0/kind')).toEqual({ line: 4, column: 5, endLine: 4, endColumn: 9 });
    expect(doc?.spanOf('/123')).toMatchObject({ line: 6, column: 6 });
    expect(doc?.spanOf('')).toMatchObject({ line: 1, column: 1 });
  });

  it('falls back to the nearest existing ancestor for a missing node', () => {
    const [doc] = loadYamlSource(text);
    expect(doc?.spanOf('/numbers/1/kind')).toMatchObject({ line: 5, column: 5 });
  });

  it('keeps columns right with CRLF, a BOM and non-ASCII text', () => {
    const [doc] = loadYamlSource('\uFEFFname: "Café"\r\nkind: école\r\n');
    expect(doc?.value).toEqual({ name: 'Café', kind: 'école' });
    expect(doc?.spanOf('/kind')).toEqual({ line: 2, column: 7, endLine: 2, endColumn: 12 });
  });

  it('places documents of a multi-document file at their own lines', () => {
    const docs = loadYamlSource('a: 1\n---\nb: 2\n');
    expect(docs.map((d) => d.value)).toEqual([{ a: 1 }, { b: 2 }]);
    expect(docs[1]?.spanOf('/b')).toMatchObject({ line: 3, column: 4 });
  });

  it('keeps dates and phone-like strings as YAML 1.2 core reads them', () => {
    expect(loadYamlSource('d: 2026-12-01\np: "+12065550100"\n')[0]?.value).toEqual({
      d: '2026-12-01',
      p: '+12065550100',
    });
  });
});

describe('loadYamlSource: problems, never exceptions', () => {
  it('reports a duplicate key at the key and still reads the file', () => {
    const [doc] = loadYamlSource('a: 1\nb: 2\na: 3\n');
    expect(doc?.value).toEqual({ a: 3, b: 2 });
    expect(doc?.problems).toEqual([
      {
        code: 'duplicate-key',
        message: "duplicate key 'a'; the last value is read",
        span: { line: 3, column: 1, endLine: 3, endColumn: 2 },
      },
    ]);
  });

  it('reports a syntax error with its place', () => {
    const [doc] = loadYamlSource('a: [1, 2\nb: 3\n');
    expect(doc?.value).toBeUndefined();
    expect(doc?.problems[0]?.code).toBe('yaml-syntax');
    expect(doc?.problems[0]?.span.line).toBeGreaterThanOrEqual(1);
  });

  it('bounds alias expansion', () => {
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x, x]',
      ...'bcdefg'.split('').map(
        (k, i) =>
          `${k}: &${k} [${Array(10)
            .fill(`*${'abcdefg'[i] ?? 'a'}`)
            .join(', ')}]`,
      ),
    ].join('\n');
    const [doc] = loadYamlSource(bomb);
    expect(doc?.value).toBeUndefined();
    expect(doc?.problems[0]?.message).toMatch(/alias/u);
  });

  it('survives 10,000-deep nesting', () => {
    const docs = loadYamlSource(`${'['.repeat(10_000)}${']'.repeat(10_000)}`);
    expect(docs[0]?.value === undefined || Array.isArray(docs[0]?.value)).toBe(true);
  });

  it('makes __proto__ and constructor keys plain data', () => {
    for (const text of [
      '__proto__: { polluted: 1 }\nconstructor: 2\n',
      'a: &x 1\n__proto__: { polluted: *x }\n',
    ]) {
      const [doc] = loadYamlSource(text);
      expect(Object.keys(doc?.value as object)).toContain('__proto__');
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    }
  });
});
