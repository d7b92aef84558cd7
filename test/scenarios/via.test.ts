import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../simulator/server.js';
import { loadScenarioFile, type Scenario } from '../../validator/scenario/load-scenario.js';
import { runScenario, type ScenarioResult } from '../../validator/scenario/run-scenario.js';
import { ROOT } from '../helpers/cli.js';
import { startBareServer } from '../helpers/simulator.js';

// Steps that act through a provider face (`via: twilio|telnyx`, `provider:`): the face's real
// routes answer them, in process (a server on 127.0.0.1 over the run's own service) and against a
// running `tendlc serve`, with the same verdicts; refusals are read from the provider's envelope.

let server: RunningServer;
let dir: string;
const remote = () => ({ url: server.url, adminToken: 'via-admin' });
const verdict = (r: ScenarioResult) => ({ name: r.name, passed: r.passed, failures: r.failures });
const ACCOUNT = join(ROOT, 'examples/acme.yaml');

function load(file: string): Scenario[] {
  const loaded = loadScenarioFile(file);
  if (!loaded.ok) throw new Error(loaded.problems.map((p) => `${String(p.line)} ${p.message}`).join('\n'));
  return loaded.scenarios;
}

function write(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tendlc-via-'));
  server = await startBareServer('via-admin');
});
afterAll(async () => {
  await server.stop();
});

describe('steps through a provider face', () => {
  it('pass in scenarios/providers/ in process and against a server, with the same results', async () => {
    const folder = join(ROOT, 'scenarios/providers');
    const files = readdirSync(folder).map((f) => join(folder, f));
    const scenarios = files.flatMap(load);
    expect(scenarios.length).toBeGreaterThanOrEqual(3);
    for (const scenario of scenarios) {
      const local = await runScenario(scenario);
      expect(local.failures, scenario.name).toEqual([]);
      expect(verdict(await runScenario(scenario, remote()))).toEqual(verdict(local));
    }
  }, 60_000);

  it('fail at each soft step and nowhere else, worded the same in process and against a server', async () => {
    const [scenario] = load(join(ROOT, 'test/fixtures/scenarios/broken-via-steps.yaml'));
    const local = await runScenario(scenario!);
    const soft = scenario!.steps.flatMap((s, i) => (s.soft === true ? [i + 1] : []));
    expect(local.failures.map((f) => f.step)).toEqual(soft);
    const byStep = new Map(local.failures.map((f) => [f.step, f.message]));
    // The provider's code and status, as its envelope gives them, with the rule that refused.
    expect(byStep.get(3)).toContain('its code is 40300, expected 21610');
    expect(byStep.get(4)).toContain('its status is 409, expected 400');
    expect(byStep.get(2)).toMatch(/^send via telnyx was refused: opt-out-honored: /u);
    expect(byStep.get(9)).toContain('expected [{"code":"10004"}]');
    expect(byStep.get(10)).toContain('403 10010');
    expect(byStep.get(13)).toContain('its code is 21610, expected 40300');
    expect(byStep.get(15)).toContain('code is 20404, expected 20403');
    expect(verdict(await runScenario(scenario!, remote()))).toEqual(verdict(local));
  }, 60_000);

  it("count the face's refusals in coverage: the engine's rules refused them", async () => {
    const [stop, unassigned] = load(join(ROOT, 'scenarios/providers/telnyx.yaml'));
    const first = await runScenario(stop!, undefined, { coverage: true });
    expect(first.rules?.refused).toContain('opt-out-honored');
    expect(first.rules?.checked).toContain('opt-out-honored');
    const second = await runScenario(unassigned!, undefined, { coverage: true });
    expect(second.rules?.refused).toContain('campaign-number-needs-registration');
    expect(second.rules?.checked).toContain('campaign-number-needs-registration');
  });

  it('read `message: last` and `number: last` after a via step as after a native one', async () => {
    const file = write(
      'last.yaml',
      `name: last after via
account: ${ACCOUNT}
steps:
  - send: { via: telnyx, from: "+12065550100", to: "+12065550126", body: "Acme Realty: hi. Reply STOP to opt out" }
  - expect: { message: last, from: "+12065550100", to: "+12065550126", status: { oneOf: [queued, sending, sent] } }
  - order_number: { via: telnyx, kind: campaign, areaCode: "425" }
  - expect: { number: last, e164: { matches: "^\\\\+1425" }, status: provisioning }
`,
    );
    const [scenario] = load(file);
    const local = await runScenario(scenario!);
    expect(local.failures).toEqual([]);
    expect(verdict(await runScenario(scenario!, remote()))).toEqual(verdict(local));
  });

  it('report a bad via, and what a via step cannot carry, at file:line:column', () => {
    const file = write(
      'bad-via.yaml',
      `name: bad via
account: ${ACCOUNT}
steps:
  - send: { via: plivo, from: "+12065550100", to: "+12065550126", body: hi }
  - send: { via: telnyx, to: "+12065550126", body: hi, sendAt: "2026-11-03T17:00:00Z" }
  - send: { from: "+12065550100", to: "+12065550126", body: hi, pool: p1 }
  - order_number: { via: twilio, kind: one-to-one, areaCode: "425" }
  - assign_number: { via: twilio, number: "+12065550100", campaign: acme-mkt }
  - provider: { via: twilio, method: POST, path: "/2010-04-01/Accounts/{AccountSid}/Messages.json", body: { To: x } }
  - provider: { via: telnyx, path: v2/messages }
  - register_brand: { via: twilio, name: Zed, entityType: PRIVATE_PROFIT }
  - submit_campaign: { via: telnyx, brand: b, useCase: MARKETING, id: c1 }
`,
    );
    const loaded = loadScenarioFile(file);
    expect(loaded.ok).toBe(false);
    const problems = loaded.ok
      ? []
      : loaded.problems.map((p) => `${String(p.line)}:${String(p.column)} ${p.message}`);
    expect(problems).toEqual([
      '4:18 via is "plivo"; it must be one of twilio, telnyx',
      expect.stringMatching(/^10:36 path is "v2\/messages"; it must be the path the provider serves/u),
      '5:64 send via telnyx takes from, to, body, pool, as; not sendAt',
      '5:11 a send via telnyx names from or pool',
      '6:71 pool goes with via: the Messaging Service or messaging profile of a face',
      '7:40 a number bought through a provider face is a campaign number: kind: campaign',
      '8:27 Twilio assigns a number through a Messaging Service: write a provider step',
      '9:107 Twilio takes a form body: write form, not body',
      '11:28 Twilio registers through TrustHub profiles and a Messaging Service: write provider steps',
      expect.stringMatching(/^12:71 submit_campaign via telnyx takes brand, useCase, .*; not id$/u),
    ]);
  });
});
