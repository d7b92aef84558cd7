import { catalog } from '../../engine/catalog.js';
import type { RuleWhere } from '../../engine/rule.js';
import { displayPath } from '../../simulator/files/display-path.js';
import type { ScenarioResult } from './run-scenario.js';

/** One rule of the catalog and the scenarios that reached it. */
export interface RuleCoverage {
  id: string;
  where: RuleWhere;
  /** Scenarios in which the rule refused something (a command, a read, a message, a campaign). */
  refusedIn: string[];
  /** Scenarios that went through its check (refused or not). */
  checkedIn: string[];
}

/** Which runtime rules a suite reached, and which it never did. */
export interface CoverageReport {
  rules: RuleCoverage[];
  /** Rules that act at run time (S, L+S): what a scenario can reach. */
  runtime: number;
  reached: number;
  percent: number;
  unreached: string[];
  /** Rules only the linter checks: no scenario can reach them. */
  lintOnly: string[];
}

/** A scenario as coverage names it: `name (file#index)`. */
export function scenarioLabel(r: Pick<ScenarioResult, 'name' | 'file' | 'index' | 'row'>): string {
  return `${r.name} (${displayPath(r.file)}#${String(r.index)}${r.row === undefined ? '' : `, row ${String(r.row)}`})`;
}

/** The catalog against what the results reached. */
export function coverageOf(results: readonly ScenarioResult[]): CoverageReport {
  const rules: RuleCoverage[] = catalog.map((rule) => ({
    id: rule.id,
    where: rule.where,
    refusedIn: results.filter((r) => r.rules?.refused.includes(rule.id)).map(scenarioLabel),
    checkedIn: results.filter((r) => r.rules?.checked.includes(rule.id)).map(scenarioLabel),
  }));
  const runtime = rules.filter((r) => r.where !== 'L');
  const reached = runtime.filter((r) => r.refusedIn.length > 0 || r.checkedIn.length > 0);
  return {
    rules,
    runtime: runtime.length,
    reached: reached.length,
    percent: runtime.length === 0 ? 100 : Math.floor((reached.length / runtime.length) * 1000) / 10,
    unreached: runtime.filter((r) => !reached.includes(r)).map((r) => r.id),
    lintOnly: rules.filter((r) => r.where === 'L').map((r) => r.id),
  };
}

/** The coverage as a table: each runtime rule, how many scenarios it refused in and was checked in. */
export function formatCoverage(report: CoverageReport, color: boolean): string {
  const paint = (code: string, text: string): string => (color ? `\u001b[${code}m${text}\u001b[0m` : text);
  const width = Math.max(4, ...report.rules.map((r) => r.id.length));
  const lines = [
    '',
    `${'rule'.padEnd(width)}  where  refused in  checked in`,
    ...report.rules
      .filter((r) => r.where !== 'L')
      .map((r) => {
        const reached = r.refusedIn.length > 0 || r.checkedIn.length > 0;
        const mark = reached ? paint('32', '✓') : paint('31', '✗');
        return `${r.id.padEnd(width)}  ${r.where.padEnd(5)}  ${String(r.refusedIn.length).padStart(10)}  ${String(r.checkedIn.length).padStart(10)}  ${mark}`;
      }),
    '',
    `${String(report.reached)} of ${String(report.runtime)} runtime rules reached (${String(report.percent)}%)` +
      (report.unreached.length > 0 ? `; not reached: ${report.unreached.join(', ')}` : ''),
    `${String(report.lintOnly.length)} rules are checked by tendlc lint only: ${report.lintOnly.join(', ')}`,
  ];
  return `${lines.join('\n')}\n`;
}
