import type { FileResult } from '../lint.js';
import { summarize } from './summary.js';

/** Text as XML 1.0 attribute or element content. */
export function xml(text: string): string {
  return text
    .replace(/&/gu, '&amp;')
    .replace(/</gu, '&lt;')
    .replace(/>/gu, '&gt;')
    .replace(/"/gu, '&quot;')
    .replace(/[^\t\n\r\u0020-\uffff]/gu, notXml);
}

// XML 1.0 cannot carry most control characters, even escaped.
function notXml(ch: string): string {
  return ch.codePointAt(0)! < 0x20 ? '\ufffd' : ch;
}

/** `--format junit`: a testcase per finding, named uniquely by rule and place, and one per clean file. */
export function formatJunit(results: readonly FileResult[]): string {
  const s = summarize(results);
  const cases: string[] = [];
  for (const r of results) {
    if (r.diagnostics.length === 0)
      cases.push(`    <testcase classname="${xml(r.file)}" name="${xml(`${r.file} is clean`)}"/>`);
    for (const d of r.diagnostics) {
      const name = `${d.ruleId} ${r.file}:${String(d.line)}:${String(d.column)}`;
      const body = `${r.file}:${String(d.line)}:${String(d.column)} ${d.severity} ${d.message}${d.hint ? `\nhint: ${d.hint}` : ''}`;
      cases.push(
        `    <testcase classname="${xml(r.file)}" name="${xml(name)}">\n      <failure type="${d.severity}" message="${xml(d.message)}">${xml(body)}</failure>\n    </testcase>`,
      );
    }
  }
  const failures = s.errors + s.warnings + s.infos;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="tendlc lint" tests="${String(cases.length)}" failures="${String(failures)}">`,
    `  <testsuite name="tendlc lint" tests="${String(cases.length)}" failures="${String(failures)}" errors="0">`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
