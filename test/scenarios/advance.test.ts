import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../simulator/server.js';
import { seedProfile } from '../../simulator/files/profile-file.js';
import { Simulation } from '../../simulator/simulation.js';
import { startLocalRun, startRemoteRun, type RunSetup } from '../../validator/scenario/run-scenario.js';
import { StepRunner } from '../../validator/scenario/steps.js';
import type { ScenarioTarget } from '../../validator/scenario/target.js';
import { acmeConfig, startBareServer } from '../helpers/simulator.js';

// `advance: { until }` stops the clock at the instant of the event, timer by timer, in process and
// on a server alike; the limit comes first when the event does not.

const setup: RunSetup = {
  seed: 12,
  latency: 'realistic',
  start: Date.parse('2026-11-02T17:00:00Z'),
  profile: seedProfile(),
  accounts: [acmeConfig()],
};
const submit = {
  submit_campaign: {
    id: 'acme-alerts',
    brand: 'acme-brand',
    useCase: 'ACCOUNT_NOTIFICATION',
    description: 'Showing confirmations for Acme clients who asked for them',
    messageFlow: 'Clients opt in on acme.example/alerts and confirm by replying YES',
    sampleMessages: [
      'Acme Realty: your showing is confirmed. Reply STOP to opt out',
      'Acme Realty: call your agent. Reply STOP to opt out',
    ],
    helpMessage: 'Acme Realty: help at help@acme.example. Reply STOP to opt out.',
    optOutMessage: 'Acme Realty: you are unsubscribed.',
  },
};

let server: RunningServer;
beforeAll(async () => {
  server = await startBareServer('advance-admin');
});
afterAll(async () => {
  await server.stop();
});

async function both(): Promise<Array<[string, ScenarioTarget]>> {
  const local = startLocalRun(setup, (o) => new Simulation(o));
  const remote = await startRemoteRun({ url: server.url, adminToken: 'advance-admin' }, setup);
  if (typeof local === 'string' || typeof remote === 'string') throw new Error(String(local));
  return [
    ['in process', local],
    ['against a server', remote],
  ];
}

describe('advance until an event', () => {
  it('stops at the instant the event happens', async () => {
    const seen: number[] = [];
    for (const [where, target] of await both()) {
      const runner = new StepRunner(target);
      expect(
        await runner.run([submit, { advance: { until: 'campaign.approved', limit: '20d' } }]),
        where,
      ).toEqual([]);
      const approved = (await target.events()).find((e) => e.type === 'campaign.approved');
      expect((await target.clock()).now, where).toBe(approved!.at);
      seen.push(approved!.at);
    }
    expect(seen[1]).toBe(seen[0]);
  });

  it('fails when the limit comes first, and leaves the clock at the limit', async () => {
    for (const [where, target] of await both()) {
      const failures = await new StepRunner(target).run([
        submit,
        { advance: { until: 'campaign.approved', limit: '2d' } },
      ]);
      expect(
        failures.map((f) => f.message),
        where,
      ).toEqual(["no 'campaign.approved' event within 2d"]);
      expect((await target.clock()).now, where).toBe(setup.start + 2 * 86_400_000);
    }
  });
});
