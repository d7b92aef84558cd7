import { afterAll, beforeAll, expect, it } from 'vitest';
// In your project: import { startSimulator } from 'tendlc';
import { startSimulator, type Simulator } from '../../index.js';

// The README's example of the programmatic API, as a user's own test suite would run it.
let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ config: 'examples/acme.yaml', seed: 7 });
});
afterAll(async () => {
  await sim.stop();
});

it('approves a campaign after the clock moves past the review latency', async () => {
  const headers = { authorization: `Bearer ${sim.key('olga')}`, 'content-type': 'application/json' };
  const submitted = await fetch(`${sim.url}/v1/campaigns`, {
    method: 'POST',
    headers,
    body: JSON.stringify({
      id: 'acme-alerts',
      brand: 'acme-brand',
      useCase: 'ACCOUNT_NOTIFICATION',
      description: 'Showing confirmations for Acme Realty clients who asked for them',
      messageFlow: 'Clients opt in on acme.example/alerts and confirm by replying YES',
      sampleMessages: [
        'Acme Realty: your showing is confirmed for Tue 3pm. Reply STOP to opt out',
        'Acme Realty: the seller countered your offer, call your agent. Reply STOP to opt out',
      ],
      helpMessage: 'Acme Realty LLC: help at help@acme.example. Reply STOP to opt out.',
      optOutMessage: 'Acme Realty LLC: you are unsubscribed.',
    }),
  });
  expect(submitted.status, await submitted.clone().text()).toBe(201);

  sim.clock.advance('15d'); // weeks of registry time, in a millisecond

  const campaign = (await (await fetch(`${sim.url}/v1/campaigns/acme-alerts`, { headers })).json()) as {
    status: string;
  };
  expect(campaign.status).toBe('approved');
});

it('starts on a manual clock that moves only when told', () => {
  const before = sim.clock.now().getTime();
  expect(sim.clock.view().mode).toBe('manual');
  sim.clock.advance('1d12h');
  expect(sim.clock.now().getTime() - before).toBe(36 * 3600_000);
  expect(() => sim.clock.advance('soon')).toThrow(/not a duration/u);
});
