import type { FileResult } from '../lint.js';
import { summarize } from './summary.js';

/** `--format json`: `{files: [{file, diagnostics}], summary}` (docs/lint.md). */
export function formatJson(results: readonly FileResult[]): string {
  const files = results.map((r) => ({
    file: r.file,
    diagnostics: r.diagnostics.map((d) => ({
      ruleId: d.ruleId,
      severity: d.severity,
      message: d.message,
      path: d.path,
      line: d.line,
      column: d.column,
      endLine: d.endLine,
      endColumn: d.endColumn,
      ...(d.hint === undefined ? {} : { hint: d.hint }),
    })),
  }));
  return `${JSON.stringify({ files, summary: summarize(results) }, null, 2)}\n`;
}
