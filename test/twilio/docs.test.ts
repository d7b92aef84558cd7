import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

// docs/twilio.md's test file is the suite's own test/twilio/doc-example.test.ts, word for word:
// the page's example runs with every test run.
it("shows test/twilio/doc-example.test.ts as the page's test file, unchanged", () => {
  const page = readFileSync(join(ROOT, 'docs/twilio.md'), 'utf8');
  const file = readFileSync(join(ROOT, 'test/twilio/doc-example.test.ts'), 'utf8');
  const blocks = [...page.matchAll(/^```ts\n([\s\S]*?)^```$/gmu)].map((m) => m[1]);
  expect(blocks).toContain(file);
});
