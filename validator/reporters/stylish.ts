import type { FileResult } from '../lint.js';
import { summarize } from './summary.js';

const COLORS = {
  error: '\u001b[31m',
  warning: '\u001b[33m',
  info: '\u001b[36m',
  dim: '\u001b[2m',
  bold: '\u001b[1m',
  reset: '\u001b[0m',
};

/** `--format stylish` (the default): findings grouped by file, as ESLint prints them. */
export function formatStylish(results: readonly FileResult[], color: boolean): string {
  const paint = (code: keyof typeof COLORS, text: string): string =>
    color ? `${COLORS[code]}${text}${COLORS.reset}` : text;
  const lines: string[] = [];
  for (const result of results) {
    if (result.diagnostics.length === 0) continue;
    lines.push(paint('bold', result.file));
    for (const d of result.diagnostics) {
      const place = `${String(d.line)}:${String(d.column)}`.padEnd(8);
      lines.push(
        `  ${paint('dim', place)} ${paint(d.severity, d.severity.padEnd(7))}  ${d.message}  ${paint('dim', d.ruleId)}`,
      );
      if (d.hint) lines.push(`  ${' '.repeat(8)} ${' '.repeat(7)}  ${paint('dim', `hint: ${d.hint}`)}`);
    }
    lines.push('');
  }
  const s = summarize(results);
  const total = s.errors + s.warnings + s.infos;
  if (total === 0) lines.push(`${String(s.files)} file${s.files === 1 ? '' : 's'} linted, no problems`);
  else
    lines.push(
      paint(
        s.errors > 0 ? 'error' : 'warning',
        `✖ ${String(total)} problem${total === 1 ? '' : 's'} (${String(s.errors)} error${s.errors === 1 ? '' : 's'}, ${String(s.warnings)} warning${s.warnings === 1 ? '' : 's'}, ${String(s.infos)} info) in ${String(s.files)} file${s.files === 1 ? '' : 's'}`,
      ),
    );
  return `${lines.join('\n')}\n`;
}
