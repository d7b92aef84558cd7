import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProfile } from '../../simulator/files/profile-file.js';
import { ROOT } from '../helpers/cli.js';
import { startTestServer } from '../helpers/simulator.js';

// What a restart keeps beyond the world: here, the carrier profile a reset set.
const smallCaps = (() => {
  const p = loadProfile(join(ROOT, 'examples/profiles/small-caps.yaml'));
  if (!p.ok) throw new Error(p.error);
  return p.profile;
})();

describe('a restart', () => {
  it('keeps the profile a reset set, from the snapshot written at a clean stop; refuses a bad one', async () => {
    const data = join(mkdtempSync(join(tmpdir(), 'tendlc-persist-')), 'state.json');
    const first = await startTestServer({ data });
    const bad = await first.as('admin').post('/v1/sim/reset', { profile: { ...smallCaps, name: undefined } });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({
      error: { message: "/profile is missing the required key 'name'", details: { field: '/profile/name' } },
    });
    const late = await first.as('admin').post('/v1/sim/reset', { start: '+275000-01-01T00:00:00Z' });
    expect(late.status).toBe(400);
    expect(late.body).toMatchObject({ error: { details: { field: '/start' } } });
    const reset = await first.as('admin').post('/v1/sim/reset', { profile: smallCaps });
    expect(reset.status).toBe(200);
    await first.stop();

    const again = await startTestServer({ data });
    try {
      // acme-brand scores 72, the medium tier: 10 segments a day under small-caps, 10,000 under seed.
      for (let i = 0; i < 11; i++) {
        const sent = await again.as('olga').post('/v1/messages', {
          from: '+12065550100',
          to: `+1206555${String(7000 + i)}`,
          body: 'Acme Realty: open house Sat. Reply STOP to opt out',
        });
        expect(sent.status).toBe(202);
      }
      await again.as('admin').post('/v1/sim/clock', { advance: '1h' });
      const failed = await again
        .as('olga')
        .get<{ data: Array<{ errorCode?: number }> }>('/v1/messages?status=failed');
      expect(failed.body.data.map((m) => m.errorCode)).toEqual([30027]);
    } finally {
      await again.stop();
    }
  });
});
