import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../helpers/build.js';
import { ROOT, runCli } from '../helpers/cli.js';

// The benchmark's config generator: P1 means something only if its file is a real, clean account.
const generate = (out: string, scale: string, seed: string): void => {
  const r = spawnSync(
    process.execPath,
    [join(ROOT, 'scripts/generate-config.mjs'), '--scale', scale, '--seed', seed, '--out', out],
    { encoding: 'utf8' },
  );
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
};

let dir: string;
beforeAll(() => {
  ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'tendlc-generate-'));
});

describe('scripts/generate-config.mjs', () => {
  it('writes a config that is schema-valid and lints clean', () => {
    const file = join(dir, 'small.yaml');
    generate(file, '0.2', '42');
    const r = runCli(['lint', file, '--now', '2026-11-20', '--format', 'json']);
    const report = JSON.parse(r.stdout) as { summary: Record<string, number> };
    expect(report.summary).toEqual({ files: 1, errors: 0, warnings: 0, infos: 0 });
    expect(r.status).toBe(0);
    const text = readFileSync(file, 'utf8');
    expect(text.match(/^ {2}- e164:/gmu)).toHaveLength(1000);
    expect(text.match(/^ {2}- id: c-/gmu)).toHaveLength(60);
  });

  it('gives the same file for the same seed, and another for another seed', () => {
    const [a, b, c] = ['a.yaml', 'b.yaml', 'c.yaml'].map((f) => join(dir, f)) as [string, string, string];
    generate(a, '0.05', '7');
    generate(b, '0.05', '7');
    generate(c, '0.05', '8');
    expect(readFileSync(a, 'utf8')).toBe(readFileSync(b, 'utf8'));
    expect(readFileSync(a, 'utf8')).not.toBe(readFileSync(c, 'utf8'));
  });
});
