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
  private heap: Scheduled<T>[] = [];
  private seq = 0;

  /** Schedules a task at a virtual time. */
  schedule(at: number, task: T): void {
    this.heap.push({ at, seq: this.seq++, task });
    this.up(this.heap.length - 1);
  }

  /** The time of the next task, if any. */
  peek(): number | undefined {
    return this.heap[0]?.at;
  }

  /** Removes and returns the earliest task due at or before `until`. */
  popDue(until: number): Scheduled<T> | undefined {
    const top = this.heap[0];
    if (!top || top.at > until) return undefined;
    const last = this.heap.pop();
    if (last && this.heap.length > 0) {
      this.heap[0] = last;
      this.down(0);
    }
    return top;
  }

  get size(): number {
    return this.heap.length;
  }

  /** The pending tasks, for a snapshot. */
  dump(): { seq: number; tasks: Scheduled<T>[] } {
    return { seq: this.seq, tasks: [...this.heap] };
  }

  /** Restores pending tasks from a snapshot. */
  load(saved: { seq: number; tasks: Scheduled<T>[] }): void {
    this.heap = [];
    for (const t of saved.tasks) {
      this.heap.push(t);
      this.up(this.heap.length - 1);
    }
    this.seq = saved.seq;
  }

  private less(i: number, j: number): boolean {
    const a = this.heap[i] as Scheduled<T>;
    const b = this.heap[j] as Scheduled<T>;
    return a.at < b.at || (a.at === b.at && a.seq < b.seq);
  }

  private swap(i: number, j: number): void {
    const t = this.heap[i] as Scheduled<T>;
    this.heap[i] = this.heap[j] as Scheduled<T>;
    this.heap[j] = t;
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
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < this.heap.length && this.less(l, m)) m = l;
      if (r < this.heap.length && this.less(r, m)) m = r;
      if (m === i) return;
      this.swap(i, m);
      i = m;
    }
  }
}
