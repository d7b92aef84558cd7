import { createHash } from 'node:crypto';
import type { RuleDefinition } from '../../engine/rule.js';
import type { FileResult } from '../lint.js';

const LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const;

/** Descriptions of the linter's own ids, which are not catalog rules. */
const BUILT_IN: Record<string, string> = {
  schema: 'The config matches schemas/account.schema.json.',
  'yaml-syntax': 'The file is valid YAML.',
  'duplicate-key': 'A mapping has each key once.',
  'duplicate-id': 'Each list has each id once.',
  'unknown-reference': 'References name ids the config defines.',
  'unused-suppression': 'Every tendlc-disable-next-line comment silences something.',
};

/**
 * `--format sarif`: SARIF 2.1.0 with one rules entry per rule that ran, and fingerprints that
 * stay put when lines move (rule, file, JSON Pointer and message), so code scanning does not
 * duplicate alerts.
 */
export function formatSarif(
  results: readonly FileResult[],
  rulesRun: readonly RuleDefinition[],
  version: string,
): string {
  const ids = [...Object.keys(BUILT_IN), ...rulesRun.map((r) => r.id)];
  const index = new Map(ids.map((id, i) => [id, i]));
  const byId = new Map(rulesRun.map((r) => [r.id, r]));
  const rules = ids.map((id) => {
    const rule = byId.get(id);
    return {
      id,
      shortDescription: { text: rule?.description ?? BUILT_IN[id] ?? id },
      ...(rule
        ? {
            fullDescription: { text: rule.why },
            help: { text: rule.fix },
            defaultConfiguration: { level: LEVEL[rule.severity] },
          }
        : {}),
    };
  });
  const sarifResults = results.flatMap((r) =>
    r.diagnostics.map((d) => ({
      ruleId: d.ruleId,
      ruleIndex: index.get(d.ruleId) ?? 0,
      level: LEVEL[d.severity],
      message: { text: d.hint ? `${d.message} (${d.hint})` : d.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: r.file.replace(/\\/gu, '/') },
            region: { startLine: d.line, startColumn: d.column, endLine: d.endLine, endColumn: d.endColumn },
          },
        },
      ],
      partialFingerprints: {
        'tendlc/v1': createHash('sha256')
          .update(`${d.ruleId}|${r.file}|${d.path}|${d.message}`)
          .digest('hex')
          .slice(0, 32),
      },
    })),
  );
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'tendlc', version, rules } },
        columnKind: 'utf16CodeUnits',
        results: sarifResults,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
