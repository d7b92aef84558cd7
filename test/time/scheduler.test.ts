import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Scheduler } from '../../simulator/time/scheduler.js';

/** Everything due at or before `until`, in the order the scheduler gives it. */
function drain<T>(s: Scheduler<T>, until = Infinity): Array<[number, T]> {
  const out: Array<[number, T]> = [];
  for (let at = s.peek(); at !== undefined && at <= until; at = s.peek()) out.push([at, s.pop() as T]);
  return out;
}

describe('the scheduler', () => {
  it('gives tasks in time order, and tasks of one time in the order they were scheduled', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 50 }), { maxLength: 300 }), (times) => {
        const s = new Scheduler<number>();
        times.forEach((at, i) => s.schedule(at, i));
        const expected = times
          .map((at, i) => [at, i] as [number, number])
          .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
        expect(drain(s)).toEqual(expected);
        expect(s.size).toBe(0);
      }),
    );
  });

  it('keeps what is not due yet', () => {
    const s = new Scheduler<string>();
    s.schedule(30, 'c');
    s.schedule(10, 'a');
    s.schedule(20, 'b');
    expect(drain(s, 20)).toEqual([
      [10, 'a'],
      [20, 'b'],
    ]);
    expect(s.peek()).toBe(30);
    expect(s.size).toBe(1);
  });

  it('comes back from its dump with the same order, and numbers new tasks after the old', () => {
    const s = new Scheduler<string>();
    for (const [at, task] of [
      [5, 'x'],
      [1, 'y'],
      [5, 'z'],
      [3, 'w'],
    ] as const)
      s.schedule(at, task);
    const copy = new Scheduler<string>();
    copy.load(structuredClone(s.dump()));
    copy.schedule(5, 'later');
    expect(drain(copy).map(([, t]) => t)).toEqual(['y', 'w', 'x', 'z', 'later']);
  });
});
