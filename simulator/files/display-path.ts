import { isAbsolute, relative, sep } from 'node:path';

/** A path as the user would write it: relative to the working directory when under it, else as it is. */
export function displayPath(path: string, cwd = process.cwd()): string {
  const rel = relative(cwd, path);
  return rel === '' || rel.startsWith('..') || isAbsolute(rel) ? path : rel.split(sep).join('/');
}
