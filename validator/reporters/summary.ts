import type { FileResult } from '../lint.js';

/** Counts by severity over all files. */
export interface Summary {
  files: number;
  errors: number;
  warnings: number;
  infos: number;
}

/** The summary of the JSON output: files and findings by severity. */
export function summarize(results: readonly FileResult[]): Summary {
  const summary: Summary = { files: results.length, errors: 0, warnings: 0, infos: 0 };
  for (const r of results)
    for (const d of r.diagnostics) {
      if (d.severity === 'error') summary.errors++;
      else if (d.severity === 'warning') summary.warnings++;
      else summary.infos++;
    }
  return summary;
}
