import { closeSync, existsSync, openSync, readdirSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * An append-only journal in numbered segment files next to the state file
 * (`state.json.wal-000001.jsonl`, one JSON entry per line). An entry is written to the file, and
 * so to the kernel, before the request that made it is answered: a `kill -9` of the process then
 * loses nothing that was acknowledged. A snapshot of the state rotates to a new segment, and once
 * the snapshot is on disk the segments it covers are deleted.
 */
export class Journal {
  private fd: number | undefined;
  private current: number;

  constructor(
    private readonly stateFile: string,
    first: number,
  ) {
    this.current = first;
  }

  /** The segment entries go to now. */
  get segment(): number {
    return this.current;
  }

  /** Appends one entry. Synchronous on purpose: the answer waits for it. */
  append(entry: unknown): void {
    this.fd ??= openSync(segmentFile(this.stateFile, this.current), 'a');
    writeSync(this.fd, `${JSON.stringify(entry)}\n`);
  }

  /** Starts a new segment and returns the number of the one just closed. */
  rotate(): number {
    this.close();
    const closed = this.current;
    this.current += 1;
    return closed;
  }

  /** Deletes the segments up to and including `segment`, now covered by a snapshot. */
  dropThrough(segment: number): void {
    for (const { n, file } of listSegments(this.stateFile)) if (n <= segment) rmSync(file, { force: true });
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}

/** The entries of the segments after `segment`, oldest first. A torn last line is skipped. */
export function readJournal(stateFile: string, after: number): { entries: unknown[]; last: number } {
  const entries: unknown[] = [];
  let last = after;
  for (const { n, file } of listSegments(stateFile)) {
    if (n <= after) continue;
    last = Math.max(last, n);
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (line === '') continue;
      try {
        entries.push(JSON.parse(line) as unknown);
      } catch {
        // Only the last write of a killed process can be torn, and it was never acknowledged.
        break;
      }
    }
  }
  return { entries, last };
}

/** Deletes every segment of a state file (`--reset`). */
export function removeJournal(stateFile: string): void {
  for (const { file } of listSegments(stateFile)) rmSync(file, { force: true });
}

function segmentFile(stateFile: string, n: number): string {
  return `${stateFile}.wal-${String(n).padStart(6, '0')}.jsonl`;
}

function listSegments(stateFile: string): Array<{ n: number; file: string }> {
  const dir = dirname(stateFile);
  if (!existsSync(dir)) return [];
  const prefix = `${basename(stateFile)}.wal-`;
  return readdirSync(dir)
    .filter((f) => f.startsWith(prefix) && f.endsWith('.jsonl'))
    .map((f) => ({ n: Number(f.slice(prefix.length, -'.jsonl'.length)), file: join(dir, f) }))
    .filter((s) => Number.isInteger(s.n))
    .sort((a, b) => a.n - b.n);
}
