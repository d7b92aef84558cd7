import { get } from './api.js';
import { h } from './dom.js';
import { when } from './format.js';
import { onEvent } from './live.js';
import { isAdmin } from './session.js';
import type { Clock } from './types.js';

let latest = '';
const views = new Set<(now: string, mode?: string) => void>();

/** The virtual now, kept fresh: every event carries its time, and the clock is read every 2 s. */
export function clockBadge(): HTMLElement {
  const out = h('span', { class: 'clock', 'aria-live': 'off' }, 'virtual time …');
  const show = (now: string, mode?: string): void => {
    out.replaceChildren(
      h('span', { class: 'sr-label' }, 'Virtual time '),
      h('time', { datetime: now }, when(now)),
    );
    if (mode !== undefined) out.append(h('span', { class: 'mode' }, ` ${mode}`));
  };
  views.add(show);
  if (latest) show(latest);
  return out;
}

/** Reads the clock: the control plane's for the admin, /healthz's `now` for a user's key. */
export async function refreshClock(): Promise<Clock | undefined> {
  try {
    if (isAdmin()) {
      const clock = await get<Clock>('/v1/sim/clock');
      publish(clock.now, clock.mode);
      return clock;
    }
    const health = await get<{ now: string }>('/healthz');
    publish(health.now);
  } catch {
    // The next read or event will tell.
  }
  return undefined;
}

/** A read of the clock is the truth (a reset moves it back); an event only moves it forward. */
function publish(now: string, mode?: string, forwardOnly = false): void {
  if (forwardOnly && now <= latest) return;
  latest = now;
  for (const v of views) v(now, mode);
}

/** Starts following the clock: events move it at once, a read every 2 s catches the rest. */
export function followClock(): void {
  onEvent((e) => publish(e.at, undefined, true));
  void refreshClock();
  window.setInterval(() => void refreshClock(), 2000);
}
