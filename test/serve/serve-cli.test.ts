import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../helpers/build.js';
import { runCli } from '../helpers/cli.js';

// `tendlc serve` refuses what it cannot start with, in words, before it listens.
let dir: string;
beforeAll(() => {
  ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'tendlc-serve-cli-'));
});

describe('tendlc serve, bad input', () => {
  it('names the file, line and column of a config the schema refuses, and exits 2', () => {
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, 'version: 1\naccount: { id: x, name: X, kind: weird, country: US }\n');
    const r = runCli(['serve', '--config', file, '--in-memory', '--port', '0']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`${file}:2:34 kind is "weird"; it must be one of standard, agency (schema)`);
    expect(r.stderr).not.toMatch(/\n\s+at /u);
  });

  it('leaves no state file behind when an account of the config cannot be loaded', () => {
    const file = join(dir, 'twice.yaml');
    const account = (id: string) =>
      `version: 1\naccount: { id: ${id}, name: X, kind: standard, country: US }\nnumbers:\n  - { e164: "+12065550100", kind: one-to-one, status: active }\n`;
    writeFileSync(file, `${account('one')}---\n${account('two')}`);
    const data = join(dir, 'state', 'state.json');
    const r = runCli(['serve', '--config', file, '--data', data, '--port', '0']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("account 'two' cannot be loaded: +12065550100 is held by another account");
    expect(existsSync(data)).toBe(false);
    expect(existsSync(join(dir, 'state'))).toBe(false);
  });

  it('refuses a state file it cannot read, leaves it as it was, and says how to start over', () => {
    const data = join(dir, 'corrupt', 'state.json');
    mkdirSync(join(dir, 'corrupt'));
    writeFileSync(data, '{"format": 1, "sim": ');
    const r = runCli(['serve', '--data', data, '--port', '0']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`${data} cannot be read as a tendlc state file`);
    expect(r.stderr).toContain('start over with --reset');
    expect(r.stderr).not.toMatch(/\n\s+at /u);
    expect(readFileSync(data, 'utf8')).toBe('{"format": 1, "sim": ');
  });

  it.each([
    [['--clock', 'sometimes'], "--clock 'sometimes' is not realtime, manual or scale:N"],
    [['--port', '99999'], "--port '99999' is not a port"],
    [['--seed', '-1'], "--seed '-1' is not a whole number"],
    [['--rate-limit', '0'], "--rate-limit '0' is not a positive number"],
    [['--profile', 'nope'], 'nope'],
  ])('refuses %j with a usage error', (args, message) => {
    const r = runCli(['serve', '--in-memory', ...args]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(message);
  });
});
