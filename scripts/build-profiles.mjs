// Merges and checks each shipped carrier profile into dist/profiles/NAME.json, so that the CLI
// neither parses nor validates a shipped profile at start-up. Run by `npm run build`, after tsc; a
// stale output is ignored at run time (simulator/files/profile-file.ts).
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { listProfiles, loadProfileSource } from '../dist/simulator/files/profile-file.js';

const root = fileURLToPath(new URL('..', import.meta.url));
rmSync(`${root}dist/profiles`, { recursive: true, force: true });
mkdirSync(`${root}dist/profiles`, { recursive: true });
for (const file of listProfiles()) {
  const name = file.replace('.yaml', '');
  const result = loadProfileSource(name, root);
  if (!result.ok) {
    console.error(result.error);
    process.exit(1);
  }
  writeFileSync(`${root}dist/profiles/${name}.json`, JSON.stringify(result.profile));
}
