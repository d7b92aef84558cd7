/** How loudly a finding is reported; `--fail-on` and `--rules` work in these terms. */
export type Severity = 'error' | 'warning' | 'info';

/**
 * A rule's verdict on one node of an account config. Findings are values: the linter places
 * them at a file position through `path`, the reporters print them.
 */
export interface Finding {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly message: string;
  /** JSON Pointer into the account config, e.g. `/numbers/5`; `''` is the whole document. */
  readonly path: string;
  readonly hint?: string;
}

/** Builds a JSON Pointer from path segments, escaping `~` and `/` as RFC 6901 says. */
export function pointer(...segments: ReadonlyArray<string | number>): string {
  return segments.map((s) => '/' + String(s).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}
