import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { catalog } from '../engine/catalog.js';
import { catalogMarkdown } from '../cli/rule-page.js';
import { ROOT, runCli } from './helpers/cli.js';
import { ensureBuilt } from './helpers/build.js';

beforeAll(ensureBuilt);

describe('tendlc rules', () => {
  it('lists every rule with its severity and where', () => {
    const { status, stdout } = runCli(['rules']);
    expect(status).toBe(0);
    for (const rule of catalog)
      expect(stdout).toMatch(
        new RegExp(`^${rule.id} +${rule.severity} +${rule.where.replace('+', '\\+')} `, 'm'),
      );
    expect(stdout).toContain(`${catalog.length} rules.`);
  });

  it('prints the catalog as JSON with the fields of the issue', () => {
    const { status, stdout } = runCli(['rules', '--format', 'json']);
    expect(status).toBe(0);
    const rules = JSON.parse(stdout) as Array<Record<string, unknown>>;
    expect(rules.map((r) => r.id)).toEqual(catalog.map((r) => r.id));
    for (const r of rules) {
      expect(Object.keys(r)).toEqual(
        expect.arrayContaining([
          'id',
          'severity',
          'where',
          'description',
          'why',
          'fix',
          'examples',
          'source',
        ]),
      );
    }
  });

  it('prints one rule’s page', () => {
    const rule = catalog[0];
    if (rule === undefined) return expect(catalog).not.toEqual([]);
    const { status, stdout } = runCli(['rules', rule.id]);
    expect(status).toBe(0);
    for (const part of [
      rule.id,
      rule.description,
      'Why',
      'How to fix',
      'Failing example',
      'Passing example',
    ]) {
      expect(stdout).toContain(part);
    }
  });

  it('refuses an unknown rule id with exit 2 and names it', () => {
    const { status, stderr } = runCli(['rules', 'no-such-rule']);
    expect(status).toBe(2);
    expect(stderr).toContain("no rule 'no-such-rule'");
  });

  it('refuses an unknown format with exit 2', () => {
    expect(runCli(['rules', '--format', 'xml']).status).toBe(2);
  });

  it('keeps docs/rules.md current (regenerate with `npx tendlc rules --format markdown > docs/rules.md`)', () => {
    expect(readFileSync(`${ROOT}docs/rules.md`, 'utf8')).toBe(catalogMarkdown(catalog));
  });
});
