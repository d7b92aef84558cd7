// Compiles each JSON Schema of schemas/ (and the request bodies of schemas/openapi.json) to a
// standalone validator in dist/schemas/, and merges and
// checks each shipped carrier profile into dist/profiles/, so that the CLI neither compiles a
// schema nor parses a profile at start-up. Run by `npm run build`; a stale output is ignored at
// run time (validator/compiled-schema.ts isBuiltFrom).
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { projectAjv } from '../dist/validator/compiled-schema.js';
import { listProfiles, loadProfileSource } from '../dist/validator/load-profile.js';

const root = fileURLToPath(new URL('..', import.meta.url));
mkdirSync(`${root}dist/schemas`, { recursive: true });
for (const file of readdirSync(`${root}schemas`).filter((f) => f.endsWith('.schema.json'))) {
  const name = file.replace('.schema.json', '');
  const ajv = projectAjv();
  const validate = ajv.compile(JSON.parse(readFileSync(`${root}schemas/${file}`, 'utf8')));
  writeFileSync(`${root}dist/schemas/${name}.validate.cjs`, standaloneCode.default(ajv, validate));
}
// The request bodies of the OpenAPI document, one exported validator per component schema.
{
  const doc = JSON.parse(readFileSync(`${root}schemas/openapi.json`, 'utf8'));
  const ajv = projectAjv();
  ajv.addSchema(doc, 'openapi');
  const refs = Object.fromEntries(
    Object.keys(doc.components.schemas).map((name) => [name, `openapi#/components/schemas/${name}`]),
  );
  writeFileSync(`${root}dist/schemas/openapi.validate.cjs`, standaloneCode.default(ajv, refs));
}
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
