import * as nodeFs from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { StorageUnavailable, errorCode } from './storage-error.js';

/**
 * The file-system calls the journal makes when it writes: the seam where a test injects a full
 * disk when it cannot mount a small one.
 */
export interface JournalFs {
  openSync(path: string, flags: string): number;
  fstatSync(fd: number): { size: number };
  writeSync(fd: number, buffer: Uint8Array, offset: number, length: number): number;
  ftruncateSync(fd: number, length: number): void;
  closeSync(fd: number): void;
}

/**
 * An append-only journal in numbered segment files next to the state file
 * (`state.json.wal-000001.jsonl`, one JSON entry per line). An entry is written to the file, and
 * so to the kernel, before the request that made it is answered: a `kill -9` of the process then
 * loses nothing that was acknowledged. A write the disk does not take whole is an error, and its
 * torn bytes are cut off before anything else is appended, so that a line is only ever a whole
 * entry followed by its newline. A snapshot of the state rotates to a new segment, and once the
 * snapshot is on disk the segments it covers are deleted.
 */
export class Journal {
  private fd: number | undefined;
  private current: number;
  /** Bytes of whole entries in the open segment: where a torn write is cut back to. */
  private size = 0;
  /** A failed write left bytes past `size` that could not be cut yet. */
  private torn = false;

  constructor(
    private readonly stateFile: string,
    first: number,
    private readonly fs: JournalFs = nodeFs,
  ) {
    this.current = first;
  }

  /** The segment entries go to now. */
  get segment(): number {
    return this.current;
  }

  /**
   * Appends one entry, whole or not at all. Synchronous on purpose: the answer waits for it.
   * Throws StorageUnavailable when the disk does not take it.
   */
  append(entry: unknown): void {
    const bytes = Buffer.from(`${JSON.stringify(entry)}\n`);
    const fd = this.open();
    if (this.torn) this.cut(fd);
    let written = 0;
    try {
      while (written < bytes.length) {
        const n = this.fs.writeSync(fd, bytes, written, bytes.length - written);
        // A short write is not an error by itself, but a write of nothing never ends.
        if (n <= 0) throw Object.assign(new Error('the disk took no bytes'), { code: 'ENOSPC' });
        written += n;
      }
    } catch (error) {
      this.torn = true;
      try {
        this.cut(fd);
      } catch {
        // Still torn: the next append cuts first, and the reader would skip the torn tail.
      }
      throw new StorageUnavailable(
        `the journal in ${dirname(this.stateFile)} could not be written (${errorCode(error)}); nothing was changed`,
        errorCode(error),
      );
    }
    this.size += bytes.length;
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
    for (const { n, file } of listSegments(this.stateFile))
      if (n <= segment) nodeFs.rmSync(file, { force: true });
  }

  close(): void {
    if (this.fd !== undefined)
      try {
        this.fs.closeSync(this.fd);
      } catch {
        // Closing cannot lose a whole entry: each was written before it was acknowledged.
      }
    this.fd = undefined;
  }

  private open(): number {
    if (this.fd !== undefined) return this.fd;
    try {
      const fd = this.fs.openSync(segmentFile(this.stateFile, this.current), 'a');
      this.size = this.fs.fstatSync(fd).size;
      this.fd = fd;
      this.torn = false;
      return fd;
    } catch (error) {
      throw new StorageUnavailable(
        `the journal in ${dirname(this.stateFile)} could not be opened (${errorCode(error)}); nothing was changed`,
        errorCode(error),
      );
    }
  }

  /** Cuts the file back to its whole entries; throws StorageUnavailable while it cannot. */
  private cut(fd: number): void {
    try {
      this.fs.ftruncateSync(fd, this.size);
      this.torn = false;
    } catch (error) {
      throw new StorageUnavailable(
        `the journal in ${dirname(this.stateFile)} has a torn entry that could not be cut (${errorCode(error)}); nothing was changed`,
        errorCode(error),
      );
    }
  }
}

/** What reading the journal found besides whole entries. */
export interface JournalDamage {
  file: string;
  line: number;
  /** `tail`: the last line of a segment, never acknowledged; `middle`: bytes between entries. */
  where: 'tail' | 'middle';
}

/**
 * The entries of the segments after `segment`, oldest first. Every whole entry is kept: a torn
 * last line (a write cut short, never acknowledged) is dropped, and a damaged line in the middle
 * gives up only its torn bytes, never the entries after it — nor a whole entry appended onto it.
 */
export function readJournal(
  stateFile: string,
  after: number,
): { entries: unknown[]; last: number; damage: JournalDamage[] } {
  const entries: unknown[] = [];
  const damage: JournalDamage[] = [];
  let last = after;
  for (const { n, file } of listSegments(stateFile)) {
    if (n <= after) continue;
    last = Math.max(last, n);
    const lines = nodeFs.readFileSync(file, 'utf8').split('\n');
    for (const [i, line] of lines.entries()) {
      if (line === '') continue;
      // The last line lacks its newline only when its write was cut short (the process died, or
      // the disk refused the rest): it was never acknowledged, even where its JSON happens to be whole.
      if (i === lines.length - 1) {
        damage.push({ file, line: i + 1, where: 'tail' });
        continue;
      }
      const whole = parseEntry(line);
      if (whole !== undefined) {
        entries.push(whole);
        continue;
      }
      damage.push({ file, line: i + 1, where: 'middle' });
      const glued = wholeEntryAtEnd(line);
      if (glued !== undefined) entries.push(glued);
    }
  }
  return { entries, last, damage };
}

/** An entry: a JSON object with a `t`. Anything else is damage. */
function parseEntry(text: string): unknown {
  try {
    const value = JSON.parse(text) as unknown;
    return typeof value === 'object' && value !== null && typeof (value as { t?: unknown }).t === 'string'
      ? value
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A whole entry written onto torn bytes (what a journal that did not cut its torn writes left):
 * the shortest suffix of the line that is an entry. Entries are written with `t` first, and a
 * quote inside a JSON string is escaped, so an entry's start is a `{"t":` outside any string.
 */
function wholeEntryAtEnd(line: string): unknown {
  for (let at = line.indexOf('{"t":', 1); at > 0; at = line.indexOf('{"t":', at + 1)) {
    const entry = parseEntry(line.slice(at));
    if (entry !== undefined) return entry;
  }
  return undefined;
}

/** Deletes every segment of a state file (`--reset`). */
export function removeJournal(stateFile: string): void {
  for (const { file } of listSegments(stateFile)) nodeFs.rmSync(file, { force: true });
}

function segmentFile(stateFile: string, n: number): string {
  return `${stateFile}.wal-${String(n).padStart(6, '0')}.jsonl`;
}

function listSegments(stateFile: string): Array<{ n: number; file: string }> {
  const dir = dirname(stateFile);
  if (!nodeFs.existsSync(dir)) return [];
  const prefix = `${basename(stateFile)}.wal-`;
  return nodeFs
    .readdirSync(dir)
    .filter((f) => f.startsWith(prefix) && f.endsWith('.jsonl'))
    .map((f) => ({ n: Number(f.slice(prefix.length, -'.jsonl'.length)), file: join(dir, f) }))
    .filter((s) => Number.isInteger(s.n))
    .sort((a, b) => a.n - b.n);
}
