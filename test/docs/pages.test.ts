import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../helpers/build.js';
import { ROOT } from '../helpers/cli.js';
import { docBlocks, type DocBlock } from '../helpers/doc-blocks.js';

// Docs that run: every command and code block of README.md and docs/ works when pasted. Shell
// blocks run in order, one page at a time, in a scratch folder that holds the project's examples
// (what a reader who cloned the project has at hand), sharing their variables as one terminal
// would; TypeScript blocks run as modules of the project (`import … from 'tendlc'`); account
// configs are linted; a documented output is compared with what the block above printed.
// `npx tendlc` is the project's own bin, as npm resolves it inside the project.

/** docs/rules.md is `tendlc rules --format markdown` (test/cli-rules.test.ts keeps it current);
 * its examples run as the rules' own tests. docs/scenarios.md's scenarios run in
 * test/scenarios/doc-examples.test.ts, in process and against a server. */
const ELSEWHERE: Record<string, (b: DocBlock) => boolean> = {
  'docs/rules.md': () => true,
  'docs/scenarios.md': (b) => b.lang === 'yaml',
};

const PAGES = [
  'README.md',
  ...readdirSync(join(ROOT, 'docs'), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
].sort();

beforeAll(() => {
  ensureBuilt();
});

describe.each(PAGES)('%s', (page) => {
  const blocks = docBlocks(page, ROOT);
  const session = new Terminal();
  afterAll(() => session.close());

  it('gives every block a way to run, or a reason not to', () => {
    for (const b of blocks) {
      const how = plan(b);
      expect(
        how,
        `${page}:${String(b.line)} (${b.lang || 'no language'}) needs a <!-- doc-test: … --> directive`,
      ).not.toBe('unknown');
    }
  });

  for (const block of blocks) {
    const how = plan(block);
    if (how === 'unknown' || how === 'not run') continue;
    it(`${how}: the block at line ${String(block.line)}`, async () => {
      await session.ready(blocks);
      if (how === 'server') {
        const { code, out } = await session.run(block.text, /^tendlc serve: http:\/\/\S+/mu);
        expect(code, `${page}:${String(block.line)} did not start a server:\n${out}`).toBe(0);
      } else if (how === 'shell') {
        const { code, out } = await session.run(block.text);
        const expected = block.directive?.kind === 'exit' ? block.directive.code : 0;
        expect(code, `${page}:${String(block.line)} exited ${String(code)}:\n${out}`).toBe(expected);
      } else if (how === 'output of the block above') {
        expectLinesInOrder(session.lastOutput, block.text, `${page}:${String(block.line)}`);
      } else if (how === 'module') {
        const { code, out } = await runModule(block);
        expect(code, `${page}:${String(block.line)}:\n${out}`).toBe(0);
      } else if (how === 'lint') {
        const file = session.write(`lint-${String(block.line)}.yaml`, block.text);
        const { code, out } = await session.run(`npx tendlc lint ${file} --now 2026-11-20`);
        const expected = block.directive?.kind === 'exit' ? block.directive.code : 0;
        expect(code, `${page}:${String(block.line)} lints with exit ${String(code)}:\n${out}`).toBe(expected);
      }
    });
  }
});

describe('npm start', () => {
  it('serves the example account and prints its keys and a curl line (in memory: no state left in the project)', async () => {
    const child = spawn('npm', ['start', '--', '--in-memory'], {
      cwd: ROOT,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const banner = await new Promise<string>((done) => {
      child.stdout.on('data', (c: Buffer) => {
        out += c.toString();
        if (/OpenAPI: /u.test(out)) done(out);
      });
      child.on('exit', () => done(out));
    });
    process.kill(-child.pid!, 'SIGTERM');
    expect(banner).toMatch(/tendlc serve: http:\/\/127\.0\.0\.1:4100 /u);
    expect(banner).toMatch(/olga\s+owner\s+tdk_/u);
    expect(banner).toMatch(/curl -H 'Authorization: Bearer tdk_/u);
  });
});

type Plan = 'shell' | 'server' | 'output of the block above' | 'module' | 'lint' | 'not run' | 'unknown';

function plan(b: DocBlock): Plan {
  const d = b.directive;
  if (d?.kind === 'skip' || d?.kind === 'text' || d?.kind === 'file') return 'not run';
  if (d?.kind === 'output') return 'output of the block above';
  if (d?.kind === 'serves') return 'server';
  if (ELSEWHERE[b.page]?.(b)) return 'not run';
  if (b.lang === 'sh' || b.lang === 'bash') return 'shell';
  if (b.lang === 'ts' || b.lang === 'js') return 'module';
  if (b.lang === 'yaml' && /^version: 1$/mu.test(b.text) && /^account:/mu.test(b.text)) return 'lint';
  return 'unknown';
}

function expectLinesInOrder(actual: string, documented: string, where: string): void {
  let from = 0;
  // The terminal runs with NO_COLOR: a colour code left would be a bug of the command's own.
  const plain = actual;
  for (const line of documented
    .split('\n')
    .map((l) => l.trimEnd())
    .filter((l) => l.trim() !== '')) {
    const at = plain.indexOf(line.trim(), from);
    expect(
      at,
      `${where}: the documented line ${JSON.stringify(line.trim())} is not in the output:\n${plain}`,
    ).toBeGreaterThanOrEqual(0);
    from = at + line.trim().length;
  }
}

/**
 * One terminal per page: a scratch folder with the project's examples, scenarios and profiles,
 * the page's `file` blocks written into it, and the variables each block sets kept for the next.
 * What a block leaves running in the background is stopped with the page.
 */
class Terminal {
  readonly dir = mkdtempSync(join(tmpdir(), 'tendlc-docs-'));
  private readonly env = join(this.dir, '.doc-env');
  private groups: number[] = [];
  private prepared = false;
  lastOutput = '';

  async ready(blocks: readonly DocBlock[]): Promise<void> {
    if (this.prepared) return;
    this.prepared = true;
    for (const name of ['examples', 'scenarios', 'profiles', 'schemas'])
      symlinkSync(join(ROOT, name), join(this.dir, name));
    writeFileSync(this.env, '');
    for (const b of blocks) if (b.directive?.kind === 'file') this.write(b.directive.name, b.text);
    await Promise.resolve();
  }

  write(name: string, text: string): string {
    const file = join(this.dir, name);
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(file, text);
    return name;
  }

  /**
   * Runs a block; with `until`, a block that keeps running (a server in the foreground) counts as
   * done, with code 0, once its output matches, and goes on in the background.
   */
  run(block: string, until?: RegExp): Promise<{ code: number; out: string }> {
    const script = [
      'set -e',
      `source ${JSON.stringify(this.env)}`,
      `npx() { if [ "$1" = tendlc ]; then shift; node ${JSON.stringify(join(ROOT, 'bin/tendlc.js'))} "$@"; else command npx "$@"; fi; }`,
      block,
      // What the block set, its shell functions too, for the next block, as one terminal keeps them.
      `{ export -p; declare -f; } > ${JSON.stringify(this.env)}`,
    ].join('\n');
    return new Promise((done) => {
      const child = spawn('bash', ['-c', script], {
        cwd: this.dir,
        detached: true,
        env: { ...process.env, NO_COLOR: '1', CI: '1' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      if (child.pid !== undefined) this.groups.push(child.pid);
      let out = '';
      const seen = (c: Buffer): void => {
        out += c.toString();
        if (until?.test(out)) {
          until = undefined;
          this.lastOutput = out;
          done({ code: 0, out });
        }
      };
      child.stdout.on('data', seen);
      child.stderr.on('data', seen);
      // A server left running in the background holds the pipes open: the block ends when bash does.
      child.on('exit', (code) => {
        this.lastOutput = out;
        done({ code: code ?? -1, out });
      });
    });
  }

  close(): void {
    for (const group of this.groups) {
      try {
        process.kill(-group, 'SIGTERM');
      } catch {
        // gone already
      }
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** A TypeScript or JavaScript block as a module of the project, so that `import … from 'tendlc'` resolves. */
function runModule(block: DocBlock): Promise<{ code: number; out: string }> {
  const dir = join(ROOT, '.doc-run');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${block.page.replace(/[^a-z0-9]+/giu, '-')}-${String(block.line)}.mjs`);
  const js = ts.transpileModule(block.text, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  }).outputText;
  writeFileSync(file, js);
  return new Promise((done) => {
    const child = spawn(process.execPath, [file], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      done({ code: code ?? -1, out });
    });
  });
}
