import { describe, expect, it } from 'vitest';
import { worldFromData, worldToData, type WorldData } from '../../engine/world/world-data.js';
import { Simulation } from '../../simulator/simulation.js';
import { loadProfile } from '../../simulator/files/profile-file.js';
import { acmeConfig } from '../helpers/simulator.js';

// The world keeps messages in a Map; snapshots and the state file hold plain JSON.
const profile = (() => {
  const p = loadProfile('seed');
  if (!p.ok) throw new Error(p.error);
  return p.profile;
})();

function busyWorld(): Simulation {
  const sim = new Simulation({ profile, seed: 7, latency: 'fast' });
  sim.load(acmeConfig());
  for (const to of ['+12065550123', '+12065550124', '+12065550125'])
    sim.execute({ action: 'send', from: '+12065550100', to, body: 'Acme: hello. Reply STOP to opt out' });
  sim.advance(60_000);
  sim.execute({ action: 'reply', from: '+12065550124', to: '+12065550100', body: 'STOP' });
  return sim;
}

describe('the world as plain data', () => {
  it('survives JSON: messages come back in creation order, each equal to the original', () => {
    const world = busyWorld().inspect();
    const messages = [...(world.accounts.acme?.messages.values() ?? [])];
    expect(messages.length).toBeGreaterThan(3);
    const back = worldFromData(JSON.parse(JSON.stringify(worldToData(world))) as WorldData);
    expect([...(back.accounts.acme?.messages.keys() ?? [])]).toEqual(messages.map((m) => m.id));
    expect([...(back.accounts.acme?.messages.values() ?? [])]).toEqual(messages);
    expect(back.accounts.acme?.optOuts).toEqual(world.accounts.acme?.optOuts);
  });

  it('shares nothing with the live world', () => {
    const sim = busyWorld();
    const data = worldToData(sim.inspect());
    const first = data.accounts.acme?.messages[0];
    if (first) first.status = 'failed';
    expect(sim.inspect().accounts.acme?.messages.get(first?.id ?? '')?.status).not.toBe('failed');
  });

  it('reads state written with messages as a keyed object and an order list', () => {
    const data = worldToData(busyWorld().inspect());
    const account = data.accounts.acme;
    if (!account) throw new Error('no account');
    const legacy = {
      ...data,
      accounts: {
        acme: {
          ...account,
          messages: Object.fromEntries(account.messages.map((m) => [m.id, m])),
          messageOrder: account.messages.map((m) => m.id),
        },
      },
    } as unknown as WorldData;
    const back = worldFromData(legacy).accounts.acme;
    expect([...(back?.messages.values() ?? [])]).toEqual(account.messages);
    expect(back).not.toHaveProperty('messageOrder');
  });
});
