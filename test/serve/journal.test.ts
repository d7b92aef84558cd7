import * as fs from 'node:fs';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Journal, readJournal, type JournalFs } from '../../simulator/journal.js';
import { StorageUnavailable } from '../../simulator/storage-error.js';

// The journal's promise: an entry is on disk whole before it is acknowledged, or it is refused
// and leaves nothing behind; and the reader recovers every whole entry it finds.

const stateFile = (): string => join(mkdtempSync(join(tmpdir(), 'tendlc-journal-')), 'state.json');
const segment = (file: string, n = 1): string => `${file}.wal-${String(n).padStart(6, '0')}.jsonl`;
const entry = (i: number) => ({
  t: 'exec',
  at: i,
  command: { action: 'register_brand', id: `b${String(i)}` },
});

/** The real file system, whose disk fills up on demand: a write then takes `room` bytes, and fails. */
function fillingDisk(): JournalFs & { room: number | undefined; truncates: boolean } {
  const disk = {
    room: undefined as number | undefined,
    truncates: true,
    openSync: (path: string, flags: string) => fs.openSync(path, flags),
    fstatSync: (fd: number) => fs.fstatSync(fd),
    closeSync: (fd: number) => fs.closeSync(fd),
    writeSync(fd: number, buffer: Uint8Array, offset: number, length: number): number {
      if (disk.room === undefined) return fs.writeSync(fd, buffer, offset, length);
      if (disk.room === 0) throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
      // A short write: the kernel took what fitted.
      const n = fs.writeSync(fd, buffer, offset, Math.min(length, disk.room));
      disk.room -= n;
      return n;
    },
    ftruncateSync(fd: number, length: number): void {
      if (!disk.truncates) throw Object.assign(new Error('input/output error'), { code: 'EIO' });
      fs.ftruncateSync(fd, length);
    },
  };
  return disk;
}

describe('the journal on a full disk', () => {
  it('refuses an entry the disk took only part of, cuts the torn bytes, and goes on once space is back', () => {
    const file = stateFile();
    const disk = fillingDisk();
    const journal = new Journal(file, 1, disk);
    const acknowledged: number[] = [];
    const tryAppend = (i: number): boolean => {
      try {
        journal.append(entry(i));
        acknowledged.push(i);
        return true;
      } catch (error) {
        expect(error).toBeInstanceOf(StorageUnavailable);
        expect((error as StorageUnavailable).reason).toBe('ENOSPC');
        return false;
      }
    };
    for (let i = 0; i < 5; i++) expect(tryAppend(i)).toBe(true);
    disk.room = 30; // less than one entry: a short write, then ENOSPC
    expect(tryAppend(5)).toBe(false);
    expect(tryAppend(6)).toBe(false);
    // Nothing torn is left on disk: every line is a whole entry.
    const onDisk = readFileSync(segment(file), 'utf8');
    expect(onDisk.endsWith('\n')).toBe(true);
    expect(
      onDisk
        .split('\n')
        .filter(Boolean)
        .map((l) => (JSON.parse(l) as { at: number }).at),
    ).toEqual(acknowledged);
    disk.room = undefined; // space is back
    for (let i = 7; i < 27; i++) expect(tryAppend(i)).toBe(true);
    journal.close();
    const read = readJournal(file, 0);
    expect(read.damage).toEqual([]);
    expect(read.entries.map((e) => (e as { at: number }).at)).toEqual(acknowledged);
    expect(acknowledged).toHaveLength(25);
  });

  it('while the torn bytes cannot be cut, refuses every entry; once they can, cuts them first', () => {
    const file = stateFile();
    const disk = fillingDisk();
    const journal = new Journal(file, 1, disk);
    journal.append(entry(0));
    disk.room = 10;
    disk.truncates = false;
    expect(() => journal.append(entry(1))).toThrow(StorageUnavailable);
    disk.room = undefined; // space is back, but the torn bytes are still there
    expect(() => journal.append(entry(2))).toThrow(/torn entry that could not be cut/u);
    disk.truncates = true;
    journal.append(entry(3));
    journal.close();
    expect(readJournal(file, 0).entries.map((e) => (e as { at: number }).at)).toEqual([0, 3]);
  });
});

describe('reading the journal', () => {
  const lines = (...entries: string[]): string => entries.join('');
  const whole = (i: number): string => `${JSON.stringify(entry(i))}\n`;

  it('drops a torn last line (never acknowledged), even one whose JSON happens to be whole', () => {
    const file = stateFile();
    writeFileSync(segment(file), lines(whole(1), whole(2), JSON.stringify(entry(3))));
    writeFileSync(segment(file, 2), lines(whole(4), whole(5).slice(0, 20)));
    const read = readJournal(file, 0);
    expect(read.entries.map((e) => (e as { at: number }).at)).toEqual([1, 2, 4]);
    expect(read.damage.map((d) => [d.line, d.where])).toEqual([
      [3, 'tail'],
      [2, 'tail'],
    ]);
  });

  it('never drops the whole entries after torn bytes in the middle, nor one written onto them', () => {
    // What a journal that did not cut its torn writes left: a torn entry with the next one
    // appended onto the same line, and more whole entries after it.
    const file = stateFile();
    const torn = whole(3).slice(0, 25);
    writeFileSync(
      segment(file),
      lines(whole(1), whole(2), torn, whole(4), whole(5), 'garbage\n', whole(6), torn + torn, whole(7)),
    );
    const read = readJournal(file, 0);
    expect(read.entries.map((e) => (e as { at: number }).at)).toEqual([1, 2, 4, 5, 6, 7]);
    expect(read.damage.map((d) => [d.line, d.where])).toEqual([
      [3, 'middle'],
      [5, 'middle'],
      [7, 'middle'],
    ]);
  });

  it('keeps an entry whose strings hold what looks like an entry', () => {
    const file = stateFile();
    const tricky = { t: 'exec', at: 9, command: { action: 'send', body: '{"t":"exec"} and more' } };
    writeFileSync(segment(file), `${JSON.stringify(entry(1)).slice(0, 30)}${JSON.stringify(tricky)}\n`);
    expect(readJournal(file, 0).entries).toEqual([tricky]);
  });
});
