import { afterEach, describe, expect, it } from 'vitest';
import { jsonGetter, PullError, retryAfterMs } from '../../validator/pull/http.js';
import { startFake, type FakeProvider } from './fake-providers.js';

let fake: FakeProvider | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

/** A getter whose waits are recorded, not slept. */
function getter(provider: 'twilio' | 'telnyx', attempts = 4) {
  const waits: number[] = [];
  const get = jsonGetter({
    provider,
    authorization: 'Bearer secret-key',
    attempts,
    sleep: (ms) => {
      waits.push(ms);
      return Promise.resolve();
    },
  });
  return { get, waits };
}

async function failure(run: Promise<unknown>): Promise<PullError> {
  const error = await run.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PullError);
  return error as PullError;
}

describe('provider HTTP: 429 backoff and errors, against a real local server', () => {
  it('waits as Retry-After says, then reads the answer', async () => {
    let calls = 0;
    fake = await startFake(() =>
      ++calls <= 2
        ? {
            status: 429,
            body: { code: 20429, message: 'Too Many Requests' },
            headers: { 'retry-after': '3' },
          }
        : { body: { ok: true } },
    );
    const { get, waits } = getter('twilio');
    expect(await get(`${fake.url}/x`)).toEqual({ ok: true });
    expect(waits).toEqual([3000, 3000]);
    expect(fake.requests).toHaveLength(3);
    expect(fake.requests[0]!.authorization).toBe('Bearer secret-key');
  });

  it('doubles its backoff when no Retry-After is given', async () => {
    let calls = 0;
    fake = await startFake(() => (++calls <= 3 ? { status: 429, body: {} } : { body: [] }));
    const { get, waits } = getter('telnyx');
    expect(await get(`${fake.url}/x`)).toEqual([]);
    expect(waits).toEqual([1000, 2000, 4000]);
  });

  it('gives up after its attempts, naming the URL and the provider code', async () => {
    fake = await startFake(() => ({
      status: 429,
      body: { errors: [{ code: '10011', title: 'Too many requests', detail: 'Rate limit exceeded' }] },
      headers: { 'retry-after': '1' },
    }));
    const { get, waits } = getter('telnyx', 3);
    const error = await failure(get(`${fake.url}/v2/10dlc/brand?page=1`));
    expect(waits).toEqual([1000, 1000]);
    expect(fake.requests).toHaveLength(3);
    expect(error.code).toBe('rate-limited');
    expect(error.status).toBe(429);
    expect(error.providerCode).toBe('10011');
    expect(error.message).toBe(
      `Telnyx answered GET ${fake.url}/v2/10dlc/brand?page=1 with HTTP 429 (Telnyx error 10011): Rate limit exceeded; still rate-limited after 3 attempts, try again later`,
    );
  });

  it("reads Twilio's error envelope on a 401 and names the credentials to check", async () => {
    fake = await startFake(() => ({
      status: 401,
      body: {
        code: 20003,
        message: 'Authenticate',
        more_info: 'https://www.twilio.com/docs/errors/20003',
        status: 401,
      },
    }));
    const { get, waits } = getter('twilio');
    const error = await failure(get(`${fake.url}/messaging/v1/Services`));
    expect(waits).toEqual([]);
    expect(error.code).toBe('unauthorized');
    expect(error.providerCode).toBe('20003');
    expect(error.message).toContain(
      `GET ${fake.url}/messaging/v1/Services with HTTP 401 (Twilio error 20003): Authenticate`,
    );
    expect(error.message).toContain('TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN');
    expect(error.message).not.toContain('secret-key');
  });

  it('calls a 404 not-found, a non-JSON body a bad response, a closed port a network error', async () => {
    fake = await startFake((path) => (path === '/text' ? { body: '<html>oops</html>' } : undefined));
    const { get } = getter('telnyx');
    const missing = await failure(get(`${fake.url}/missing`));
    expect(missing.code).toBe('not-found');
    expect(missing.message).toBe(
      `Telnyx answered GET ${fake.url}/missing with HTTP 404 (Telnyx error 20404): not found; check --base-url (Telnyx's v2 root, such as http://127.0.0.1:4100/telnyx/v2)`,
    );
    const bad = await failure(get(`${fake.url}/text`));
    expect(bad.code).toBe('bad-response');
    expect(bad.message).toBe(`Telnyx answered ${fake.url}/text with a body that is not JSON`);
    const closed = await startFake(() => undefined);
    const url = closed.url;
    await closed.close();
    const down = await failure(get(`${url}/v2/phone_numbers`));
    expect(down.code).toBe('network');
    expect(down.message).toBe(`cannot reach Telnyx at ${url}/v2/phone_numbers: ECONNREFUSED`);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2026-11-27T04:00:00Z');
    expect(retryAfterMs('120', now)).toBe(120_000);
    expect(retryAfterMs('Fri, 27 Nov 2026 04:00:05 GMT', now)).toBe(5000);
    expect(retryAfterMs('Fri, 27 Nov 2026 03:59:00 GMT', now)).toBe(0);
    expect(retryAfterMs('soon', now)).toBeUndefined();
    expect(retryAfterMs(null, now)).toBeUndefined();
  });

  it('caps a long Retry-After at its longest wait', async () => {
    let calls = 0;
    fake = await startFake(() =>
      ++calls === 1 ? { status: 429, body: {}, headers: { 'retry-after': '3600' } } : { body: {} },
    );
    const waits: number[] = [];
    const get = jsonGetter({
      provider: 'twilio',
      authorization: 'x',
      maxWaitMs: 30_000,
      sleep: (ms) => (waits.push(ms), Promise.resolve()),
    });
    await get(`${fake.url}/x`);
    expect(waits).toEqual([30_000]);
  });
});
