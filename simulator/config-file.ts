import { readFileSync } from 'node:fs';
import type { AccountConfig } from '../engine/account-config.js';
import type { CarrierProfile } from '../engine/carrier-profile.js';
import { normalizeConfig } from '../engine/normalize-config.js';
import { lintText } from '../validator/lint.js';
import { loadYamlSource } from '../validator/yaml-source.js';

export type ConfigFileResult = { ok: true; configs: AccountConfig[] } | { ok: false; errors: string[] };

/**
 * Reads the account configs of a YAML file (one per document) for `serve --config`. A file the
 * schema refuses is not loaded: each problem comes back as `file:line:column message`. The
 * catalog's rules are `tendlc lint`'s business: the simulator enforces them at run time.
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
  const { diagnostics } = lintText(text, file, { rules: [], profile, now: 0 });
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0)
    return {
      ok: false,
      errors: errors.map((d) => `${file}:${String(d.line)}:${String(d.column)} ${d.message} (${d.ruleId})`),
    };
  const configs = loadYamlSource(text)
    .map((doc) => doc.value)
    .filter((value) => value !== null && value !== undefined)
    .map((value) => normalizeConfig(value as AccountConfig));
  return { ok: true, configs };
}
