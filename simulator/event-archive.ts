import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { SimEvent } from './simulation.js';

/** One file of the archive: the events one snapshot added, named by the journal segment it closed. */
export interface ArchivedEvents {
  segment: number;
  count: number;
}

/**
 * The retained window of events on disk, so that `?since=` resumes across restarts. Events are not
 * journaled (replaying the journal makes them again, ids and all); what the journal stops holding
 * once a snapshot covers it, this keeps. Each snapshot writes the events of the current history
 * recorded since the one before (`state.json.events-000007.jsonl`, one JSON event a line), and the
 * state file lists the files that hold the window, oldest first. A reset ends the history: the
 * list starts over, and the files of the old one go with the next snapshot.
 */
export class EventArchive {
  private unsaved: SimEvent[] = [];

  constructor(
    private readonly stateFile: string,
    private readonly retention: number,
    private files: ArchivedEvents[],
  ) {}

  /** Notes an event recorded since the last snapshot (only the last `retention` can matter). */
  record(event: SimEvent): void {
    this.unsaved.push(event);
    if (this.unsaved.length > this.retention * 1.5) this.unsaved = this.unsaved.slice(-this.retention);
  }

  /** A reset ended the history: nothing recorded before belongs to the window any more. */
  newHistory(): void {
    this.unsaved = [];
    this.files = [];
  }

  /**
   * What the snapshot that closes journal segment `segment` writes: the events since the last one
   * (as text, made now, while they are as recorded), and the list of files the state file names.
   */
  take(segment: number): { text: string; files: ArchivedEvents[]; commit(): void; giveBack(): void } {
    const batch = this.unsaved.length > this.retention ? this.unsaved.slice(-this.retention) : this.unsaved;
    this.unsaved = [];
    const files = [...this.files];
    if (batch.length > 0) files.push({ segment, count: batch.length });
    // The oldest files go once the newer ones hold the whole window without them.
    let total = files.reduce((sum, f) => sum + f.count, 0);
    while (files.length > 1 && total - files[0]!.count >= this.retention) total -= files.shift()!.count;
    const history = this.files;
    return {
      text: batch.map((e) => `${JSON.stringify(e)}\n`).join(''),
      files,
      commit: () => {
        if (this.files === history) this.files = files;
      },
      giveBack: () => {
        // Not once a reset has ended the history they belong to.
        if (this.files === history) this.unsaved = [...batch, ...this.unsaved];
      },
    };
  }

  /** Writes one snapshot's events; a failed write leaves no file behind. */
  async write(segment: number, text: string): Promise<void> {
    if (text === '') return;
    const file = archiveFile(this.stateFile, segment);
    try {
      await writeFile(file, text);
    } catch (error) {
      rmSync(file, { force: true });
      throw error;
    }
  }

  /** Deletes the files the state file no longer names (fallen out of the window, or of a history that ended). */
  prune(keep: readonly ArchivedEvents[]): void {
    const kept = new Set(keep.map((f) => f.segment));
    for (const { n, file } of listArchive(this.stateFile)) if (!kept.has(n)) rmSync(file, { force: true });
  }

  /**
   * The events of the files a state file names, oldest first. A missing or damaged file gives up
   * its events: the window then starts after it (Simulation.adoptEvents keeps the unbroken run).
   */
  static read(stateFile: string, files: readonly ArchivedEvents[], retention: number): SimEvent[] {
    // Only the newest files that hold the window are read: parsing is most of a restart's cost.
    let first = files.length;
    for (let held = 0; first > 0 && held < retention;) held += files[--first]!.count;
    const events: SimEvent[] = [];
    for (const { segment } of files.slice(first)) {
      const file = archiveFile(stateFile, segment);
      if (!existsSync(file)) continue;
      for (const line of readFileSync(file, 'utf8').split('\n')) {
        if (line === '') continue;
        try {
          events.push(JSON.parse(line) as SimEvent);
        } catch {
          // A torn line: the run of whole events after it still counts.
        }
      }
    }
    return events;
  }
}

/** Deletes every archive file of a state file (`--reset`). */
export function removeArchive(stateFile: string): void {
  for (const { file } of listArchive(stateFile)) rmSync(file, { force: true });
}

function archiveFile(stateFile: string, segment: number): string {
  return `${stateFile}.events-${String(segment).padStart(6, '0')}.jsonl`;
}

function listArchive(stateFile: string): Array<{ n: number; file: string }> {
  const dir = dirname(stateFile);
  if (!existsSync(dir)) return [];
  const prefix = `${basename(stateFile)}.events-`;
  return readdirSync(dir)
    .filter((f) => f.startsWith(prefix) && f.endsWith('.jsonl'))
    .map((f) => ({ n: Number(f.slice(prefix.length, -'.jsonl'.length)), file: join(dir, f) }))
    .filter((s) => Number.isInteger(s.n));
}
