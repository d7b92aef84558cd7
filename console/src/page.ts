import { h } from './dom.js';
import { onEvent } from './live.js';
import type { SimEvent } from './types.js';

/**
 * What a page is given while it is on screen: its element, and listeners and timers that end
 * when the reader goes to another page.
 */
export class Page {
  private readonly cleanups: Array<() => void> = [];
  private left = false;

  constructor(readonly main: HTMLElement) {}

  /** The page's heading (and the tab's title); focus goes to it on navigation. */
  heading(text: string): HTMLHeadingElement {
    document.title = `${text} · tendlc console`;
    return h('h1', { tabindex: '-1', id: 'page-title' }, text);
  }

  /** Hears live events while the page is shown. */
  live(listener: (event: SimEvent) => void): void {
    this.cleanups.push(onEvent(listener));
  }

  /** Runs `fn` every `ms` (at least a second: the console never polls faster) while shown. */
  every(ms: number, fn: () => void): void {
    const id = window.setInterval(fn, Math.max(ms, 1000));
    this.cleanups.push(() => window.clearInterval(id));
  }

  /**
   * `fn` at most once a second however often it is asked for (the last ask is never lost): how
   * a page re-reads the API when events come in bursts.
   */
  throttle(fn: () => void | Promise<void>, ms = 1000): () => void {
    let last = 0;
    let pending: number | undefined;
    const run = (): void => {
      pending = undefined;
      last = performance.now();
      if (!this.left) void fn();
    };
    const ask = (): void => {
      if (pending !== undefined || this.left) return;
      const wait = Math.max(0, last + ms - performance.now());
      pending = window.setTimeout(run, wait);
    };
    this.cleanups.push(() => {
      if (pending !== undefined) window.clearTimeout(pending);
    });
    return ask;
  }

  get active(): boolean {
    return !this.left;
  }

  leave(): void {
    this.left = true;
    for (const c of this.cleanups.splice(0)) c();
  }
}
