#!/usr/bin/env node
// `npm run bench [NAME]`: runs scripts/bench-NAME.mjs, or every bench-*.mjs in turn.
// Benchmarks are not tests: they print figures and ratios for BENCHMARKS.md.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const wanted = process.argv[2];
const benches = readdirSync(here)
  .filter((f) => /^bench-[a-z0-9-]+\.mjs$/.test(f))
  .filter((f) => wanted === undefined || f === `bench-${wanted}.mjs`)
  .sort();
if (benches.length === 0) {
  console.error(`no benchmark named '${wanted}'`);
  process.exit(2);
}
let failed = 0;
for (const bench of benches) {
  console.log(`\n=== ${bench}`);
  const result = spawnSync(process.execPath, [join(here, bench), ...process.argv.slice(3)], {
    stdio: 'inherit',
  });
  if (result.status !== 0) failed += 1;
}
process.exit(failed === 0 ? 0 : 1);
