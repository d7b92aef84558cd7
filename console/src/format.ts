import { h } from './dom.js';

/** A virtual time as the console shows it: `2026-11-02 16:00:00 UTC`, in a <time> element. */
export function time(iso: string | undefined): HTMLElement | string {
  if (iso === undefined) return '—';
  return h('time', { datetime: iso }, when(iso));
}

/** `2026-11-02 16:00:00 UTC` */
export function when(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
}

/** A status as a badge: its word, with a class for colour (the word carries the meaning). */
export function badge(status: string): HTMLElement {
  return h('span', { class: `badge s-${status.replace(/[^a-z-]/gu, '')}` }, status);
}

/** A whole number with thousands separators. */
export function count(n: number): string {
  return n.toLocaleString('en-US');
}

/** A meter with its figure in words: `3 of 5 dedicated numbers`. */
export function gauge(label: string, value: number, max: number, unit = ''): HTMLElement {
  const ratio = max > 0 ? value / max : 0;
  const level = ratio >= 1 ? 'full' : ratio >= 0.8 ? 'high' : 'ok';
  return h(
    'div',
    { class: `gauge g-${level}` },
    h('span', { class: 'gauge-label' }, label),
    h('meter', { min: '0', max: String(max), value: String(Math.min(value, max)), 'aria-label': label }),
    h('span', { class: 'gauge-figure' }, `${count(value)} of ${count(max)}${unit}`),
  );
}
