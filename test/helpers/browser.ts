import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** The system Chromium the browser tests drive (Debian's `chromium`); `CHROMIUM_PATH` overrides. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Whether this machine can run the browser tests. */
export const hasChromium = existsSync(CHROMIUM);

// Headless and offline: as root Chromium needs --no-sandbox; the rest keep it from reaching for
// Google's services (updates, sync, field trials), which this machine's closed network refuses.
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--disable-extensions',
  '--metrics-recording-only',
  '--no-default-browser-check',
];

export interface Chromium {
  browser: Browser;
  /** A fresh tab (its own sessionStorage) at a viewport size; requests off loopback are refused and counted. */
  tab(viewport?: { width: number; height: number }): Promise<Page>;
  /** Requests the pages tried to make to anything but 127.0.0.1: none is the goal. */
  offsite: string[];
  close(): Promise<void>;
}

/** Launches the system Chromium with playwright-core (no browser download). */
export async function launchChromium(): Promise<Chromium> {
  // playwright-core gives each launch a new empty profile of its own.
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
  const offsite: string[] = [];
  const contexts: BrowserContext[] = [];
  return {
    browser,
    offsite,
    async tab(viewport = { width: 1280, height: 800 }) {
      const context = await browser.newContext({ viewport });
      contexts.push(context);
      await context.route('**/*', (route) => {
        const url = new URL(route.request().url());
        if (url.hostname === '127.0.0.1' || url.protocol === 'data:') return route.continue();
        offsite.push(url.href);
        return route.abort();
      });
      return context.newPage();
    },
    async close() {
      for (const c of contexts) await c.close().catch(() => undefined);
      await browser.close();
    },
  };
}
