import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import twilio from 'twilio';
import { twilioHttpClient } from '../../index.js';
import { twilioSid } from '../../simulator/faces/provider-ids.js';
import { numberSid } from '../../simulator/faces/twilio/sids.js';
import { startTestServer, type TestServer } from '../helpers/simulator.js';

// Messages through the integrator's own twilio-node client: create, fetch, list, cancel; the
// status callbacks and incoming-message requests it signs, checked with twilio's own validator;
// a TwiML answer sent back to the handset. A real server, a real receiver, the virtual clock.

/** A local receiver of Twilio's webhooks; its answer to an incoming text is `twiml`. */
interface Received {
  path: string;
  url: string;
  signature: string;
  params: Record<string, string>;
}

let t: TestServer;
let receiver: Server;
let base = '';
let received: Received[] = [];
let twiml = '<Response/>';

const CARE = '+15035550111'; // acme-care, CUSTOMER_CARE, approved
const MKT = '+12065550100'; // acme-mkt

beforeAll(async () => {
  t = await startTestServer({ latency: 'fast' });
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      received.push({
        path: req.url ?? '',
        url: `${base}${req.url ?? ''}`,
        signature: String(req.headers['x-twilio-signature'] ?? ''),
        params: Object.fromEntries(new URLSearchParams(body)),
      });
      if (req.url === '/flaky' && received.filter((r) => r.path === '/flaky').length === 1) {
        res.writeHead(500).end();
      } else if (req.url?.startsWith('/sms') || req.url === '/flaky') {
        res.writeHead(200, { 'content-type': 'text/xml' });
        res.end(twiml);
      } else res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${String((receiver.address() as AddressInfo).port)}`;
});
afterAll(async () => {
  await t.stop();
  await new Promise((resolve) => receiver.close(resolve));
});
afterEach(() => {
  received = [];
});

function creds(account = 'acme') {
  return t.server.providers[account]!.twilio;
}

function client(account = 'acme'): twilio.Twilio {
  const { accountSid, authToken } = creds(account);
  return twilio(accountSid, authToken, { httpClient: twilioHttpClient(t.url) });
}

async function failure(p: Promise<unknown>): Promise<Record<string, unknown>> {
  try {
    await p;
  } catch (error) {
    return error as Record<string, unknown>;
  }
  throw new Error('expected the request to fail');
}

/** Moves the virtual clock and waits for every webhook due to be made. */
async function advance(duration: string): Promise<void> {
  t.server.clock.advance(duration);
  await t.server.settle();
}

/** A handset texts one of the account's numbers, over the control plane. */
async function handsetSends(from: string, to: string, body: string): Promise<void> {
  const res = await fetch(`${t.url}/v1/sim/handsets/${encodeURIComponent(from)}/messages`, {
    method: 'POST',
    headers: { authorization: `Bearer ${t.server.adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ to, body }),
  });
  expect(res.status).toBe(201);
}

async function handsetLog(e164: string): Promise<Array<{ from: string; body: string; direction: string }>> {
  const res = await fetch(`${t.url}/v1/sim/handsets/${encodeURIComponent(e164)}/messages?limit=100`, {
    headers: { authorization: `Bearer ${t.server.adminToken}` },
  });
  return ((await res.json()) as { data: Array<{ from: string; body: string; direction: string }> }).data;
}

function basic(): string {
  return `Basic ${Buffer.from(`${creds().accountSid}:${creds().authToken}`).toString('base64')}`;
}

function valid(r: Received, account = 'acme'): boolean {
  return twilio.validateRequest(creds(account).authToken, r.signature, r.url, r.params);
}

/** A face record as the numbers' and services' resources keep them (fixtures until those land). */
function putRecord(id: string, kind: string, data: Record<string, unknown>): void {
  const outcome = t.server.service.execute(
    { action: 'put_record', id, face: 'twilio', kind, data },
    { account: 'acme', user: '@twilio' },
  );
  expect(outcome.ok).toBe(true);
}

describe('Messages through twilio-node', () => {
  it('sends and fetches: the SDK instance carries Twilio’s fields, then delivered', async () => {
    const sent = await client().messages.create({
      from: CARE,
      to: '+12065550123',
      body: 'Your showing is at 3pm',
    });
    expect(sent.sid).toMatch(/^SM[0-9a-f]{32}$/u);
    expect(sent.accountSid).toBe(creds().accountSid);
    expect([sent.from, sent.to, sent.body, sent.status, sent.direction]).toEqual([
      CARE,
      '+12065550123',
      'Your showing is at 3pm',
      'queued',
      'outbound-api',
    ]);
    expect([sent.numSegments, sent.numMedia, sent.errorCode, sent.apiVersion]).toEqual([
      '1',
      '0',
      null,
      '2010-04-01',
    ]);
    expect(sent.dateCreated).toBeInstanceOf(Date);
    expect(sent.dateCreated.toISOString()).toBe(
      t.server.clock
        .now()
        .toISOString()
        .replace(/\.\d{3}Z$/u, '.000Z'),
    );
    expect(sent.uri).toBe(`/2010-04-01/Accounts/${creds().accountSid}/Messages/${sent.sid}.json`);
    await advance('1m');
    const fetched = await client().messages(sent.sid).fetch();
    expect([fetched.sid, fetched.status, fetched.errorCode]).toEqual([sent.sid, 'delivered', null]);
    expect(fetched.dateSent).toBeInstanceOf(Date);
  });

  it('lists with Twilio’s paging and the To, From and DateSent filters', async () => {
    const to = '+12065550177';
    for (let i = 0; i < 5; i++) await client().messages.create({ from: CARE, to, body: `Note ${String(i)}` });
    await advance('1m');
    const page = await client().messages.page({ to, pageSize: 2 });
    expect(page.instances.map((m) => m.body)).toEqual(['Note 4', 'Note 3']);
    const next = await page.nextPage();
    expect(next?.instances.map((m) => m.body)).toEqual(['Note 2', 'Note 1']);
    const all = await client().messages.list({ to, pageSize: 2 });
    expect(all.map((m) => m.body)).toEqual(['Note 4', 'Note 3', 'Note 2', 'Note 1', 'Note 0']);
    const raw = await fetch(
      `${t.url}/twilio/api/2010-04-01/Accounts/${creds().accountSid}/Messages.json?To=${encodeURIComponent(to)}&PageSize=2`,
      {
        headers: {
          authorization: `Basic ${Buffer.from(`${creds().accountSid}:${creds().authToken}`).toString('base64')}`,
        },
      },
    );
    const body = (await raw.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ page: 0, page_size: 2, start: 0, end: 1, previous_page_uri: null });
    expect(String(body.next_page_uri)).toContain('Page=1');
    expect(String(body.first_page_uri)).toContain(`To=${encodeURIComponent(to)}`);
    const today = t.server.clock.now().toISOString().slice(0, 10);
    const sentAt = all[0]!.dateSent;
    const sameSecond = await client().messages.list({ to, dateSent: sentAt });
    expect(sameSecond.map((m) => m.sid)).toContain(all[0]!.sid);
    expect(sameSecond.every((m) => m.dateSent.getTime() === sentAt.getTime())).toBe(true);
    expect(
      await client().messages.list({ to, dateSentBefore: new Date('2026-01-01T00:00:00Z') }),
    ).toHaveLength(0);
    expect(await client().messages.list({ to, dateSentAfter: new Date(`${today}T00:00:00Z`) })).toHaveLength(
      5,
    );
    const byDay = await fetch(
      `${t.url}/twilio/api/2010-04-01/Accounts/${creds().accountSid}/Messages.json?To=${encodeURIComponent(to)}&DateSent=${today}`,
      { headers: { authorization: basic() } },
    );
    expect(((await byDay.json()) as { messages: unknown[] }).messages).toHaveLength(5);
    expect(await client().messages.list({ to, from: MKT })).toHaveLength(0);
  });

  it('calls the StatusCallback at each status, signed as twilio.validateRequest checks it', async () => {
    const callback = `${base}/status?run=1`;
    const sent = await client().messages.create({
      from: CARE,
      to: '+12065550124',
      body: 'Hi',
      statusCallback: callback,
    });
    await advance('1m');
    const calls = received.filter((r) => r.path.startsWith('/status'));
    expect(calls.map((r) => r.params.MessageStatus)).toEqual(['queued', 'sending', 'sent', 'delivered']);
    for (const call of calls) {
      expect(valid(call)).toBe(true);
      expect(call.params).toMatchObject({
        MessageSid: sent.sid,
        SmsSid: sent.sid,
        AccountSid: creds().accountSid,
        From: CARE,
        To: '+12065550124',
        ApiVersion: '2010-04-01',
      });
      expect(call.params.SmsStatus).toBe(call.params.MessageStatus);
      expect(call.params.ErrorCode).toBeUndefined();
    }
    // A tampered parameter does not validate.
    expect(valid({ ...calls[0]!, params: { ...calls[0]!.params, To: '+12065550199' } })).toBe(false);
  });

  it('a magic recipient’s failure: failed with 30003 in the callback and in error_code', async () => {
    const sent = await client().messages.create({
      from: CARE,
      to: '+12065550101',
      body: 'Hi',
      statusCallback: `${base}/status`,
    });
    await advance('1m');
    const last = received.filter((r) => r.path.startsWith('/status')).at(-1)!;
    expect([last.params.MessageStatus, last.params.ErrorCode]).toEqual(['failed', '30003']);
    expect(valid(last)).toBe(true);
    const fetched = await client().messages(sent.sid).fetch();
    expect([fetched.status, fetched.errorCode, fetched.errorMessage]).toEqual([
      'failed',
      30003,
      'Unreachable destination handset',
    ]);
  });

  it('refuses a text to a recipient who texted STOP: 400, 21610, with the rule', async () => {
    await handsetSends('+12065550140', CARE, 'STOP');
    await advance('1s');
    const error = await failure(
      client().messages.create({ from: CARE, to: '+12065550140', body: 'Still there?' }),
    );
    expect(error.constructor.name).toBe('RestException');
    expect([error.status, error.code]).toEqual([400, 21610]);
    expect(error.details).toEqual({ tendlc_rule: 'opt-out-honored' });
  });

  it('refuses a bad To with 21211, a missing Body with 21602, a From it does not hold with 21606', async () => {
    const bad = await failure(client().messages.create({ from: CARE, to: '+44 20 7946 0958', body: 'Hi' }));
    expect([bad.status, bad.code, bad.details]).toEqual([
      400,
      21211,
      { tendlc_rule: 'recipient-us-10-digit' },
    ]);
    const empty = await failure(client().messages.create({ from: CARE, to: '+12065550123', body: '' }));
    expect([empty.status, empty.code]).toEqual([400, 21602]);
    const foreign = await failure(
      client().messages.create({ from: '+14255550100', to: '+12065550123', body: 'Hi' }),
    );
    expect([foreign.status, foreign.code]).toEqual([400, 21606]);
    // A one-to-one number's inbox is its agents': the account's credentials are none of them.
    const inbox = await failure(
      client().messages.create({ from: '+12065550101', to: '+12065550123', body: 'Hi' }),
    );
    expect([inbox.status, inbox.code, inbox.details]).toEqual([
      403,
      20403,
      { tendlc_rule: 'direct-from-reusable-number' },
    ]);
  });

  it('schedules with SendAt and ScheduleType=fixed, and cancels with Status=canceled', async () => {
    const sendAt = new Date(t.server.clock.now().getTime() + 3_600_000);
    const sent = await client().messages.create({
      from: CARE,
      to: '+12065550125',
      body: 'Reminder',
      sendAt,
      scheduleType: 'fixed',
      statusCallback: `${base}/status`,
    });
    expect(sent.status).toBe('scheduled');
    const canceled = await client().messages(sent.sid).update({ status: 'canceled' });
    expect(canceled.status).toBe('canceled');
    await advance('2h');
    expect((await client().messages(sent.sid).fetch()).status).toBe('canceled');
    expect(received.map((r) => r.params.MessageStatus)).toEqual(['scheduled', 'canceled']);
    const again = await failure(client().messages(sent.sid).update({ status: 'canceled' }));
    expect([again.status, again.code]).toEqual([400, 30409]);
    const soon = await failure(
      client().messages.create({
        from: CARE,
        to: '+12065550125',
        body: 'Too soon',
        sendAt: new Date(t.server.clock.now().getTime() + 60_000),
        scheduleType: 'fixed',
      }),
    );
    expect([soon.status, soon.code]).toEqual([400, 35114]);
  });

  it('posts a reply to the number’s SmsUrl, signed, and sends the TwiML answer’s messages back', async () => {
    putRecord(numberSid(CARE), 'incoming-number', { sms_url: `${base}/sms` });
    twiml =
      '<?xml version="1.0" encoding="UTF-8"?><Response><Message>Thanks &amp; see you at 3</Message>' +
      '<Message><Body>Reply STOP to opt out</Body></Message></Response>';
    await handsetSends('+12065550150', CARE, 'Is 3pm ok?');
    await advance('1s');
    const inbound = received.find((r) => r.path === '/sms')!;
    expect(valid(inbound)).toBe(true);
    expect(inbound.params).toMatchObject({
      From: '+12065550150',
      To: CARE,
      Body: 'Is 3pm ok?',
      NumMedia: '0',
      SmsStatus: 'received',
      AccountSid: creds().accountSid,
    });
    expect(inbound.params.MessageSid).toMatch(/^SM[0-9a-f]{32}$/u);
    await advance('1m');
    const log = await handsetLog('+12065550150');
    expect(log.filter((m) => m.direction === 'received').map((m) => [m.from, m.body])).toEqual([
      [CARE, 'Thanks & see you at 3'],
      [CARE, 'Reply STOP to opt out'],
    ]);
    expect(inbound.params.OptOutType).toBeUndefined();
    received = [];
    twiml = '<Response/>';
    await handsetSends('+12065550150', CARE, 'help');
    await advance('1s');
    expect(received.find((r) => r.path === '/sms')?.params).toMatchObject({
      Body: 'help',
      OptOutType: 'HELP',
    });
    const incoming = await client().messages(inbound.params.MessageSid!).fetch();
    expect([incoming.direction, incoming.status, incoming.body]).toEqual([
      'inbound',
      'received',
      'Is 3pm ok?',
    ]);
  });

  it('retries an incoming-message request the receiver failed, and sends its TwiML answer once', async () => {
    putRecord(numberSid(CARE), 'incoming-number', { sms_url: `${base}/flaky` });
    twiml = '<Response><Message>Got it</Message></Response>';
    await handsetSends('+12065550151', CARE, 'Are you open Sunday?');
    await advance('1s');
    await advance('10s');
    const attempts = received.filter((r) => r.path === '/flaky');
    expect(attempts).toHaveLength(2);
    expect(attempts.every((r) => valid(r) && r.params.Body === 'Are you open Sunday?')).toBe(true);
    expect(attempts[1]!.params.MessageSid).toBe(attempts[0]!.params.MessageSid);
    const log = t.server.webhooks
      .deliveriesOf('twilio:acme')
      .filter((d) => d.attempts.some((a) => a.status === 500));
    expect(log.at(-1)).toMatchObject({ state: 'delivered', eventType: 'message.received' });
    expect(log.at(-1)!.attempts.map((a) => a.status)).toEqual([500, 200]);
    await advance('1m');
    const replies = (await handsetLog('+12065550151')).filter((m) => m.direction === 'received');
    expect(replies.map((m) => m.body)).toEqual(['Got it']);
    putRecord(numberSid(CARE), 'incoming-number', { sms_url: `${base}/sms` });
  });

  it('sends from a Messaging Service: its status_callback and its inbound_request_url', async () => {
    const mg = twilioSid('MG', 'acme:test-service');
    const actor = { account: 'acme', user: '@twilio' };
    expect(
      t.server.service.execute({ action: 'put_pool', id: mg, origin: 'twilio', campaign: 'acme-care' }, actor)
        .ok,
    ).toBe(true);
    expect(t.server.service.execute({ action: 'pool_number', number: CARE, pool: mg }, actor).ok).toBe(true);
    putRecord(mg, 'service', {
      friendly_name: 'Care',
      status_callback: `${base}/service-status`,
      inbound_request_url: `${base}/sms-service`,
    });
    twiml = '<Response/>';
    await advance('1d');
    received = [];
    const sent = await client().messages.create({
      messagingServiceSid: mg,
      to: '+12065550126',
      body: 'Hello',
    });
    expect([sent.status, sent.messagingServiceSid, sent.from]).toEqual(['accepted', mg, CARE]);
    await advance('1m');
    const calls = received.filter((r) => r.path === '/service-status');
    expect(calls.map((r) => r.params.MessageStatus)).toEqual(['queued', 'sending', 'sent', 'delivered']);
    expect(calls.every((r) => r.params.MessagingServiceSid === mg && valid(r))).toBe(true);
    const both = await client().messages.create({
      from: CARE,
      messagingServiceSid: mg,
      to: '+12065550126',
      body: 'Both',
    });
    expect([both.status, both.messagingServiceSid, both.from]).toEqual(['accepted', mg, CARE]);
    const unknown = await failure(
      client().messages.create({
        from: CARE,
        messagingServiceSid: `MG${'9'.repeat(32)}`,
        to: '+12065550126',
        body: 'x',
      }),
    );
    expect([unknown.status, unknown.code]).toEqual([400, 21701]);
    received = [];
    await advance('1m');
    expect(received.filter((r) => r.path === '/service-status').map((r) => r.params.MessageSid)).toContain(
      both.sid,
    );
    await handsetSends('+12065550126', CARE, 'Thanks');
    await advance('1s');
    const inbound = received.find((r) => r.path === '/sms-service')!;
    expect(inbound.params).toMatchObject({ MessagingServiceSid: mg, Body: 'Thanks' });
    expect(valid(inbound)).toBe(true);
  });
});

describe('another account through the Messages routes (R5)', () => {
  it("sees neither another account's path (20404) nor its messages (404)", async () => {
    const created = await fetch(`${t.url}/v1/sim/accounts`, {
      method: 'POST',
      headers: { authorization: `Bearer ${t.server.adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        version: 1,
        account: { id: 'beta', name: 'Beta Co', kind: 'standard', country: 'US' },
        users: [{ id: 'bo', role: 'owner' }],
      }),
    });
    expect(created.status).toBe(201);
    const beta = t.server.service.credentialsOf('beta')!.twilio;
    const sent = await client().messages.create({ from: CARE, to: '+12065550127', body: 'Mine' });
    const betaClient = twilio(beta.accountSid, beta.authToken, { httpClient: twilioHttpClient(t.url) });
    // Beta's credentials on its own path: acme's message does not exist there.
    const theirs = await failure(betaClient.messages(sent.sid).fetch());
    expect([theirs.status, theirs.code]).toEqual([404, 20404]);
    expect((await betaClient.messages.list({})).map((m) => m.sid)).not.toContain(sent.sid);
    // Beta's credentials on acme's path: the same 404 as a missing resource.
    const onAcme = twilio(beta.accountSid, beta.authToken, {
      accountSid: creds().accountSid,
      httpClient: twilioHttpClient(t.url),
    });
    for (const attempt of [
      onAcme.messages(sent.sid).fetch(),
      onAcme.messages.list({ limit: 1 }),
      onAcme.messages.create({ from: CARE, to: '+12065550127', body: 'x' }),
      onAcme.messages(sent.sid).update({ status: 'canceled' }),
    ]) {
      const error = await failure(attempt);
      expect([error.status, error.code]).toEqual([404, 20404]);
    }
    const unknown = await failure(
      client()
        .messages(`SM${'3'.repeat(32)}`)
        .fetch(),
    );
    expect([unknown.status, unknown.code]).toEqual([404, 20404]);
    expect((await client().messages(sent.sid).fetch()).body).toBe('Mine');
  });
});

describe('a restored snapshot', () => {
  it('finds the messages the snapshot holds by SID, and not the ones after it', async () => {
    const admin = { authorization: `Bearer ${t.server.adminToken}`, 'content-type': 'application/json' };
    const kept = await client().messages.create({ from: CARE, to: '+12065550128', body: 'Kept' });
    const snap = (await (
      await fetch(`${t.url}/v1/sim/snapshot`, { method: 'POST', headers: admin })
    ).json()) as {
      id: string;
    };
    const lost = await client().messages.create({ from: CARE, to: '+12065550128', body: 'Lost' });
    expect((await client().messages(lost.sid).fetch()).body).toBe('Lost');
    const restored = await fetch(`${t.url}/v1/sim/restore`, {
      method: 'POST',
      headers: admin,
      body: JSON.stringify({ id: snap.id }),
    });
    expect(restored.status).toBeLessThan(300);
    // As many messages as before the restore, one of them new: found by its SID too.
    const after = await client().messages.create({ from: CARE, to: '+12065550128', body: 'After' });
    expect((await client().messages(after.sid).fetch()).body).toBe('After');
    expect((await client().messages(kept.sid).fetch()).body).toBe('Kept');
    const gone = await failure(client().messages(lost.sid).fetch());
    expect([gone.status, gone.code]).toEqual([404, 20404]);
  });
});
