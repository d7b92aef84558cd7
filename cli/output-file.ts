import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Writes a report to `--output FILE`, making the folders on the way (as ESLint does). Returns the
 * problem in words when the file cannot be written, for a usage error (exit 2), never a stack.
 */
export function writeOutput(file: string, text: string): string | undefined {
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
    return undefined;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'an error';
    return `cannot write ${file} (${code}): choose a path you can write to`;
  }
}
