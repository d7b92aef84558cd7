import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { ROOT } from './cli.js';

/**
 * Black-box CLI tests run the compiled CLI. `npm test` builds before vitest; a bare `vitest run`
 * after editing sources builds here, once per test file, when dist/ is missing.
 */
export function ensureBuilt(): void {
  const main = `${ROOT}dist/cli/main.js`;
  if (existsSync(main) && statSync(main).size > 0) return;
  execFileSync(
    process.execPath,
    [`${ROOT}node_modules/typescript/bin/tsc`, '-p', `${ROOT}tsconfig.build.json`],
    {
      stdio: 'inherit',
    },
  );
}
