/**
 * The simulator's virtual clock. `manual` moves only when told to; `realtime` follows the wall
 * clock; `scale` runs N times faster than it. The wall clock is passed in, so that tests drive it
 * without sleeping.
 */
export type ClockMode = 'manual' | 'realtime' | 'scale';

export interface ClockSetting {
  mode: ClockMode;
  /** Virtual milliseconds per wall millisecond (1 in realtime, 0 in manual). */
  scale: number;
}

export interface ClockView extends ClockSetting {
  /** Virtual now, ISO 8601. */
  now: string;
}

/** Reads `--clock realtime|manual|scale:N`; undefined when the text is none of them. */
export function parseClockSetting(text: string): ClockSetting | undefined {
  if (text === 'manual') return { mode: 'manual', scale: 0 };
  if (text === 'realtime') return { mode: 'realtime', scale: 1 };
  const match = /^scale:(\d+(?:\.\d+)?)$/u.exec(text);
  const scale = match ? Number(match[1]) : NaN;
  return scale > 0 && scale <= 1_000_000 ? { mode: 'scale', scale } : undefined;
}

/**
 * The end of virtual time: the last instant ISO 8601 writes with a four-digit year. The clock
 * stops there, so that every time the API shows is a valid date; timers set past it (days at
 * most) stay far inside what a JavaScript date holds (year 275760).
 */
export const LATEST_TIME = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

export class VirtualClock {
  private anchorVirtual: number;
  private anchorWall: number;
  private setting: ClockSetting;

  constructor(
    start: number,
    setting: ClockSetting,
    private readonly wall: () => number = Date.now,
  ) {
    this.anchorVirtual = start;
    this.anchorWall = wall();
    this.setting = setting;
  }

  /** Virtual epoch milliseconds. */
  now(): number {
    if (this.setting.mode === 'manual') return this.anchorVirtual;
    const now = this.anchorVirtual + Math.floor((this.wall() - this.anchorWall) * this.setting.scale);
    return Math.min(now, LATEST_TIME);
  }

  get mode(): ClockMode {
    return this.setting.mode;
  }

  get scale(): number {
    return this.setting.scale;
  }

  /** Jumps forward; the clock keeps its mode. */
  advance(ms: number): number {
    this.reanchor(this.now() + Math.max(0, ms));
    return this.now();
  }

  /** Moves to a virtual time if it is later (restarts resume where the state was). */
  catchUp(at: number): void {
    if (at > this.now()) this.reanchor(at);
  }

  /** Sets the virtual time, backwards too (a restore or reset of the whole state). */
  moveTo(at: number): void {
    this.reanchor(at);
  }

  /** Changes the mode from now on, without moving the time. */
  set(setting: ClockSetting): void {
    this.reanchor(this.now());
    this.setting = setting;
  }

  /** Wall milliseconds until the virtual time `at` is reached; undefined when it never is (manual). */
  wallDelayUntil(at: number): number | undefined {
    if (this.setting.mode === 'manual') return undefined;
    return Math.max(0, Math.ceil((at - this.now()) / this.setting.scale));
  }

  view(): ClockView {
    return { now: new Date(this.now()).toISOString(), mode: this.setting.mode, scale: this.setting.scale };
  }

  private reanchor(virtual: number): void {
    this.anchorVirtual = Math.min(virtual, LATEST_TIME);
    this.anchorWall = this.wall();
  }
}
