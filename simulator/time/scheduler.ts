/**
 * Timed tasks on the virtual clock, in a binary heap keyed by (time, scheduling order): a jump of
 * sixteen days fires everything due in time order, each at its own virtual timestamp, including
 * tasks that fired tasks schedule. Tasks are plain data, so a snapshot keeps them.
 */
export interface Scheduled<T> {
  at: number;
  seq: number;
  task: T;
}

export class Scheduler<T> {
  // The heap in three parallel arrays rather than an object per entry: a bulk send schedules two
  // tasks per message, and the times stay unboxed doubles in an array of their own.
  private ats: number[] = [];
  private seqs: number[] = [];
  private tasks: T[] = [];
  private seq = 0;

  /** Schedules a task at a virtual time. */
  schedule(at: number, task: T): void {
    this.ats.push(at);
    this.seqs.push(this.seq++);
    this.tasks.push(task);
    this.up(this.ats.length - 1);
  }

  /** The time of the next task, if any. */
  peek(): number | undefined {
    return this.ats[0];
  }

  /** Removes and returns the next task (`peek` says when it is due). */
  pop(): T | undefined {
    const top = this.tasks[0];
    const at = this.ats.pop();
    const seq = this.seqs.pop();
    const task = this.tasks.pop();
    if (this.ats.length > 0 && at !== undefined && seq !== undefined && task !== undefined) {
      this.ats[0] = at;
      this.seqs[0] = seq;
      this.tasks[0] = task;
      this.down(0);
    }
    return top;
  }

  get size(): number {
    return this.ats.length;
  }

  /** The pending tasks, for a snapshot. */
  dump(): { seq: number; tasks: Scheduled<T>[] } {
    const tasks = this.tasks.map((task, i) => ({
      at: this.ats[i] as number,
      seq: this.seqs[i] as number,
      task,
    }));
    return { seq: this.seq, tasks };
  }

  /** Restores pending tasks from a snapshot. */
  load(saved: { seq: number; tasks: Scheduled<T>[] }): void {
    this.ats = [];
    this.seqs = [];
    this.tasks = [];
    for (const t of saved.tasks) {
      this.ats.push(t.at);
      this.seqs.push(t.seq);
      this.tasks.push(t.task);
      this.up(this.ats.length - 1);
    }
    this.seq = saved.seq;
  }

  private less(i: number, j: number): boolean {
    const a = this.ats[i] as number;
    const b = this.ats[j] as number;
    return a < b || (a === b && (this.seqs[i] as number) < (this.seqs[j] as number));
  }

  private swap(i: number, j: number): void {
    const at = this.ats[i] as number;
    this.ats[i] = this.ats[j] as number;
    this.ats[j] = at;
    const seq = this.seqs[i] as number;
    this.seqs[i] = this.seqs[j] as number;
    this.seqs[j] = seq;
    const task = this.tasks[i] as T;
    this.tasks[i] = this.tasks[j] as T;
    this.tasks[j] = task;
  }

  private up(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(i, parent)) return;
      this.swap(i, parent);
      i = parent;
    }
  }

  private down(i: number): void {
    const n = this.ats.length;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < n && this.less(l, m)) m = l;
      if (r < n && this.less(r, m)) m = r;
      if (m === i) return;
      this.swap(i, m);
      i = m;
    }
  }
}
