import fc from 'fast-check';
import { reliabilitySize } from '../helpers/reliability-size.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/simulator.js';

// R2 over the Twilio face's Messages routes: arbitrary form bodies and query strings, with the
// account's own credentials, are answered in Twilio's envelope and never with a 5xx; the engine's
// invariants hold afterwards.

let t: TestServer;
let auth = '';
let path = '';

beforeAll(async () => {
  t = await startTestServer({ latency: 'fast' });
  const { accountSid, authToken } = t.server.providers.acme!.twilio;
  auth = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`;
  path = `${t.url}/twilio/api/2010-04-01/Accounts/${accountSid}/Messages`;
});
afterAll(async () => {
  await t.stop();
});

const NAMES = [
  'To',
  'From',
  'Body',
  'MessagingServiceSid',
  'StatusCallback',
  'SendAt',
  'ScheduleType',
  'Status',
  'PageSize',
  'Page',
  'PageToken',
  'DateSent',
  'DateSent<',
  'DateSent>',
  'MediaUrl',
];

const VALUES = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    '+15035550111',
    '+12065550100',
    '+12065550123',
    '+12065550101',
    '(206) 555-0104',
    '+1',
    'MG' + '0'.repeat(32),
    'http://127.0.0.1:9/cb',
    'fixed',
    'canceled',
    '2026-11-02',
    '2026-11-03T00:00:00Z',
    '9999-12-31T23:59:59Z',
    '-1',
    '1000',
    '1001',
    'NaN',
    '1e400',
    'x'.repeat(2000),
  ),
);

/** A form body: known and unknown names, repeated names, raw percent-escapes that may not decode. */
const ANY_FORM = fc
  .array(fc.tuple(fc.oneof(fc.constantFrom(...NAMES), fc.string({ maxLength: 12 })), VALUES, fc.boolean()), {
    maxLength: 8,
  })
  .map((pairs) =>
    pairs
      .map(([k, v, raw]) => (raw ? `${k}=${v}` : `${encodeURIComponent(k)}=${encodeURIComponent(v)}`))
      .join('&'),
  );

/** A valid send with arbitrary parameters after it (a later repeat of a name wins). */
const FORM = fc.oneof(
  ANY_FORM,
  ANY_FORM.map((extra) => `To=%2B12065550123&From=%2B15035550111&Body=Hi&${extra}`),
);

const SID = fc.oneof(
  fc.constantFrom('SM' + 'a'.repeat(32), 'SM', 'MM' + '1'.repeat(32), '..', '%00', 'SM%2F..'),
  fc.string({ maxLength: 40 }).map(encodeURIComponent),
);

describe('R2 over Twilio Messages', () => {
  it('answers arbitrary form bodies and queries with no 5xx, in Twilio’s envelope', async () => {
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('create', 'list', 'fetch', 'update'),
        FORM,
        SID,
        fc.constantFrom('application/x-www-form-urlencoded', 'application/json', 'text/plain', ''),
        async (op, form, sid, type) => {
          const target =
            op === 'create'
              ? `${path}.json`
              : op === 'list'
                ? `${path}.json?${form}`
                : `${path}/${sid}.json${op === 'fetch' ? `?${form}` : ''}`;
          const post = op === 'create' || op === 'update';
          const res = await fetch(target, {
            method: post ? 'POST' : 'GET',
            headers: { authorization: auth, ...(post && type ? { 'content-type': type } : {}) },
            ...(post ? { body: form } : {}),
          });
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          const text = await res.text();
          expect(res.status, `${op} ${target} ${form} → ${text}`).toBeLessThan(500);
          if (res.status >= 400) {
            const body = JSON.parse(text) as Record<string, unknown>;
            expect(typeof body.code).toBe('number');
            expect(body.status).toBe(res.status);
          }
        },
      ),
      { numRuns: reliabilitySize(10_000, 600), seed: 14 },
    );
    // The runs reached both sides: some created or listed, some refused.
    expect(statuses.get(201)).toBeGreaterThan(0);
    expect(statuses.get(200)).toBeGreaterThan(10);
    expect([...statuses.keys()].some((s) => s >= 400)).toBe(true);
    t.server.clock.advance('1h');
    await t.server.settle();
    expect(t.server.metrics.count('5xx')).toBe(0);
    expect(t.server.service.sim.invariants()).toEqual([]);
  });
});
