import type { FileResult } from '../lint.js';

const COMMAND = { error: 'error', warning: 'warning', info: 'notice' } as const;

// Workflow commands: data escapes % CR LF; properties also : and ,.
function escapeData(text: string): string {
  return text.replace(/%/gu, '%25').replace(/\r/gu, '%0D').replace(/\n/gu, '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/gu, '%3A').replace(/,/gu, '%2C');
}

/** `--format github`: one workflow-command annotation per finding. */
export function formatGithub(results: readonly FileResult[]): string {
  const lines: string[] = [];
  for (const r of results)
    for (const d of r.diagnostics) {
      const props = [
        `file=${escapeProperty(r.file)}`,
        `line=${String(d.line)}`,
        `endLine=${String(d.endLine)}`,
        `col=${String(d.column)}`,
        `endColumn=${String(d.endColumn)}`,
        `title=${escapeProperty(`tendlc ${d.ruleId}`)}`,
      ].join(',');
      lines.push(
        `::${COMMAND[d.severity]} ${props}::${escapeData(d.hint ? `${d.message} (${d.hint})` : d.message)}`,
      );
    }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}
