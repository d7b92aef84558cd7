import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadScenarioFile, type ScenarioProblem } from '../../validator/scenario/load-scenario.js';
import { ROOT } from '../helpers/cli.js';

// The loader: includes and parameter tables expanded, every problem at its file:line:column,
// in the scenario's file or in the file it names.

let dir: string;
const ACCOUNT = join(ROOT, 'examples/acme.yaml');
const write = (name: string, text: string): string => {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
};
const problems = (file: string): string[] => {
  const loaded = loadScenarioFile(file);
  if (loaded.ok) return [];
  return loaded.problems.map(
    (p: ScenarioProblem) =>
      `${p.file.slice(dir.length + 1)}:${String(p.line)}:${String(p.column)} ${p.message}`,
  );
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tendlc-load-'));
  mkdirSync(join(dir, 'steps'));
});

describe('loadScenarioFile', () => {
  it('expands includes, with parameters of their own, and places each step in its own file', () => {
    write('steps/send.yaml', '- send: { from: "+12065550100", to: "{{to}}", body: hi }\n- advance: 1m\n');
    const file = write(
      'includes.yaml',
      `name: includes\naccount: ${ACCOUNT}\nsteps:\n  - advance: 1s\n  - include: { file: steps/send.yaml, with: { to: "+12065557001" } }\n  - include: steps/send.yaml\n`,
    );
    expect(problems(file)).toEqual([
      'includes.yaml:6:14 steps/send.yaml uses {{to}}: give it with `with: { to: … }`',
    ]);
    write(
      'includes-ok.yaml',
      `name: includes\naccount: ${ACCOUNT}\nsteps:\n  - advance: 1s\n  - include: { file: steps/send.yaml, with: { to: "+12065557001" } }\n`,
    );
    const loaded = loadScenarioFile(join(dir, 'includes-ok.yaml'));
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
    const [scenario] = loaded.scenarios;
    expect(scenario!.steps).toEqual([
      { advance: '1s' },
      { send: { from: '+12065550100', to: '+12065557001', body: 'hi' } },
      { advance: '1m' },
    ]);
    expect(scenario!.places.map((p) => `${p.file.slice(dir.length + 1)}:${String(p.line)}`)).toEqual([
      'includes-ok.yaml:4',
      'steps/send.yaml:1',
      'steps/send.yaml:2',
    ]);
  });

  it('reports a problem of an included file at its own line, and a cycle where it closes', () => {
    write('steps/bad.yaml', '- advance: soon\n- sned: {}\n');
    write('steps/loop.yaml', '- include: loop.yaml\n');
    const file = write(
      'bad-include.yaml',
      `name: bad\naccount: ${ACCOUNT}\nsteps:\n  - include: steps/bad.yaml\n  - include: steps/loop.yaml\n  - include: steps/none.yaml\n`,
    );
    expect(problems(file)).toEqual([
      "steps/bad.yaml:2:3 unknown key 'sned' in step 2",
      "steps/bad.yaml:1:12 'soon' is not a duration: write 90s, 15m, 6h, 15d, 1d12h or ISO 8601 (P1DT12H)",
      expect.stringMatching(/^steps\/loop\.yaml:1:12 including loop\.yaml again makes a cycle: /u),
      'bad-include.yaml:6:14 the steps file steps/none.yaml cannot be read (ENOENT)',
    ]);
  });

  it('runs a document once per row of its parameter table, each named by its row', () => {
    const file = write(
      'table.yaml',
      `name: "order in {{code}}"\nparameters:\n  - { code: "971", n: 1 }\n  - { code: "503", n: 2 }\naccount: ${ACCOUNT}\nsteps:\n  - advance: "{{n}}s"\n  - order_number: { areaCode: "{{code}}", kind: one-to-one }\n    expect: { e164: { matches: "^\\\\+1{{code}}" } }\n---\nname: plain\nparameters: [{ x: 1 }, { x: 2 }]\naccount: ${ACCOUNT}\nsteps:\n  - advance: 1s\n`,
    );
    const loaded = loadScenarioFile(file);
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
    expect(loaded.scenarios.map((s) => [s.name, s.index, s.row])).toEqual([
      ['order in 971', 1, 1],
      ['order in 503', 1, 2],
      ['plain [x=1]', 2, 1],
      ['plain [x=2]', 2, 2],
    ]);
    expect(loaded.scenarios[1]!.steps[1]).toEqual({
      order_number: { areaCode: '503', kind: 'one-to-one' },
      expect: { e164: { matches: '^\\+1503' } },
    });
  });

  it('checks what the schema cannot: expressions, expectations, accounts, the refusal expected', () => {
    const file = write(
      'checks.yaml',
      `name: checks
accounts:
  - ${ACCOUNT}
  - { version: 1, account: { id: acme, name: Again, kind: standard, country: US } }
steps:
  - expect: { message: last, body: { matches: "([" } }
  - expect: { status: active }
  - expect: { events: { type: message.sent } }
    expect_error: opt-out-honored
  - send: { from: "+12065550100", to: "+12065557001", body: hi }
    expect_error: { rule: no-such-rule }
  - expect: { event: message.sent, between: [1s, later] }
`,
    );
    expect(problems(file)).toEqual([
      "checks.yaml:6:47 '([' is not a regular expression",
      'checks.yaml:7:13 expect names nothing to check: name one of brand, campaign, number, outreach, message, events, event, messages, throughput, handset, conversations, deliveries, received, clock, invariants',
      'checks.yaml:9:19 expect_error goes with an action: the refusal it must meet',
      "checks.yaml:11:27 unknown rule id 'no-such-rule' (tendlc rules lists them)",
      "checks.yaml:12:50 'later' is not a duration: write 90s, 15m, 6h, 15d, 1d12h or ISO 8601 (P1DT12H)",
      "checks.yaml:4:5 two accounts have the id 'acme'",
    ]);
  });

  it("places an account file's own problems in that file", () => {
    write(
      'broken-account.yaml',
      'version: 1\naccount: { id: x, name: X, kind: standard, country: US }\nnumbers:\n  - { e164: "+12065550100", kind: campaign, lifetime: dedicated, status: actve }\n',
    );
    const file = write(
      'uses-broken.yaml',
      'name: uses\naccount: broken-account.yaml\nsteps:\n  - advance: 1s\n',
    );
    const found = problems(file);
    expect(found[0]).toBe(
      'uses-broken.yaml:2:10 the account broken-account.yaml cannot be loaded: it has 1 problem',
    );
    expect(found[1]).toMatch(/^broken-account\.yaml:4:\d+ status is "actve"/u);
  });

  it('reads the account a load_account step names by path, beside the scenario', () => {
    write(
      'beta.yaml',
      'version: 1\naccount: { id: beta, name: Beta, kind: standard, country: US }\nusers: [{ id: bo, role: owner }]\n',
    );
    const loaded = loadScenarioFile(
      write('loads.yaml', `name: loads\naccount: ${ACCOUNT}\nsteps:\n  - load_account: beta.yaml\n`),
    );
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
    expect(loaded.scenarios[0]!.steps[0]).toMatchObject({
      load_account: { account: { id: 'beta' }, users: [{ id: 'bo' }] },
    });
    expect(
      problems(
        write('loads-none.yaml', `name: loads\naccount: ${ACCOUNT}\nsteps:\n  - load_account: none.yaml\n`),
      ),
    ).toEqual(['loads-none.yaml:4:19 the account none.yaml cannot be read (ENOENT)']);
  });

  it('takes a file that is a list of steps as a steps file, not a scenario', () => {
    const loaded = loadScenarioFile(write('only-steps.yaml', '- advance: 1s\n'));
    expect(loaded).toEqual({ ok: true, scenarios: [], stepsFile: true });
  });
});
