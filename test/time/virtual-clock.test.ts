import { describe, expect, it } from 'vitest';
import { LATEST_TIME, VirtualClock } from '../../simulator/virtual-clock.js';

// The clock's wall time is passed in: these tests move it by hand, never sleep.
function clockAt(start: number, setting: ConstructorParameters<typeof VirtualClock>[1]) {
  let wall = 1_000;
  const clock = new VirtualClock(start, setting, () => wall);
  return { clock, tick: (ms: number) => (wall += ms) };
}

describe('the virtual clock', () => {
  it('stands still in manual mode, and moves by advance', () => {
    const { clock, tick } = clockAt(0, { mode: 'manual', scale: 0 });
    tick(60_000);
    expect(clock.now()).toBe(0);
    expect(clock.advance(90_000)).toBe(90_000);
  });

  it('runs N virtual milliseconds per wall millisecond in scale mode', () => {
    const { clock, tick } = clockAt(0, { mode: 'scale', scale: 60 });
    tick(1_000);
    expect(clock.now()).toBe(60_000);
    expect(clock.wallDelayUntil(120_000)).toBe(1_000);
  });

  it('stops at the end of year 9999, however it is moved, so every time is a valid ISO date', () => {
    const { clock, tick } = clockAt(LATEST_TIME - 1_000, { mode: 'scale', scale: 1_000_000 });
    tick(10_000);
    expect(clock.now()).toBe(LATEST_TIME);
    expect(clock.view().now).toBe('9999-12-31T23:59:59.999Z');
    const manual = clockAt(0, { mode: 'manual', scale: 0 }).clock;
    expect(manual.advance(Number.MAX_SAFE_INTEGER)).toBe(LATEST_TIME);
    manual.moveTo(8.64e15);
    expect(manual.now()).toBe(LATEST_TIME);
  });
});
