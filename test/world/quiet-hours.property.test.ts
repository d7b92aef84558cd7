import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { zonesOf } from '../../engine/phone.js';
import { readConfigFile } from '../../simulator/files/config-file.js';
import { Simulation } from '../../simulator/simulation.js';
import { loadProfile } from '../../simulator/files/profile-file.js';
import { ROOT } from '../helpers/cli.js';

// quiet-hours, as a property: with the policy on, whenever texts are sent across the year (DST
// changes included) and to whichever area codes (one that spans two zones among them), every
// marketing text leaves between 8:00 and 21:00 in each of its recipient's zones, every text is
// delivered, and other traffic is never held.
const profile = (() => {
  const p = loadProfile(`${ROOT}examples/profiles/quiet-hours.yaml`);
  if (!p.ok) throw new Error(p.error);
  return p.profile;
})();
const config = (() => {
  const read = readConfigFile(`${ROOT}examples/acme.yaml`, profile);
  if (!read.ok) throw new Error(read.errors.join('\n'));
  return read.configs[0];
})();
const MARKETING = '+12065550100';
const CARE = '+15035550111';
const CODES = ['206', '212', '305', '312', '303', '602', '775', '787', '808', '907'];

const hourIn = (at: number, zone: string): number =>
  Number(new Intl.DateTimeFormat('en-US', { timeZone: zone, hour: '2-digit', hourCycle: 'h23' }).format(at));

describe('quiet-hours', () => {
  it('sends marketing texts only in the daytime of every zone of the recipient', () => {
    if (!config) throw new Error('no example account');
    fc.assert(
      fc.property(
        fc.integer({ min: Date.parse('2026-01-01T00:00:00Z'), max: Date.parse('2026-12-31T00:00:00Z') }),
        fc.array(
          fc.record({
            code: fc.constantFrom(...CODES),
            gap: fc.integer({ min: 0, max: 6 * 3_600_000 }),
            from: fc.constantFrom(MARKETING, CARE),
          }),
          { minLength: 1, maxLength: 20 },
        ),
        (start, sends) => {
          const sim = new Simulation({ profile, seed: 3, latency: 'fast', start });
          sim.load(config);
          sends.forEach((s, i) => {
            sim.advance(s.gap);
            const sent = sim.execute({
              action: 'send',
              from: s.from,
              to: `+1${s.code}555${String(2000 + i)}`,
              body: 'Acme Realty: open house Sat. Reply STOP to opt out',
            });
            expect(sent.ok).toBe(true);
          });
          sim.advance(2 * 86_400_000);
          for (const m of sim.inspect().accounts.acme?.messages.values() ?? []) {
            expect(m.status, m.id).toBe('delivered');
            if (m.sentAt === undefined) throw new Error(`${m.id} has no sentAt`);
            if (m.from === CARE) expect(m.sentAt - m.createdAt, m.id).toBeLessThan(60_000);
            else
              for (const zone of zonesOf(m.to.slice(2, 5)) ?? []) {
                const hour = hourIn(m.sentAt, zone);
                expect(hour, `${m.id} in ${zone}`).toBeGreaterThanOrEqual(8);
                expect(hour, `${m.id} in ${zone}`).toBeLessThan(21);
              }
          }
        },
      ),
      { numRuns: 150, seed: 20261125 },
    );
  });
});
