import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tierFor } from '../engine/carrier-profile.js';
import { loadProfile, seedProfile } from '../simulator/files/profile-file.js';

describe('carrier profiles', () => {
  it('ships seed with the seed articles’ figures', () => {
    const seed = seedProfile();
    expect(seed.numbers.dedicatedLimit).toBe(5);
    expect(seed.numbers.campaignNumberLimit).toBe(49);
    expect(seed.trust.tiers.map((t) => [t.name, t.dailyCap, t.mps])).toEqual([
      ['low', 2000, 0.2],
      ['medium', 10000, 1],
      ['high', 200000, 10],
    ]);
    expect(seed.throughput.unregistered).toBe('blocked');
  });

  it('ships carriers-2025, extending seed, with the T-Mobile score bands', () => {
    const result = loadProfile('carriers-2025');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const p = result.profile;
    expect(p.trust.tiers.map((t) => t.dailyCap)).toEqual([2000, 10000, 40000, 200000]);
    expect(p.trust.useCaseDailyCaps).toEqual({ LOW_VOLUME: 2000, SOLE_PROPRIETOR: 1000 });
    expect(p.numbers.dedicatedLimit).toBe(5);
    expect(tierFor(p, 90, false).name).toBe('low');
    expect(tierFor(p, 90, true).name).toBe('high');
  });

  it('places a score in its band', () => {
    const seed = seedProfile();
    expect([0, 24, 25, 74, 75, 100].map((s) => tierFor(seed, s).name)).toEqual([
      'low',
      'low',
      'medium',
      'medium',
      'high',
      'high',
    ]);
  });

  it('refuses a user profile that breaks the schema, naming the field', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tendlc-profile-'));
    const file = join(dir, 'mine.yaml');
    writeFileSync(file, 'name: mine\nextends: seed\nnumbers:\n  dedicatedLimit: -1\n');
    const result = loadProfile(file);
    expect(result).toMatchObject({ ok: false });
    expect(!result.ok && result.error).toContain(`${file}:4:19: dedicatedLimit must be >= 0`);
  });

  it('places each problem at its line and column, in the file that writes the field', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tendlc-profile-'));
    const base = join(dir, 'base.yaml');
    writeFileSync(base, 'extends: seed\nthroughput:\n  maxQueueTime: 2 hours\n');
    const file = join(dir, 'mine.yaml');
    writeFileSync(file, 'extends: ./base.yaml\ntrust:\n  unvettedTier: null\n  bogus: 1\n');
    const result = loadProfile(file);
    const error = result.ok ? '' : result.error;
    expect(error).toContain(`${base}:3:17: maxQueueTime is "2 hours"; it must be a duration such as 90s`);
    expect(error).toContain(`${file}:4:3: unknown key 'bogus' in /trust`);
    writeFileSync(join(dir, 'orphan.yaml'), 'extends: nowhere\n');
    const orphan = loadProfile(join(dir, 'orphan.yaml'));
    expect(orphan.ok ? '' : orphan.error).toMatch(
      /'nowhere' is neither .* \(extends at .*orphan\.yaml:1:10\)/u,
    );
  });

  it('loads a user profile that extends a shipped one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tendlc-profile-'));
    const file = join(dir, 'mine.yaml');
    writeFileSync(file, 'name: mine\nextends: seed\nnumbers:\n  dedicatedLimit: 10\n');
    const result = loadProfile(file);
    expect(result.ok && result.profile.numbers.dedicatedLimit).toBe(10);
    expect(result.ok && result.profile.numbers.campaignNumberLimit).toBe(49);
  });

  it('names an unknown profile', () => {
    expect(loadProfile('nope')).toEqual({ ok: false, error: expect.stringContaining("'nope'") });
  });
});
