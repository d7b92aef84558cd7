import type { AccountConfig } from '../engine/account-config.js';
import type { CarrierProfile } from '../engine/carrier-profile.js';
import type { Finding, Severity } from '../engine/finding.js';
import { normalizeConfig } from '../engine/normalize-config.js';
import type { RuleDefinition } from '../engine/rule.js';
import { checkReferences } from './references.js';
import { checkSchema } from './schema-check.js';
import { findSuppressions, suppressed, type Suppression } from './suppressions.js';
import { loadYamlSource, type SourceDocument, type Span } from './yaml-source.js';

/** A finding placed in a file: formats.md §3's diagnostic. */
export interface Diagnostic extends Finding, Span {}

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
  const raw: Diagnostic[] = [];
  for (const doc of loadYamlSource(text)) raw.push(...lintDocument(doc, options));
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

function lintDocument(doc: SourceDocument, options: LintOptions): Diagnostic[] {
  const out: Diagnostic[] = doc.problems.map((p) => ({
    ruleId: p.code,
    severity: 'error',
    message: p.message,
    path: '',
    ...p.span,
  }));
  if (doc.value === undefined) return out;
  const place = (f: Finding, at: 'value' | 'key' = 'value'): Diagnostic => ({
    ...f,
    ...((at === 'key' ? doc.keySpanOf(f.path) : undefined) ?? doc.spanOf(f.path)),
  });
  if (doc.value === null || typeof doc.value !== 'object' || Array.isArray(doc.value)) {
    out.push(
      place({
        ruleId: 'schema',
        severity: 'error',
        message: 'an account config is a mapping with `version: 1` and `account:`',
        path: '',
      }),
    );
    return out;
  }
  const schema = checkSchema(doc.value);
  for (const p of schema)
    out.push(
      place(
        {
          ruleId: 'schema',
          severity: 'error',
          message: p.message,
          path: p.path,
          ...(p.hint ? { hint: p.hint } : {}),
        },
        p.at,
      ),
    );
  const config = safely(() => normalizeConfig(doc.value as AccountConfig));
  if (!config) return out;
  for (const p of safely(() => checkReferences(config)) ?? []) out.push(place({ ...p, severity: 'error' }));
  for (const rule of options.rules) {
    if (!rule.check || options.overrides?.get(rule.id) === 'off') continue;
    // On a config the schema refused, a check may meet shapes it does not expect: it reports what it can.
    const findings =
      schema.length === 0 ? rule.check(config, options) : (safely(() => rule.check?.(config, options)) ?? []);
    for (const f of findings) out.push(place(f));
  }
  return out;
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

function safely<T>(run: () => T): T | undefined {
  try {
    return run();
  } catch {
    return undefined;
  }
}

function unusedSuppressions(suppressions: readonly Suppression[], options: LintOptions): Diagnostic[] {
  if (options.overrides?.get('unused-suppression') === 'off') return [];
  const out: Diagnostic[] = [];
  for (const s of suppressions)
    for (const rule of s.rules)
      if (!s.used.has(rule))
        out.push({
          ruleId: 'unused-suppression',
          severity: (options.overrides?.get('unused-suppression') as Severity | undefined) ?? 'warning',
          message: `the suppression of '${rule}' silences nothing`,
          hint: 'remove it, or move it to the line before the node it is about',
          path: '',
          line: s.line,
          column: s.column,
          endLine: s.line,
          endColumn: s.column,
        });
  return out;
}
