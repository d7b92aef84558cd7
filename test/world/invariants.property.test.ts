import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AccountConfig } from '../../engine/account-config.js';
import type { CarrierProfile } from '../../engine/carrier-profile.js';
import { dayOf, startOfDay } from '../../engine/world/index.js';
import type { Command } from '../../engine/world/index.js';
import { Simulation } from '../../simulator/simulation.js';
import { seedProfile } from '../../simulator/files/profile-file.js';

// Small limits, so that random sequences of a few dozen commands reach them.
const profile: CarrierProfile = {
  ...seedProfile(),
  numbers: { ...seedProfile().numbers, dedicatedLimit: 3, campaignNumberLimit: 4 },
  trust: {
    ...seedProfile().trust,
    tiers: [{ name: 'tiny', minScore: 0, maxScore: 100, dailyCap: 6, mps: 1 }],
  },
};

const account: AccountConfig = {
  version: 1,
  account: { id: 'acme', name: 'Acme Realty', kind: 'standard', country: 'US' },
  brands: [
    { id: 'b', name: 'Acme Realty', entityType: 'PRIVATE_PROFIT', status: 'verified', trustScore: 50 },
  ],
  campaigns: [
    { id: 'c1', brand: 'b', useCase: 'MARKETING', status: 'approved' },
    { id: 'c2', brand: 'b', useCase: 'CUSTOMER_CARE', status: 'approved' },
  ],
};

/** A command drawn against whatever numbers exist when it runs. */
type Step = (sim: Simulation) => void;

const numbersOf = (sim: Simulation): string[] => Object.keys(sim.inspect().accounts.acme?.numbers ?? {});
const pick = (list: string[], i: number): string | undefined =>
  list.length === 0 ? undefined : list[i % list.length];
const run = (sim: Simulation, command: Command): void => {
  sim.execute(command);
};

const step: fc.Arbitrary<Step> = fc.oneof(
  fc
    .record({
      code: fc.constantFrom('503', '971', '206'),
      campaign: fc.constantFrom('c1', 'c2'),
      single: fc.boolean(),
    })
    .map(
      (o) => (sim: Simulation) =>
        run(sim, {
          action: 'order_number',
          kind: 'campaign',
          lifetime: o.single ? 'single-use' : 'dedicated',
          areaCode: o.code,
          campaign: o.campaign,
        }),
    ),
  fc.record({ i: fc.nat(), campaign: fc.constantFrom('c1', 'c2', null) }).map((o) => (sim: Simulation) => {
    const number = pick(numbersOf(sim), o.i);
    if (number) run(sim, { action: 'assign_number', number, campaign: o.campaign });
  }),
  fc.nat().map((i) => (sim: Simulation) => {
    const number = pick(numbersOf(sim), i);
    if (number) run(sim, { action: 'release_number', number });
  }),
  fc.record({ campaign: fc.constantFrom('c1', 'c2'), n: fc.nat(1000) }).map(
    (o) => (sim: Simulation) =>
      run(sim, {
        action: 'launch_outreach',
        id: `o${String(o.n)}-${String(sim.now())}`,
        type: 'bulk',
        campaign: o.campaign,
        numberMode: 'single-use',
        areaCode: '503',
      }),
  ),
  fc
    .record({ i: fc.nat(), to: fc.integer({ min: 2000, max: 2010 }), long: fc.boolean() })
    .map((o) => (sim: Simulation) => {
      const from = pick(numbersOf(sim), o.i);
      const body = o.long ? 'Acme Realty: '.padEnd(200, 'x') : 'Acme Realty: hi. Reply STOP to opt out';
      if (from) run(sim, { action: 'send', from, to: `+1206555${String(o.to)}`, body });
    }),
  fc.integer({ min: 2000, max: 2010 }).map((to) => (sim: Simulation) => {
    const number = pick(numbersOf(sim), to);
    if (number) run(sim, { action: 'reply', from: `+1206555${String(to)}`, to: number, body: 'STOP' });
  }),
  fc.integer({ min: 1, max: 36 * 3_600_000 }).map((ms) => (sim: Simulation) => sim.advance(ms)),
);

/** Segments sent per brand and profile-local day, from the messages the world holds. */
function segmentsPerDay(sim: Simulation): Map<string, number> {
  const usage = new Map<string, number>();
  for (const m of sim.inspect().accounts.acme?.messages.values() ?? []) {
    if (m.sentAt === undefined || m.direction !== 'outbound' || m.status === 'failed') continue;
    const key = dayOf(m.sentAt, profile.throughput.timeZone).key;
    usage.set(key, (usage.get(key) ?? 0) + m.segments);
  }
  return usage;
}

describe('engine invariants over random command sequences', () => {
  it('hold after every step: limits, one campaign per number, monotone associations, daily caps', () => {
    fc.assert(
      fc.property(
        fc.array(step, { minLength: 1, maxLength: 60 }),
        fc.integer({ min: 1, max: 1000 }),
        (steps, seed) => {
          const sim = new Simulation({
            profile,
            seed,
            latency: 'fast',
            start: Date.parse('2026-03-07T20:00:00Z'),
          });
          sim.load(account);
          const seen = new Map<string, number>();
          for (const s of steps) {
            s(sim);
            expect(sim.invariants()).toEqual([]);
            const world = sim.inspect().accounts.acme;
            for (const [campaign, list] of Object.entries(world?.associations ?? {})) {
              expect(list.length).toBeGreaterThanOrEqual(seen.get(campaign) ?? 0);
              expect(list.length).toBeLessThanOrEqual(profile.numbers.campaignNumberLimit);
              seen.set(campaign, list.length);
            }
            for (const used of segmentsPerDay(sim).values()) expect(used).toBeLessThanOrEqual(6);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('daily counts reset exactly at the profile midnight', () => {
  const zone = 'America/Los_Angeles';
  const localTime = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });

  it('ends each day at local 00:00:00, on 23-, 24- and 25-hour days alike', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.parse('2026-01-01T00:00:00Z'), max: Date.parse('2027-12-31T00:00:00Z') }),
        (at) => {
          const day = dayOf(at, zone);
          expect(day.end).toBeGreaterThan(at);
          expect(localTime.format(new Date(day.end))).toBe('00:00:00');
          expect(dayOf(day.end - 1, zone).key).toBe(day.key);
          expect(dayOf(day.end, zone).key).not.toBe(day.key);
          expect([23, 24, 25]).toContain((day.end - startOfDay(at, zone)) / 3_600_000);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it.each([
    ['the spring-forward night', '2026-03-08'],
    ['the fall-back night', '2026-11-01'],
    ['an ordinary night', '2026-06-15'],
  ])('caps a brand until midnight Pacific and not a millisecond after, on %s', (_name, date) => {
    const sim = new Simulation({
      profile,
      seed: 3,
      latency: 'instant',
      start: Date.parse(`${date}T12:00:00Z`),
    });
    sim.load({
      ...account,
      numbers: [
        { e164: '+15035550100', kind: 'campaign', lifetime: 'dedicated', status: 'active', campaign: 'c1' },
      ],
    });
    const midnight = dayOf(sim.now(), profile.throughput.timeZone).end;
    sim.advanceTo(midnight - 60_000);
    const send = (to: number) =>
      sim.execute({
        action: 'send',
        from: '+15035550100',
        to: `+1206555${String(to)}`,
        body: 'Acme Realty: hi',
      });
    for (let i = 0; i < 7; i++) send(2000 + i);
    sim.advanceTo(midnight - 1);
    const statuses = [...(sim.inspect().accounts.acme?.messages.values() ?? [])].map(
      (m) => m.errorCode ?? m.status,
    );
    expect(statuses.filter((s) => s === 'delivered')).toHaveLength(6);
    expect(statuses).toContain(30027);
    sim.advanceTo(midnight);
    send(2100);
    sim.advance(1000);
    const last = [...(sim.inspect().accounts.acme?.messages.values() ?? [])].at(-1);
    expect(last?.status).toBe('delivered');
  });
});
