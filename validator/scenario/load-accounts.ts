import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { checkAccountText } from '../../engine/account-check.js';
import type { AccountConfig } from '../../engine/account-config.js';
import { normalizeConfig } from '../../engine/normalize-config.js';
import { checkSchema } from '../../engine/schemas/check-schema.js';
import { seedProfile } from '../../simulator/files/profile-file.js';
import type { ScenarioProblem } from './load-scenario.js';

/** Says a problem at a JSON Pointer of the document being read. */
export type At = (pointer: string, message: string) => void;

/**
 * An account a scenario names: a config file beside the scenario (one account; its own problems
 * at their own file:line:column), or a config inline (checked against the account schema).
 */
export function readAccount(
  file: string,
  account: unknown,
  pointer: string,
  at: At,
  problems: ScenarioProblem[],
): AccountConfig | undefined {
  if (typeof account !== 'string') {
    const found = checkSchema('account', account);
    for (const p of found) at(`${pointer}${p.path}`, p.message.replace('the document', 'the account'));
    return found.length > 0 ? undefined : normalizeConfig(account as AccountConfig);
  }
  const path = resolve(dirname(file), account);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    at(
      pointer,
      `the account ${account} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
    );
    return undefined;
  }
  // The schema and the references: the catalog's rules are the simulator's to enforce at run time.
  const docs = checkAccountText(text, { rules: [], profile: seedProfile(), now: 0 }).filter(
    (d) => d.config !== undefined || d.diagnostics.length > 0,
  );
  const errors = docs.flatMap((d) => d.diagnostics).filter((d) => d.severity === 'error');
  if (errors.length > 0) {
    at(
      pointer,
      `the account ${account} cannot be loaded: it has ${String(errors.length)} problem${errors.length === 1 ? '' : 's'}`,
    );
    for (const d of errors)
      problems.push({ file: path, line: d.line, column: d.column, message: `${d.message} (${d.ruleId})` });
    return undefined;
  }
  if (docs.length !== 1) {
    at(
      pointer,
      `the account file ${account} holds ${String(docs.length)} accounts; name one file per account`,
    );
    return undefined;
  }
  return docs[0]!.config;
}
