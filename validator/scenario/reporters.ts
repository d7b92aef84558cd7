import { displayPath } from '../../simulator/files/display-path.js';
import { xml } from '../reporters/junit.js';
import type { CoverageReport } from './coverage.js';
import type { ScenarioProblem } from './load-scenario.js';
import type { ScenarioResult } from './run-scenario.js';

export type ScenarioReporter = 'stylish' | 'json' | 'junit';

export interface SuiteReport {
  results: ScenarioResult[];
  /** Files that could not be read as scenarios, with their places. */
  problems: ScenarioProblem[];
  ms: number;
  /** With `--coverage`: the rules the suite reached. */
  coverage?: CoverageReport;
}

/** The suite's report in the chosen form. */
export function formatSuite(report: SuiteReport, reporter: ScenarioReporter, color: boolean): string {
  if (reporter === 'json') return formatJson(report);
  if (reporter === 'junit') return formatJunit(report);
  return formatStylish(report, color);
}

function summary(report: SuiteReport) {
  const failed = report.results.filter((r) => !r.passed).length;
  return {
    scenarios: report.results.length,
    passed: report.results.length - failed,
    failed,
    invalid: report.problems.length,
    ms: Math.round(report.ms),
  };
}

function formatJson(report: SuiteReport): string {
  return `${JSON.stringify(
    {
      scenarios: report.results.map((r) => ({
        ...r,
        file: displayPath(r.file),
        failures: r.failures.map((f) => ({ ...f, file: displayPath(f.file) })),
      })),
      problems: report.problems.map((p) => ({ ...p, file: displayPath(p.file) })),
      summary: summary(report),
      ...(report.coverage ? { coverage: report.coverage } : {}),
    },
    null,
    2,
  )}\n`;
}

function formatStylish(report: SuiteReport, color: boolean): string {
  const paint = (code: string, text: string): string => (color ? `\u001b[${code}m${text}\u001b[0m` : text);
  const lines: string[] = [];
  for (const p of report.problems)
    lines.push(
      `${paint('31', '✗')} ${displayPath(p.file)}:${String(p.line)}:${String(p.column)} ${p.message}`,
    );
  for (const r of report.results) {
    const mark = r.passed ? paint('32', '✓') : paint('31', '✗');
    lines.push(`${mark} ${r.name} ${paint('2', `${displayPath(r.file)} (${String(r.ms)} ms)`)}`);
    for (const f of r.failures)
      lines.push(
        `    ${displayPath(f.file)}:${String(f.line)}:${String(f.column)} step ${String(f.step)}: ${f.message}`,
      );
    if (!r.passed) lines.push(`    seed ${String(r.seed)}`);
  }
  const s = summary(report);
  lines.push(
    '',
    `${String(s.scenarios)} scenario${s.scenarios === 1 ? '' : 's'}: ${paint(s.failed ? '31' : '32', `${String(s.passed)} passed, ${String(s.failed)} failed`)}` +
      `${s.invalid ? `, ${String(s.invalid)} problem${s.invalid === 1 ? '' : 's'} in scenario files` : ''} (${String(s.ms)} ms)`,
  );
  return `${lines.join('\n')}\n`;
}

function formatJunit(report: SuiteReport): string {
  const s = summary(report);
  const cases: string[] = [];
  for (const p of report.problems)
    cases.push(
      `    <testcase classname="${xml(displayPath(p.file))}" name="${xml(`${displayPath(p.file)}:${String(p.line)}:${String(p.column)}`)}">`,
      `      <error message="${xml(p.message)}"/>`,
      '    </testcase>',
    );
  for (const r of report.results) {
    const open = `    <testcase classname="${xml(displayPath(r.file))}" name="${xml(`${r.name} (${displayPath(r.file)}#${String(r.index)}${r.row === undefined ? '' : `, row ${String(r.row)}`})`)}" time="${(r.ms / 1000).toFixed(3)}"`;
    if (r.passed) {
      cases.push(`${open}/>`);
      continue;
    }
    const text = r.failures
      .map(
        (f) =>
          `${displayPath(f.file)}:${String(f.line)}:${String(f.column)} step ${String(f.step)}: ${f.message}`,
      )
      .join('\n');
    cases.push(
      `${open}>`,
      `      <failure message="${xml(r.failures[0]?.message ?? '')}">${xml(`${text}\nseed ${String(r.seed)}`)}</failure>`,
      '    </testcase>',
    );
  }
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="tendlc scenario run" tests="${String(s.scenarios + s.invalid)}" failures="${String(s.failed)}" errors="${String(s.invalid)}" time="${(s.ms / 1000).toFixed(3)}">`,
    `  <testsuite name="tendlc scenario run" tests="${String(s.scenarios + s.invalid)}" failures="${String(s.failed)}" errors="${String(s.invalid)}">`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
