import { describe, expect, it } from 'vitest';
import { Simulation } from '../../simulator/simulation.js';
import { loadProfile } from '../../simulator/files/profile-file.js';
import { acmeConfig } from '../helpers/simulator.js';

// Ids that name a property of every object must never reach the world's records.
const profile = (() => {
  const p = loadProfile('seed');
  if (!p.ok) throw new Error(p.error);
  return p.profile;
})();

describe('reserved ids', () => {
  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty'])(
    "'%s' as an id is refused everywhere, and no prototype changes",
    (id) => {
      const sim = new Simulation({ profile, seed: 1 });
      expect(sim.load(acmeConfig()).ok).toBe(true);
      const commands = [
        { action: 'complete_outreach', id },
        { action: 'launch_outreach', id },
        { action: 'request_vetting', brand: id },
        { action: 'register_brand', id, name: 'X', entityType: 'PRIVATE_PROFIT' },
        { action: 'submit_campaign', id, brand: 'acme-brand', useCase: 'MARKETING' },
        { action: 'assign_number', number: '+12065550100', campaign: id },
        { action: 'send', from: id, to: '+12065550123', body: 'hi' },
        { action: 'clear_fault', id },
      ] as const;
      for (const command of commands) {
        const outcome = sim.execute(command as never);
        expect(outcome.ok, JSON.stringify(command)).toBe(false);
      }
      for (const q of [
        { of: 'brand', id },
        { of: 'campaign', id },
        { of: 'outreach-item', id },
        { of: 'message', id },
      ] as const)
        expect(sim.query(q).ok).toBe(false);
      const config = acmeConfig();
      expect(sim.load({ ...config, account: { ...config.account, id } }).ok).toBe(false);
      expect(Object.getOwnPropertyNames(Object.prototype)).not.toContain('status');
      expect(({} as Record<string, unknown>).status).toBeUndefined();
      expect(sim.invariants()).toEqual([]);
    },
  );
});
