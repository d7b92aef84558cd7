import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { catalog, ruleById } from '../engine/catalog.js';
import { checkExample } from './helpers/rule-examples.js';

const linted = catalog.filter((rule) => rule.where !== 'S');

describe('the rule catalog', () => {
  it('defines each id once', () => {
    const ids = catalog.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each(catalog.map((r) => [r.id, r] as const))('%s has a complete page', (_id, rule) => {
    expect(rule.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    for (const text of [rule.description, rule.why, rule.fix, rule.source])
      expect(text.trim().length).toBeGreaterThan(10);
    expect(rule.examples.failing.title).not.toBe(rule.examples.passing.title);
    expect(rule.where === 'S' || typeof rule.check === 'function').toBe(true);
  });
});

describe.each(linted.map((r) => [r.id, r] as const))('%s (static check)', (id, rule) => {
  it('reports its failing example', () => {
    const findings = checkExample(rule, rule.examples.failing);
    expect(findings.length).toBeGreaterThan(0);
    for (const f of findings) {
      expect(f.ruleId).toBe(id);
      expect(f.path).toMatch(/^(\/[^/]*)*$/);
      expect(f.message.length).toBeGreaterThan(10);
    }
  });

  it('passes its passing example', () => {
    expect(checkExample(rule, rule.examples.passing)).toEqual([]);
  });
});

// The ids of the catalog: a rule cannot be dropped or renamed without this list changing.
const specIds = readFileSync(new URL('./fixtures/rule-ids.txt', import.meta.url), 'utf8')
  .trim()
  .split('\n');

describe('coverage of the catalog', () => {
  it(`defines all ${specIds.length} ids of the catalog, and no other`, () => {
    expect(catalog.map((r) => r.id).sort()).toEqual([...specIds].sort());
  });
});

// At run time this rule moves the number (S3: "select the new campaign"); it refuses nothing.
const MOVES_NOT_REFUSALS = new Set(['one-campaign-per-number']);
const runtime = catalog.filter((rule) => rule.where !== 'L');

describe.each(runtime.map((r) => [r.id, r] as const))('%s (runtime examples)', (id, rule) => {
  it('shows the rule in time in both examples, as a list of steps', () => {
    for (const example of [rule.examples.failing, rule.examples.passing]) {
      const steps: unknown = parse(example.steps ?? '');
      expect(Array.isArray(steps) && steps.length > 0).toBe(true);
    }
  });

  it('asserts on outcomes, refusing only with ids of the catalog', () => {
    const steps = `${rule.examples.failing.steps ?? ''}\n${rule.examples.passing.steps ?? ''}`;
    expect(steps).toMatch(/expect(_error)?:/u);
    for (const refused of refusedRules(steps)) expect(ruleById(refused)).toBeDefined();
  });

  it('shows its own refusal or error code when it is an error of both faces', () => {
    const failing = rule.examples.failing.steps ?? '';
    const shown = refusedRules(failing).includes(id) || /errorCode: \d+/u.test(failing);
    expect(rule.severity !== 'error' || rule.where !== 'L+S' || MOVES_NOT_REFUSALS.has(id) || shown).toBe(
      true,
    );
  });
});

/** The rule ids a rule example's steps expect a refusal by: `expect_error: ID` or `expect_error: { rule: ID, … }`. */
function refusedRules(steps: string): string[] {
  return [...steps.matchAll(/expect_error: (?:\{[^}]*\brule: ([\w-]+)[^}]*\}|([\w-]+))/gu)].map(
    ([, inObject, bare]) => inObject ?? bare ?? '',
  );
}
