/**
 * Inline suppressions: `# tendlc-disable-next-line RULE-ID[, RULE-ID] [-- reason]` silences
 * those rules for the node on the next line and everything inside it (the lines indented
 * deeper below it).
 */
export interface Suppression {
  /** 1-based line of the comment. */
  line: number;
  column: number;
  rules: string[];
  /** The lines it covers, inclusive. */
  from: number;
  to: number;
  used: Set<string>;
}

const DIRECTIVE = /#\s*tendlc-disable-next-line\s+([^\r\n]*)/u;

/** Finds the suppressions of a file's text. */
export function findSuppressions(text: string): Suppression[] {
  if (!text.includes('tendlc-disable-next-line')) return [];
  const lines = text.split(/\r?\n/u);
  const found: Suppression[] = [];
  lines.forEach((line, i) => {
    const match = DIRECTIVE.exec(line);
    if (!match) return;
    const rules =
      (match[1] ?? '')
        .split('--')[0]
        ?.split(',')
        .map((r) => r.trim())
        .filter(Boolean) ?? [];
    const target = nextContentLine(lines, i + 1);
    if (target === undefined) return;
    found.push({
      line: i + 1,
      column: match.index + 1,
      rules,
      from: target + 1,
      to: blockEnd(lines, target) + 1,
      used: new Set(),
    });
  });
  return found;
}

function nextContentLine(lines: string[], from: number): number | undefined {
  for (let i = from; i < lines.length; i++) {
    const trimmed = (lines[i] ?? '').trim();
    if (trimmed !== '' && !trimmed.startsWith('#')) return i;
  }
  return undefined;
}

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}

// A node's block: its own line and the following lines indented deeper than it (a list item's
// content is indented past its dash).
function blockEnd(lines: string[], start: number): number {
  const indent = indentOf(lines[start] ?? '');
  let end = start;
  for (let i = start + 1; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line.trim() === '' || line.trim().startsWith('#')) continue;
    if (indentOf(line) <= indent) break;
    end = i;
  }
  return end;
}

/** Whether a suppression silences a diagnostic of this rule at this line; records the use. */
export function suppressed(suppressions: readonly Suppression[], ruleId: string, line: number): boolean {
  for (const s of suppressions)
    if (s.rules.includes(ruleId) && line >= s.from && line <= s.to) {
      s.used.add(ruleId);
      return true;
    }
  return false;
}
