import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type Api, type TestServer } from '../helpers/simulator.js';

// A scheduled message can be called back before its time, and a campaign's owner can end it: the
// native routes of what the Twilio and Telnyx faces do with `Status=canceled` and DELETE.
let t: TestServer;
let olga: Api;
let admin: Api;

beforeAll(async () => {
  t = await startTestServer();
  olga = t.as('olga');
  admin = t.as('admin');
});
afterAll(async () => {
  await t.stop();
});

describe('POST /v1/messages/:id/cancel', () => {
  it('cancels a scheduled message, which then never goes out', async () => {
    const sent = await olga.post<{ id: string; status: string }>('/v1/messages', {
      from: '+15035550111',
      to: '+15035550177',
      body: 'Acme Realty: your showing is confirmed for 3pm. Reply STOP to opt out',
      sendAt: '2026-11-03T16:00:00Z',
    });
    expect(sent.body.status).toBe('scheduled');
    const canceled = await olga.post<{ status: string }>(`/v1/messages/${sent.body.id}/cancel`);
    expect(canceled).toMatchObject({ status: 200, body: { status: 'canceled' } });
    await admin.post('/v1/sim/clock', { advance: '2d' });
    const later = await olga.get<{ status: string }>(`/v1/messages/${sent.body.id}`);
    expect(later.body.status).toBe('canceled');
  });

  it("refuses a message that has left (409) and one out of the key's subgroups as missing (404)", async () => {
    const sent = await olga.post<{ id: string }>('/v1/messages', {
      from: '+15035550111',
      to: '+15035550178',
      body: 'Acme Realty: your agent will call you back today. Reply STOP to opt out',
    });
    const again = await olga.post<{ code: string }>(`/v1/messages/${sent.body.id}/cancel`);
    expect(again.status).toBe(409);
    // ana works in north; the message went from a south number.
    const hidden = await t.as('ana').post<{ error: { code: string } }>(`/v1/messages/${sent.body.id}/cancel`);
    const missing = await t.as('ana').post<{ error: { code: string } }>('/v1/messages/msg-none/cancel');
    expect(hidden.status).toBe(404);
    expect(missing.status).toBe(404);
    expect(hidden.body.error.code).toBe(missing.body.error.code);
  });
});

describe('POST /v1/campaigns/:id/deactivate', () => {
  it('lets an owner end an approved campaign: it is expired and its numbers fail 30034', async () => {
    expect((await t.as('sam').post('/v1/campaigns/acme-care/deactivate')).status).toBe(403);
    const ended = await olga.post<{ status: string }>('/v1/campaigns/acme-care/deactivate');
    expect(ended).toMatchObject({ status: 200, body: { status: 'expired' } });
    const sent = await olga.post<{ id: string }>('/v1/messages', {
      from: '+15035550111',
      to: '+15035550179',
      body: 'Acme Realty: your showing is confirmed for 3pm. Reply STOP to opt out',
    });
    await admin.post('/v1/sim/clock', { advance: '1h' });
    const failed = await olga.get<{ status: string; errorCode: number }>(`/v1/messages/${sent.body.id}`);
    expect(failed.body).toMatchObject({ status: 'failed', errorCode: 30034 });
    expect((await olga.post('/v1/campaigns/acme-care/deactivate')).status).toBe(409);
  });
});
