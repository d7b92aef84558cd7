import { afterEach } from 'vitest';
import { contractViolations, isDocumentedPath } from '../helpers/contract.js';

/**
 * Every response a test receives from a simulator on loopback is checked against the OpenAPI
 * document (R8), whichever suite, helper or runner made the request: global `fetch` is wrapped
 * once here, so no suite can forget it. A disagreement fails the request that met it and, in case
 * the caller swallowed that error, the test at its end.
 */
const violations: string[] = [];
const realFetch = globalThis.fetch;

globalThis.fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
  const response = await realFetch(input, init);
  const url = new URL(input instanceof Request ? input.url : String(input));
  if (!isLoopback(url.hostname) || !isDocumentedPath(url.pathname)) return response;
  const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
  const body = await response.clone().text();
  const found = contractViolations(
    method,
    url.pathname,
    response.status,
    response.headers.get('content-type'),
    body,
  );
  if (found.length === 0) return response;
  violations.push(...found);
  throw new Error(`the response disagrees with schemas/openapi.json:\n  ${found.join('\n  ')}`);
};

afterEach(() => {
  if (violations.length === 0) return;
  const found = violations.splice(0);
  throw new Error(`responses disagreed with schemas/openapi.json:\n  ${found.join('\n  ')}`);
});

function isLoopback(host: string): boolean {
  return host === '127.0.0.1' || host === 'localhost' || host === '[::1]';
}
