import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { RunningServer } from '../../simulator/server.js';
import { loadScenarioFile } from '../../validator/scenario/load-scenario.js';
import { runScenario } from '../../validator/scenario/run-scenario.js';
import { ROOT } from '../helpers/cli.js';
import { startBareServer } from '../helpers/simulator.js';

// Every YAML block of docs/scenarios.md runs and passes, in process and against a server: a
// whole scenario as it is, a list of steps on the example account. Paths in the blocks are
// relative to docs/, as a reader of the page would write them beside it.

const blocks = [
  ...readFileSync(join(ROOT, 'docs/scenarios.md'), 'utf8').matchAll(/```yaml\n([\s\S]*?)```/gu),
].map((m) => m[1]!);

let docs: string;
let server: RunningServer;
beforeAll(async () => {
  const root = mkdtempSync(join(tmpdir(), 'tendlc-doc-examples-'));
  for (const folder of ['examples', 'scenarios', 'schemas'])
    symlinkSync(join(ROOT, folder), join(root, folder));
  docs = join(root, 'docs');
  mkdirSync(docs);
  server = await startBareServer('docs-admin');
});
afterAll(async () => {
  await server.stop();
});

function scenarioFile(block: string, i: number): string {
  const file = join(docs, `example-${String(i + 1)}.yaml`);
  const text = Array.isArray(parse(block))
    ? `name: docs/scenarios.md, example ${String(i + 1)}\naccount: ../examples/acme.yaml\nsteps:\n${block.replace(/^/gmu, '  ')}`
    : block;
  writeFileSync(file, text);
  return file;
}

describe('docs/scenarios.md', () => {
  it('has an example of every action and every matcher', () => {
    const text = blocks.join('\n');
    const actions = (
      JSON.parse(readFileSync(join(ROOT, 'schemas/scenario.schema.json'), 'utf8')) as {
        definitions: { step: { properties: Record<string, unknown> } };
      }
    ).definitions.step.properties;
    for (const key of Object.keys(actions)) expect(text, key).toMatch(new RegExp(`\\b${key}:`, 'u'));
    for (const matcher of ['not', 'oneOf', 'min', 'max', 'contains', 'matches', 'count'])
      expect(text, matcher).toMatch(new RegExp(`[{,] ${matcher}: `, 'u'));
  });

  it.each(blocks.map((block, i) => [i + 1, block] as const))(
    'example %i runs and passes, in process and against a server',
    async (n, block) => {
      const loaded = loadScenarioFile(scenarioFile(block, n - 1));
      if (!loaded.ok)
        throw new Error(
          loaded.problems.map((p) => `${String(p.line)}:${String(p.column)} ${p.message}`).join('\n'),
        );
      expect(loaded.scenarios.length).toBeGreaterThan(0);
      for (const scenario of loaded.scenarios) {
        const local = await runScenario(scenario);
        expect(local.failures, scenario.name).toEqual([]);
        const remote = await runScenario(scenario, { url: server.url, adminToken: 'docs-admin' });
        expect(remote.failures, scenario.name).toEqual([]);
      }
    },
    30_000,
  );
});
