import { CORE_SCHEMA, loadAll } from 'js-yaml';
import {
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  parseAllDocuments,
  visit,
  type Document,
  type Node,
} from 'yaml';

/** A place in a file: 1-based lines, 1-based columns in UTF-16 code units. */
export interface Span {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** A problem of the YAML itself, already placed. */
export interface SourceProblem {
  code: 'yaml-syntax' | 'duplicate-key';
  message: string;
  span: Span;
}

/** One YAML document of a file, with the way back from a JSON Pointer to a place in the text. */
export interface SourceDocument {
  /** The document as plain data (null when empty); undefined when it could not be read. */
  value: unknown;
  problems: SourceProblem[];
  /** The node at a JSON Pointer, or its nearest existing ancestor; the document start for ''. */
  spanOf(pointer: string): Span;
  /** The key of the mapping entry at a JSON Pointer, when there is one. */
  keySpanOf(pointer: string): Span | undefined;
}

const MAX_ALIASES = 100;
// A broken file can yield an error per character; the first ones say enough.
const MAX_PROBLEMS = 20;
const START: Span = { line: 1, column: 1, endLine: 1, endColumn: 1 };
// Anchors and aliases go the careful way, where alias expansion is bounded.
const ANCHOR_OR_ALIAS = /(?:^|[\s[{,:-])[&*][^\s,\]}]/mu;

/**
 * Reads a YAML file into its documents. The fast path (js-yaml, YAML 1.2 core schema) reads
 * plain files; positions come lazily, from a second parse with `yaml`, only when a diagnostic
 * needs one. Files with anchors, duplicate keys or syntax errors go the careful way at once.
 * Never throws: every problem is a positioned `SourceProblem`.
 */
export function loadYamlSource(input: string): SourceDocument[] {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const positions = lazyPositions(text);
  if (!ANCHOR_OR_ALIAS.test(text)) {
    const fast = tryFast(text);
    if (fast) return fast.map((value, i) => sourceDocument(value, [], () => positions()[i]));
  }
  return careful(text, positions);
}

function tryFast(text: string): unknown[] | undefined {
  try {
    const values = loadAll(text, undefined, { schema: CORE_SCHEMA });
    return values.length === 0 ? [null] : values;
  } catch {
    return undefined;
  }
}

interface Positioned {
  doc: Document.Parsed;
  counter: LineCounter;
}

function lazyPositions(text: string): () => Array<Positioned | undefined> {
  let found: Positioned[] | undefined;
  return () => {
    if (!found) {
      const parsed = parse(text);
      found = parsed ? parsed.docs.map((doc) => ({ doc, counter: parsed.counter })) : [];
    }
    return found;
  };
}

function parse(text: string): { docs: Document.Parsed[]; counter: LineCounter } | undefined {
  const counter = new LineCounter();
  try {
    const docs = parseAllDocuments(text, { lineCounter: counter, uniqueKeys: true, schema: 'core' });
    return { docs: Array.isArray(docs) ? docs : [], counter };
  } catch {
    return undefined;
  }
}

function careful(text: string, positions: () => Array<Positioned | undefined>): SourceDocument[] {
  const parsed = parse(text);
  if (!parsed)
    return [
      sourceDocument(
        undefined,
        [problem('yaml-syntax', 'the file nests too deeply or cannot be read as YAML', START)],
        () => undefined,
      ),
    ];
  const { docs, counter } = parsed;
  if (docs.length === 0) return [sourceDocument(null, [], () => undefined)];
  return docs.map((doc, i) => {
    const problems: SourceProblem[] = doc.errors
      .slice(0, MAX_PROBLEMS)
      .map((e) =>
        e.code === 'DUPLICATE_KEY'
          ? duplicateKey(doc, counter, e.pos[0], e.pos[1])
          : problem('yaml-syntax', cleanMessage(e.message), spanAt(counter, e.pos[0], e.pos[1])),
      );
    const syntax = problems.some((p) => p.code === 'yaml-syntax');
    let value: unknown = undefined;
    if (!syntax) {
      try {
        value = doc.toJS({ maxAliasCount: MAX_ALIASES }) as unknown;
      } catch (error) {
        const reason =
          error instanceof RangeError
            ? 'the document nests too deeply'
            : `aliases expand past ${String(MAX_ALIASES)} nodes (an alias bomb?)`;
        problems.push(problem('yaml-syntax', reason, startOf(doc, counter)));
      }
    }
    return sourceDocument(value, problems, () => positions()[i] ?? { doc, counter });
  });
}

/**
 * The duplicate key's problem: its name and span are the key node's where the error starts (yaml
 * points at the key's first character only).
 */
function duplicateKey(doc: Document.Parsed, counter: LineCounter, start: number, end: number): SourceProblem {
  let key: Node | undefined;
  visit(doc, {
    Pair(_, pair) {
      const k = pair.key as Node | null;
      if (k?.range?.[0] === start) {
        key = k;
        return visit.BREAK;
      }
      return undefined;
    },
  });
  const name = isScalar(key) ? String(key.value) : undefined;
  const range = key?.range;
  return problem(
    'duplicate-key',
    `duplicate key '${name ?? `…`}'; the last value is read`,
    range ? spanAt(counter, range[0], range[1]) : spanAt(counter, start, end),
  );
}

function cleanMessage(message: string): string {
  if (/call stack/u.test(message)) return 'the document nests too deeply';
  return message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/u, '') ?? message;
}

function problem(code: SourceProblem['code'], message: string, span: Span): SourceProblem {
  return { code, message, span };
}

function sourceDocument(
  value: unknown,
  problems: SourceProblem[],
  where: () => Positioned | undefined,
): SourceDocument {
  return {
    value,
    problems,
    spanOf(pointer) {
      const p = where();
      if (!p) return START;
      if (pointer === '') return startOf(p.doc, p.counter);
      const { node } = walk(p.doc, pointer);
      return node?.range ? spanAt(p.counter, node.range[0], node.range[1]) : startOf(p.doc, p.counter);
    },
    keySpanOf(pointer) {
      const p = where();
      if (!p || pointer === '') return undefined;
      const { key, complete } = walk(p.doc, pointer);
      return complete && key?.range ? spanAt(p.counter, key.range[0], key.range[1]) : undefined;
    },
  };
}

function startOf(doc: Document.Parsed, counter: LineCounter): Span {
  const at = doc.contents?.range?.[0] ?? doc.range[0];
  return spanAt(counter, at, at);
}

/** Decodes a JSON Pointer into its segments (RFC 6901). */
export function pointerSegments(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/gu, '/').replace(/~0/gu, '~'));
}

/** Finds the node at a pointer, or the deepest one on the way; compares keys as strings, so `123:` is found. */
function walk(
  doc: Document.Parsed,
  pointer: string,
): { node: Node | undefined; key: Node | undefined; complete: boolean } {
  let node = doc.contents as Node | null;
  let key: Node | undefined;
  for (const segment of pointerSegments(pointer)) {
    let next: Node | undefined;
    let nextKey: Node | undefined;
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === segment);
      next = (pair?.value ?? undefined) as Node | undefined;
      nextKey = pair?.key as Node | undefined;
      if (pair && !next) return { node: nextKey, key: nextKey, complete: true };
    } else if (isSeq(node)) {
      next = node.items[Number(segment)] as Node | undefined;
    }
    if (!next) return { node: node ?? undefined, key, complete: false };
    node = next;
    key = nextKey;
  }
  return { node: node ?? undefined, key, complete: true };
}

function spanAt(counter: LineCounter, start: number, end: number): Span {
  const a = counter.linePos(start);
  const b = counter.linePos(end);
  return { line: a.line, column: a.col, endLine: b.line, endColumn: b.col };
}
