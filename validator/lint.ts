import { checkAccountText, type Diagnostic } from '../engine/account-check.js';
import type { CarrierProfile } from '../engine/carrier-profile.js';
import type { Severity } from '../engine/finding.js';
import type { RuleDefinition } from '../engine/rule.js';
import { didYouMean } from '../engine/text/did-you-mean.js';
import { findSuppressions, suppressed, type Suppression } from './suppressions.js';

export type { Diagnostic };

export interface FileResult {
  file: string;
  diagnostics: Diagnostic[];
}

/** A rule's severity as the user set it with `--rules`, or `off`. */
export type SeverityOverride = Severity | 'off';

export interface LintOptions {
  rules: readonly RuleDefinition[];
  profile: CarrierProfile;
  /** The date that date rules compare with, epoch ms. */
  now: number;
  overrides?: ReadonlyMap<string, SeverityOverride>;
}

/** Ids the linter reports besides the catalog's; the first four cannot be turned off. */
export const BUILT_IN_IDS = [
  'schema',
  'yaml-syntax',
  'duplicate-key',
  'duplicate-id',
  'unknown-reference',
  'unused-suppression',
] as const;
export const MANDATORY_IDS: ReadonlySet<string> = new Set([
  'schema',
  'yaml-syntax',
  'duplicate-key',
  'duplicate-id',
]);

/** Lints one file's text: YAML, schema, references and every rule's static check, placed at their nodes. */
export function lintText(text: string, file: string, options: LintOptions): FileResult {
  const suppressions = findSuppressions(text);
  const skip = new Set(
    [...(options.overrides ?? [])].filter(([, level]) => level === 'off').map(([id]) => id),
  );
  const raw = checkAccountText(text, { ...options, skip }).flatMap((doc) => doc.diagnostics);
  const diagnostics: Diagnostic[] = [];
  for (const d of raw) {
    const severity = MANDATORY_IDS.has(d.ruleId)
      ? d.severity
      : (options.overrides?.get(d.ruleId) ?? d.severity);
    if (severity === 'off' || suppressed(suppressions, d.ruleId, d.line)) continue;
    diagnostics.push({ ...d, severity, message: clip(d.message), ...(d.hint ? { hint: clip(d.hint) } : {}) });
  }
  diagnostics.push(...unusedSuppressions(suppressions, options));
  diagnostics.sort((a, b) => a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId));
  return { file, diagnostics };
}

const MAX_QUOTED = 60;

// Messages quote the config's own text; a 10 MB key must not become a 10 MB message.
function clip(message: string): string {
  if (message.length <= 400) return message;
  let out = '';
  let from = 0;
  for (;;) {
    const open = message.slice(from).search(/['"]/u);
    if (open < 0) break;
    const start = from + open;
    const end = message.indexOf(message[start]!, start + 1);
    if (end < 0) break;
    const inner = message.slice(start + 1, end);
    out += message.slice(from, start + 1);
    out +=
      inner.length > MAX_QUOTED
        ? `${inner.slice(0, MAX_QUOTED)}…(${String(inner.length)} characters)`
        : inner;
    out += message[end];
    from = end + 1;
  }
  return (out + message.slice(from)).slice(0, 1_000);
}

function unusedSuppressions(suppressions: readonly Suppression[], options: LintOptions): Diagnostic[] {
  if (options.overrides?.get('unused-suppression') === 'off') return [];
  const out: Diagnostic[] = [];
  const known = [...options.rules.map((r) => r.id), ...BUILT_IN_IDS];
  for (const s of suppressions)
    for (const rule of s.rules)
      if (!s.used.has(rule)) {
        // A misspelt id silences nothing either, and says why.
        const unknown = !known.includes(rule);
        const near = unknown ? didYouMean(rule, known) : undefined;
        out.push({
          ruleId: 'unused-suppression',
          severity: (options.overrides?.get('unused-suppression') as Severity | undefined) ?? 'warning',
          message: unknown
            ? `the suppression names '${rule}', which is no rule${near ? `; did you mean '${near}'?` : ''}`
            : `the suppression of '${rule}' silences nothing`,
          hint: unknown
            ? near
              ? `write '${near}'`
              : 'correct the id: `tendlc rules` lists them'
            : 'remove it, or move it to the line before the node it is about',
          path: '',
          line: s.line,
          column: s.column,
          endLine: s.line,
          endColumn: s.column,
        });
      }
  return out;
}
