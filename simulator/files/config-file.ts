import { readFileSync } from 'node:fs';
import { checkAccountText } from '../../engine/account-check.js';
import type { AccountConfig } from '../../engine/account-config.js';
import type { CarrierProfile } from '../../engine/carrier-profile.js';

export type ConfigFileResult = { ok: true; configs: AccountConfig[] } | { ok: false; errors: string[] };

/**
 * Reads the account configs of a YAML file (one per document) for `serve --config`. The engine's
 * account check reads the text; a file with an error (YAML, schema, a reference) is not loaded,
 * and each error comes back as `file:line:column message (rule)`. The catalog's rules are
 * `tendlc lint`'s business: the simulator enforces them at run time.
 */
export function readConfigFile(file: string, profile: CarrierProfile): ConfigFileResult {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    return {
      ok: false,
      errors: [`${file}: cannot read it (${(error as NodeJS.ErrnoException).code ?? 'error'})`],
    };
  }
  const docs = checkAccountText(text, { rules: [], profile, now: 0 }).filter(
    (doc) => doc.config !== undefined || doc.diagnostics.length > 0,
  );
  const errors = docs.flatMap((doc) => doc.diagnostics).filter((d) => d.severity === 'error');
  if (errors.length > 0)
    return {
      ok: false,
      errors: errors.map((d) => `${file}:${String(d.line)}:${String(d.column)} ${d.message} (${d.ruleId})`),
    };
  return { ok: true, configs: docs.flatMap((doc) => (doc.config ? [doc.config] : [])) };
}
