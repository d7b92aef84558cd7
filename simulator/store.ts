import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { Low } from 'lowdb';
import { DataFile } from 'lowdb/node';
import { EventArchive, removeArchive } from './event-archive.js';
import { Journal, readJournal, removeJournal, type JournalFs } from './journal.js';
import type { JournalEntry, ServiceState, SimulatorService } from './service.js';
import { errorCode } from './storage-error.js';

export interface StoreOptions {
  /** Journal entries between two snapshots of the whole state. */
  snapshotEvery?: number;
  /** The journal's file-system calls (tests inject a full disk here). */
  fs?: JournalFs;
  /** Where problems are told (default stderr). */
  log?: (line: string) => void;
}

/** The first wait before a failed snapshot is tried again, and the longest. */
const RETRY_FIRST_MS = 1000;
const RETRY_MAX_MS = 30_000;

/**
 * The state on disk: a lowdb JSON file with the last snapshot of the whole service, the journal
 * of every change since, and the archive of the events the snapshot covers (the window `?since=`
 * resumes from). Recovery loads the snapshot and its events, then replays the journal, which
 * makes the later events again; a snapshot is written every `snapshotEvery` entries and on a
 * clean stop, after which the journal segments it covers are deleted.
 */
export class StateStore {
  private readonly db: Low<ServiceState | null>;
  private readonly journal: Journal;
  private archive: EventArchive | undefined;
  private sinceSnapshot = 0;
  private saving: Promise<void> | undefined;
  private readonly snapshotEvery: number;
  private readonly log: (line: string) => void;
  private refusing = false;
  private retry: { timer: NodeJS.Timeout | undefined; wait: number } = { timer: undefined, wait: 0 };

  private constructor(
    private readonly file: string,
    segment: number,
    options: StoreOptions,
  ) {
    this.db = new Low<ServiceState | null>(
      new DataFile<ServiceState | null>(file, {
        parse: (text) => JSON.parse(text) as ServiceState,
        stringify: (data) => JSON.stringify(data),
      }),
      null,
    );
    this.journal = new Journal(file, segment + 1, options.fs);
    this.snapshotEvery = options.snapshotEvery ?? 50_000;
    this.log = options.log ?? ((line) => process.stderr.write(`${line}\n`));
  }

  /**
   * Opens the state file and brings the service up to it: the snapshot, then the journal.
   * `reset` starts from nothing. Returns whether there was a state to recover.
   */
  static async open(
    file: string,
    service: SimulatorService,
    options: StoreOptions & { reset?: boolean } = {},
  ): Promise<{ store: StateStore; recovered: boolean }> {
    mkdirSync(dirname(file), { recursive: true });
    if (options.reset) {
      rmSync(file, { force: true });
      removeJournal(file);
      removeArchive(file);
    }
    const probe = new StateStore(file, 0, options);
    if (existsSync(file))
      try {
        await probe.db.read();
      } catch (error) {
        // Nothing is overwritten: the user decides whether the file is worth saving.
        throw new Error(
          `${file} cannot be read as a tendlc state file (${error instanceof Error ? error.message : String(error)}); move it away, or start over with --reset`,
        );
      }
    const saved = probe.db.data;
    if (saved && saved.format !== 1)
      throw new Error(
        `${file} is not a tendlc state file (format ${String(saved.format)}); move it away, or start over with --reset`,
      );
    if (saved) service.load(saved);
    if (saved?.events)
      service.sim.adoptEvents(EventArchive.read(file, saved.events, service.sim.eventRetention));
    // From here on every event is one a snapshot has yet to archive: the journal's, as it is
    // replayed, then the live ones.
    const archive = new EventArchive(file, service.sim.eventRetention, saved?.events ?? []);
    service.sim.onEvent((event) => archive.record(event));
    service.onNewHistory(() => archive.newHistory());
    const { entries, last, damage } = readJournal(file, saved?.segment ?? 0);
    service.replay(entries as JournalEntry[]);
    const store = new StateStore(file, last, options);
    store.archive = archive;
    for (const d of damage)
      store.log(
        d.where === 'tail'
          ? `tendlc serve: ${d.file}:${String(d.line)}: a write cut short was never acknowledged; dropped`
          : `tendlc serve: ${d.file}:${String(d.line)}: torn bytes between entries skipped; every whole entry kept`,
      );
    store.sinceSnapshot = entries.length;
    service.journalTo((entry) => {
      store.append(entry);
    });
    return { store, recovered: saved !== null || entries.length > 0 };
  }

  private append(entry: JournalEntry): void {
    try {
      this.journal.append(entry);
    } catch (error) {
      // Told once per outage, not once per refused request.
      if (!this.refusing && error instanceof Error)
        this.log(`tendlc serve: ${error.message}; changes are refused (503) until the disk takes them`);
      this.refusing = true;
      throw error;
    }
    if (this.refusing) this.log(`tendlc serve: the journal is written again (${this.file})`);
    this.refusing = false;
    this.sinceSnapshot += 1;
  }

  /** Journal entries not yet in a snapshot. */
  get pendingEntries(): number {
    return this.sinceSnapshot;
  }

  /** Whether enough has changed since the last snapshot to write a new one. */
  get due(): boolean {
    return this.sinceSnapshot >= this.snapshotEvery && this.saving === undefined;
  }

  /**
   * Writes the whole state and drops the journal it covers. One save at a time. It never
   * rejects: a failed write (a full disk) is told, the journal it would have replaced is kept,
   * and it is tried again later, each wait longer up to 30 s.
   */
  save(service: SimulatorService): Promise<void> {
    if (this.saving) return this.saving;
    this.clearRetry();
    const closed = this.journal.rotate();
    const state = service.state(closed);
    const events = this.archive?.take(closed);
    if (events) state.events = events.files;
    const covered = this.sinceSnapshot;
    this.sinceSnapshot = 0;
    // The events go first: the state file names their file only once it is on disk. The state is
    // a copy, safe to write out while the service goes on.
    this.saving = (events ? this.archive!.write(closed, events.text) : Promise.resolve())
      .then(() => {
        this.db.data = state;
        const writing = this.db.write();
        this.db.data = null;
        return writing;
      })
      .then(() => {
        this.journal.dropThrough(closed);
        events?.commit();
        if (events) this.archive!.prune(events.files);
        if (this.retry.wait > 0) this.log(`tendlc serve: the state file is written again (${this.file})`);
        this.retry.wait = 0;
      })
      .catch((error: unknown) => {
        this.sinceSnapshot += covered;
        events?.giveBack();
        // lowdb writes a temporary file and renames it: a half-written one only holds disk space.
        try {
          rmSync(join(dirname(this.file), `.${basename(this.file)}.tmp`), { force: true });
        } catch {
          // Not a file of ours to remove: leave it.
        }
        this.retry.wait = Math.min(Math.max(this.retry.wait * 2, RETRY_FIRST_MS), RETRY_MAX_MS);
        this.log(
          `tendlc serve: the state file could not be written (${errorCode(error)}); the journal keeps every change, trying again in ${String(this.retry.wait / 1000)} s`,
        );
        this.retry.timer = setTimeout(() => {
          this.retry.timer = undefined;
          void this.save(service);
        }, this.retry.wait).unref();
      })
      .finally(() => {
        this.saving = undefined;
      });
    return this.saving;
  }

  /** Whether the last snapshot failed and one is waiting to be tried again. */
  get retrying(): boolean {
    return this.retry.timer !== undefined;
  }

  private clearRetry(): void {
    if (this.retry.timer) clearTimeout(this.retry.timer);
    this.retry.timer = undefined;
  }

  /** A last snapshot, then the journal's file is closed. A failed one loses nothing: the journal stays. */
  async close(service: SimulatorService): Promise<void> {
    if (this.saving) await this.saving;
    await this.save(service);
    this.clearRetry();
    this.journal.close();
  }

  get path(): string {
    return this.file;
  }
}
