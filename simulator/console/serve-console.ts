import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import express, { type Response } from 'express';
import { PROJECT_ROOT } from '../files/package-root.js';

/** Where `npm run build` writes the console's pages and modules (scripts/build-console.mjs). */
export const CONSOLE_DIR = resolve(PROJECT_ROOT, 'dist', 'console');

// The page may load only what this server serves, and talk only to it (the API and its WebSocket):
// no CDN, no font service, no analytics; an inline script or a foreign host would be refused.
const POLICY = [
  "default-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "style-src 'self'",
  "script-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

function secure(res: Response): void {
  res.set('Content-Security-Policy', POLICY);
  res.set('X-Content-Type-Options', 'nosniff');
  res.set('Referrer-Policy', 'no-referrer');
}

/**
 * The web console (docs/console.md): `/` and `/console/*` need no key, the page asks for one
 * and then reads the public API like any other client. Built assets are served from
 * dist/console; without a build, `/` says how to make one.
 */
export function consoleRoutes(dir: string = CONSOLE_DIR): express.Router {
  const r = express.Router({ strict: true });
  const assets = express.static(dir, {
    index: false,
    fallthrough: false,
    // Modules are small and change with each build: the browser asks again, and gets a 304 when unchanged.
    cacheControl: true,
    maxAge: 0,
    setHeaders: (res) => secure(res as Response),
  });
  r.get('/', (_req, res) => {
    secure(res);
    res.set('Cache-Control', 'no-cache');
    const page = resolve(dir, 'index.html');
    if (!existsSync(page)) {
      res
        .status(503)
        .type('text/plain')
        .send('The console is not built: run `npm run build` (npm install does it), then reload.\n');
      return;
    }
    res.sendFile(page);
  });
  r.use('/console', (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    assets(req, res, (error?: unknown) => {
      const status = (error as { status?: number } | undefined)?.status ?? 404;
      res
        .status(status === 404 ? 404 : 400)
        .type('text/plain')
        .send(`no console asset ${req.path}\n`);
    });
  });
  return r;
}
