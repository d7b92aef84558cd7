import { describe, expect, it } from 'vitest';
import type { MessageState, NumberState } from '../../engine/world/index.js';
import { Simulation } from '../../simulator/simulation.js';
import { loadProfile } from '../../simulator/files/profile-file.js';
import { acmeConfig } from '../helpers/simulator.js';

// What the provider faces stand on: numbers a face bought, sender pools, canceled messages and
// deactivated campaigns, in the world itself (docs/providers.md, "Which rules apply").
const profile = (() => {
  const p = loadProfile('seed');
  if (!p.ok) throw new Error(p.error);
  return p.profile;
})();

const DAY = 86_400_000;

function world(latency: 'fast' | 'realistic' = 'fast'): Simulation {
  const sim = new Simulation({ profile, seed: 7, latency });
  expect(sim.load(acmeConfig()).ok).toBe(true);
  return sim;
}

function buy(sim: Simulation, areaCode = '425'): NumberState {
  const outcome = sim.execute({ action: 'order_number', areaCode, kind: 'campaign', origin: 'twilio' });
  if (!outcome.ok) throw new Error(outcome.refusal.message);
  return outcome.result as NumberState;
}

function number(sim: Simulation, e164: string): NumberState {
  return sim.inspect().accounts.acme!.numbers[e164]!;
}

describe('a number a provider face bought', () => {
  it('is not held to the platform rules: no campaign at order, none of the dedicated-number limit', () => {
    const sim = world();
    const native = sim.execute({ action: 'order_number', areaCode: '206', kind: 'campaign' });
    expect(native.ok ? undefined : native.refusal.rule).toBe('dedicated-needs-approved-campaign');
    for (let i = 0; i < profile.numbers.dedicatedLimit + 2; i++) buy(sim);
    expect(sim.invariants()).toEqual([]);
  });

  it('is still held to the carriers: an area code without numbers refuses it', () => {
    const sim = world();
    const empty = profile.numbers.emptyAreaCodes[0]!;
    const outcome = sim.execute({
      action: 'order_number',
      areaCode: empty,
      kind: 'campaign',
      origin: 'telnyx',
    });
    expect(outcome.ok ? undefined : outcome.refusal.rule).toBe('area-code-unavailable');
  });

  it('carries no unregistered traffic: a text from it before any campaign fails with 30034', () => {
    const sim = world();
    const bought = buy(sim);
    sim.advance(DAY);
    const sent = sim.execute({ action: 'send', from: bought.e164, to: '+12065550123', body: 'Hi' });
    expect(sent.ok).toBe(true);
    sim.advance(DAY);
    const message = sim.inspect().accounts.acme!.messages.get((sent as { result: MessageState }).result.id)!;
    expect([message.status, message.errorCode, message.rule]).toEqual([
      'failed',
      30034,
      'campaign-number-needs-registration',
    ]);
  });
});

describe('a sender pool', () => {
  it('assigns its approved campaign to a number that joins, once the number is active, and propagates', () => {
    const sim = world();
    expect(sim.execute({ action: 'put_pool', id: 'MG1', origin: 'twilio', campaign: 'acme-mkt' }).ok).toBe(
      true,
    );
    const bought = buy(sim);
    expect(sim.execute({ action: 'pool_number', number: bought.e164, pool: 'MG1' }).ok).toBe(true);
    expect(number(sim, bought.e164).campaign).toBeUndefined();
    sim.advance(DAY);
    expect(number(sim, bought.e164)).toMatchObject({
      campaign: 'acme-mkt',
      assignment: 'effective',
      pool: 'MG1',
    });
    const sent = sim.execute({
      action: 'send',
      pool: 'MG1',
      to: '+12065550123',
      body: 'Hi',
      callback: 'http://127.0.0.1:9/cb',
    });
    expect(sent.ok && (sent.result as MessageState)).toMatchObject({
      from: bought.e164,
      pool: 'MG1',
      callback: 'http://127.0.0.1:9/cb',
    });
  });

  it('assigns a campaign approved after its numbers joined, when the review ends', () => {
    const sim = world('realistic');
    const submitted = sim.execute({
      action: 'submit_campaign',
      id: 'later',
      brand: 'acme-brand',
      useCase: 'ACCOUNT_NOTIFICATION',
      description: 'Appointment reminders for Acme Realty clients who book a showing online.',
      messageFlow: 'Clients opt in on acme.example/showings by checking a box that is not pre-checked.',
      optOutMessage: 'Acme: you are opted out and will get no more texts.',
      helpMessage: 'Acme: help at acme.example/help or 206-555-0100.',
      sampleMessages: [
        'Acme: your showing is at 3pm. Reply STOP to opt out.',
        'Acme: see you soon. Reply STOP to opt out.',
      ],
    });
    expect(submitted.ok, submitted.ok ? '' : submitted.refusal.message).toBe(true);
    expect(sim.execute({ action: 'put_pool', id: 'MG2', origin: 'twilio', campaign: 'later' }).ok).toBe(true);
    const bought = buy(sim);
    sim.advance(DAY / 4);
    expect(sim.execute({ action: 'pool_number', number: bought.e164, pool: 'MG2' }).ok).toBe(true);
    expect(sim.inspect().accounts.acme!.campaigns.later!.status).toBe('pending');
    expect(number(sim, bought.e164).campaign).toBeUndefined();
    sim.advance(30 * DAY);
    expect(sim.inspect().accounts.acme!.campaigns.later!.status).toBe('approved');
    expect(number(sim, bought.e164)).toMatchObject({ campaign: 'later', assignment: 'effective' });
  });

  it('takes its campaign off a number that leaves it', () => {
    const sim = world();
    sim.execute({ action: 'put_pool', id: 'MG3', origin: 'twilio', campaign: 'acme-mkt' });
    const bought = buy(sim);
    sim.execute({ action: 'pool_number', number: bought.e164, pool: 'MG3' });
    sim.advance(DAY);
    expect(sim.execute({ action: 'pool_number', number: bought.e164, pool: null }).ok).toBe(true);
    expect(number(sim, bought.e164)).toMatchObject({ assignment: 'none' });
    expect(number(sim, bought.e164).campaign).toBeUndefined();
  });
});

describe('cancel and deactivate', () => {
  it('cancels a scheduled message, and only a scheduled one', () => {
    const sim = world();
    const at = sim.now() + DAY;
    const sent = sim.execute({
      action: 'send',
      from: '+12065550100',
      to: '+12065550123',
      body: 'Later',
      sendAt: at,
    });
    const id = (sent as { result: MessageState }).result.id;
    expect(sim.execute({ action: 'cancel_message', message: id }).ok).toBe(true);
    sim.advance(2 * DAY);
    expect(sim.inspect().accounts.acme!.messages.get(id)!.status).toBe('canceled');
    const again = sim.execute({ action: 'cancel_message', message: id });
    expect(again.ok ? undefined : again.refusal.kind).toBe('conflict');
  });

  it('deactivates an approved campaign, which the registry records as expired', () => {
    const sim = world();
    expect(sim.execute({ action: 'deactivate_campaign', campaign: 'acme-mkt' }).ok).toBe(true);
    expect(sim.inspect().accounts.acme!.campaigns['acme-mkt']!.status).toBe('expired');
  });
});

describe('face records', () => {
  it('keeps what a face stores, through a snapshot and a restore', () => {
    const sim = world();
    sim.execute({
      action: 'put_record',
      id: 'BU1',
      face: 'twilio',
      kind: 'trust-product',
      data: { status: 'draft' },
    });
    const saved = sim.snapshot();
    sim.execute({ action: 'delete_record', id: 'BU1' });
    expect(sim.inspect().accounts.acme!.records.BU1).toBeUndefined();
    sim.restore(saved, 'continue');
    expect(sim.inspect().accounts.acme!.records.BU1).toMatchObject({
      face: 'twilio',
      kind: 'trust-product',
      data: { status: 'draft' },
    });
  });
});
