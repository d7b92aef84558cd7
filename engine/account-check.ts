import type { AccountConfig } from './account-config.js';
import { checkReferences } from './account-references.js';
import type { CarrierProfile } from './carrier-profile.js';
import type { Finding } from './finding.js';
import { normalizeConfig } from './normalize-config.js';
import type { RuleDefinition } from './rule.js';
import { checkSchema } from './schemas/check-schema.js';
import { loadYamlSource, type SourceDocument, type Span } from './source/yaml-source.js';

/** A finding placed in its file: the linter's diagnostic (`path` and line:column both). */
export interface Diagnostic extends Finding, Span {}

/** One account document of a file, checked. */
export interface CheckedAccount {
  /** The config, normalised, when the document could be read as one (even with findings). */
  config?: AccountConfig;
  /** YAML problems, schema violations, unknown references and every rule's findings, placed. */
  diagnostics: Diagnostic[];
}

export interface AccountCheckOptions {
  /** The rules whose static checks run; `[]` checks the YAML, the schema and the references only. */
  rules: readonly RuleDefinition[];
  profile: CarrierProfile;
  /** The date that date rules compare with, epoch ms. */
  now: number;
  /** Rules not to run at all (a linter's `off`). */
  skip?: ReadonlySet<string>;
}

/**
 * The account check every face shares: a file's text, one account per YAML document, against the
 * YAML itself, the account schema, the references between ids and each rule's static check. Pure:
 * the caller reads the file. `tendlc lint` adds suppressions and severities on top; `serve
 * --config` refuses a file with an error among the findings.
 */
export function checkAccountText(text: string, options: AccountCheckOptions): CheckedAccount[] {
  return loadYamlSource(text).map((doc) => checkDocument(doc, options));
}

function checkDocument(doc: SourceDocument, options: AccountCheckOptions): CheckedAccount {
  const diagnostics: Diagnostic[] = doc.problems.map((p) => ({
    ruleId: p.code,
    severity: 'error',
    message: p.message,
    path: '',
    ...p.span,
  }));
  if (doc.value === undefined) return { diagnostics };
  const place = (f: Finding, at: 'value' | 'key' = 'value'): Diagnostic => ({
    ...f,
    ...((at === 'key' ? doc.keySpanOf(f.path) : undefined) ?? doc.spanOf(f.path)),
  });
  if (doc.value === null || typeof doc.value !== 'object' || Array.isArray(doc.value)) {
    diagnostics.push(
      place({
        ruleId: 'schema',
        severity: 'error',
        message: 'an account config is a mapping with `version: 1` and `account:`',
        path: '',
      }),
    );
    return { diagnostics };
  }
  const schema = checkSchema('account', doc.value);
  const fromSchema = schema.map((p) =>
    place(
      {
        // A schema part that writes a rule's check (`x-rule`) reports under that rule's id.
        ruleId: p.rule ?? 'schema',
        severity: 'error',
        message: p.message,
        path: p.path,
        ...(p.hint ? { hint: p.hint } : {}),
      },
      p.at,
    ),
  );
  const config = safely(() => normalizeConfig(doc.value as AccountConfig));
  if (!config) return { diagnostics: [...diagnostics, ...fromSchema] };
  const fromRules: Diagnostic[] = [];
  for (const p of safely(() => checkReferences(config)) ?? [])
    fromRules.push(place({ ...p, severity: 'error' }));
  for (const rule of options.rules) {
    if (!rule.check || options.skip?.has(rule.id)) continue;
    // On a config the schema refused, a check may meet shapes it does not expect: it reports what it can.
    const findings =
      schema.length === 0 ? rule.check(config, options) : (safely(() => rule.check?.(config, options)) ?? []);
    for (const f of findings) fromRules.push(place(f));
  }
  // Where the rule itself reports the same place, its finding says more than the schema's.
  const byRule = new Set(fromRules.map((d) => `${d.ruleId} ${d.path}`));
  const kept = fromSchema.filter((d) => d.ruleId === 'schema' || !byRule.has(`${d.ruleId} ${d.path}`));
  return { config, diagnostics: [...diagnostics, ...kept, ...fromRules] };
}

function safely<T>(run: () => T): T | undefined {
  try {
    return run();
  } catch {
    return undefined;
  }
}
