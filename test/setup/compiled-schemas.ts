import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * The engine checks documents with validators compiled from schemas/ (engine/schemas/compiled/,
 * generated). Before the tests, compile what changed since, so that a test never runs against a
 * stale schema; the script does nothing when every output is fresh.
 */
export default function setup(): void {
  execFileSync(
    process.execPath,
    [fileURLToPath(new URL('../../scripts/compile-schemas.mjs', import.meta.url))],
    {
      stdio: 'inherit',
    },
  );
}
