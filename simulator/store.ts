import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { Low } from 'lowdb';
import { DataFile } from 'lowdb/node';
import { Journal, readJournal, removeJournal } from './journal.js';
import type { JournalEntry, ServiceState, SimulatorService } from './service.js';

export interface StoreOptions {
  /** Journal entries between two snapshots of the whole state. */
  snapshotEvery?: number;
}

/**
 * The state on disk: a lowdb JSON file with the last snapshot of the whole service, and the
 * journal of every change since. Recovery loads the snapshot and replays the journal; a snapshot
 * is written every `snapshotEvery` entries and on a clean stop, after which the journal segments
 * it covers are deleted.
 */
export class StateStore {
  private readonly db: Low<ServiceState | null>;
  private readonly journal: Journal;
  private sinceSnapshot = 0;
  private saving: Promise<void> | undefined;
  private readonly snapshotEvery: number;

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
    this.journal = new Journal(file, segment + 1);
    this.snapshotEvery = options.snapshotEvery ?? 50_000;
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
    const { entries, last } = readJournal(file, saved?.segment ?? 0);
    service.replay(entries as JournalEntry[]);
    const store = new StateStore(file, last, options);
    store.sinceSnapshot = entries.length;
    service.journalTo((entry) => {
      store.append(entry);
    });
    return { store, recovered: saved !== null || entries.length > 0 };
  }

  private append(entry: JournalEntry): void {
    this.journal.append(entry);
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

  /** Writes the whole state and drops the journal it covers. One save at a time. */
  save(service: SimulatorService): Promise<void> {
    if (this.saving) return this.saving;
    const closed = this.journal.rotate();
    this.db.data = service.state(closed);
    this.sinceSnapshot = 0;
    // lowdb serialises synchronously inside write(): the copy can go at once.
    const writing = this.db.write();
    this.db.data = null;
    this.saving = writing
      .then(() => {
        this.journal.dropThrough(closed);
      })
      .finally(() => {
        this.saving = undefined;
      });
    return this.saving;
  }

  /** A last snapshot, then the journal's file is closed. */
  async close(service: SimulatorService): Promise<void> {
    if (this.saving) await this.saving;
    await this.save(service);
    this.journal.close();
  }

  get path(): string {
    return this.file;
  }
}
