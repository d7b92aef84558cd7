import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleRoutes } from '../../simulator/console/serve-console.js';
import { ROOT } from '../helpers/cli.js';
import { startTestServer, type TestServer } from '../helpers/simulator.js';

// The console's page and assets are served by the simulator, keyless, from the build (npm run
// build), under a policy that lets the page load and call nothing but this server.

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t.stop();
});

describe('the console at /', () => {
  it('serves the page without a key, under a policy that allows only this server', async () => {
    const res = await fetch(`${t.url}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/u);
    const policy = res.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("default-src 'self'");
    expect(policy).toContain("connect-src 'self'");
    const html = await res.text();
    expect(html).toContain('<script type="module" src="/console/main.js">');
    // Nothing the page loads comes from elsewhere.
    expect(html).not.toMatch(/(?:src|href)="(?:https?:)?\/\//u);
  });

  it('serves the built modules and styles, and a 404 for an asset that does not exist', async () => {
    const js = await fetch(`${t.url}/console/main.js`);
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toMatch(/javascript/u);
    expect(await js.text()).toContain('hashchange');
    const css = await fetch(`${t.url}/console/console.css`);
    expect(css.headers.get('content-type')).toMatch(/^text\/css/u);
    const missing = await fetch(`${t.url}/console/nothing.js`);
    expect(missing.status).toBe(404);
    const escape = await fetch(`${t.url}/console/..%2f..%2fpackage.json`);
    expect(escape.status).toBeGreaterThanOrEqual(400);
    expect(await escape.text()).not.toContain('"name": "tendlc"');
  });

  it('leaves the API as it was: a key is still needed there', async () => {
    expect((await fetch(`${t.url}/v1/numbers`)).status).toBe(401);
  });

  it('says how to build the console when it is not built', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'tendlc-console-'));
    const app = express().use(consoleRoutes(empty));
    const server = app.listen(0, '127.0.0.1');
    await new Promise((done) => server.once('listening', done));
    try {
      const res = await fetch(`http://127.0.0.1:${String((server.address() as AddressInfo).port)}/`);
      expect(res.status).toBe(503);
      expect(await res.text()).toContain('npm run build');
    } finally {
      server.close();
      rmSync(empty, { recursive: true, force: true });
    }
  });
});

describe('tendlc serve', () => {
  it('prints the console URL, which answers with the page', async () => {
    const child = spawn(
      process.execPath,
      [`${ROOT}bin/tendlc.js`, 'serve', '--config', 'examples/acme.yaml', '--in-memory', '--port', '0'],
      { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } },
    );
    try {
      let out = '';
      const url = await new Promise<string>((found, failed) => {
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          const m = /console: (http:\/\/127\.0\.0\.1:\d+\/) /u.exec(out);
          if (m) found(m[1]!);
        });
        child.once('exit', () => failed(new Error(`serve exited: ${out}`)));
      });
      const res = await fetch(url);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('/console/main.js');
    } finally {
      child.kill();
    }
  });
});
