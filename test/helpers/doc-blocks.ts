import { readFileSync } from 'node:fs';

/**
 * The fenced code blocks of a Markdown page, each with the directive written just above it, if
 * any: `<!-- doc-test: … -->`. The docs test runs every block, as a reader would paste it; a
 * directive says how when the language alone does not:
 *
 * - `skip: REASON` — not run (the reason is required, and shown in the test's name);
 * - `exit N` — a shell block expected to exit with N;
 * - `output` — the output of the shell block above: each of its lines appears there, in order;
 * - `file NAME` — the block's text is a file the page's shell blocks use (`campaign.json`);
 * - `text: WHAT` — not code (a diagram, a layout): nothing to run;
 * - `serves` — a shell block that starts `tendlc serve` in the foreground: it runs in the
 *   background of the page's terminal, the next block waiting until the server prints its URL.
 */
export interface DocBlock {
  page: string;
  /** 1-based line of the opening fence. */
  line: number;
  lang: string;
  text: string;
  directive?: Directive;
}

export type Directive =
  | { kind: 'skip'; reason: string }
  | { kind: 'exit'; code: number }
  | { kind: 'output' }
  | { kind: 'file'; name: string }
  | { kind: 'text'; what: string }
  | { kind: 'serves' };

const DIRECTIVE = /^<!--\s*doc-test:\s*(.*?)\s*-->$/u;

/** The blocks of a page, in order. */
export function docBlocks(page: string, root: string): DocBlock[] {
  const lines = readFileSync(`${root}${page}`, 'utf8').split('\n');
  const blocks: DocBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)```(\S*)\s*$/u.exec(lines[i]!);
    if (!open) continue;
    const indent = open[1]!.length;
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length && !/^\s*```\s*$/u.test(lines[j]!); j++) body.push(lines[j]!.slice(indent));
    const above = previousLine(lines, i);
    const directive = above === undefined ? undefined : parseDirective(above, page, i + 1);
    blocks.push({
      page,
      line: i + 1,
      lang: open[2] ?? '',
      text: `${body.join('\n')}\n`,
      ...(directive ? { directive } : {}),
    });
    i = j;
  }
  return blocks;
}

function previousLine(lines: readonly string[], i: number): string | undefined {
  for (let k = i - 1; k >= 0; k--) if (lines[k]!.trim() !== '') return lines[k]!.trim();
  return undefined;
}

function parseDirective(line: string, page: string, at: number): Directive | undefined {
  const m = DIRECTIVE.exec(line);
  if (!m) return undefined;
  const text = m[1]!;
  const [word = '', ...rest] = text.split(/[\s:]+/u);
  const tail = text.slice(word.length).replace(/^[\s:]+/u, '');
  switch (word) {
    case 'skip':
    case 'text':
      if (tail === '') throw new Error(`${page}:${String(at)}: doc-test ${word} needs a reason`);
      return word === 'skip' ? { kind: 'skip', reason: tail } : { kind: 'text', what: tail };
    case 'exit':
      return { kind: 'exit', code: Number(rest[0]) };
    case 'output':
      return { kind: 'output' };
    case 'serves':
      return { kind: 'serves' };
    case 'file':
      return { kind: 'file', name: tail };
    default:
      throw new Error(`${page}:${String(at)}: unknown doc-test directive '${text}'`);
  }
}
