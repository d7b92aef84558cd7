/**
 * The files `tendlc scenario init` writes: an account config, a scenario file that runs green
 * against it, and VS Code settings that check both kinds of file against tendlc's schemas.
 * `schemas` is the folder of the schemas as the files should point at it (relative to the
 * suite's root, forward slashes).
 */
export function starterSuite(schemas: string): Map<string, string> {
  const up = (path: string) => (/^(?:[a-z]+:|\/)/iu.test(path) ? path : `../${path}`);
  return new Map([
    [
      'accounts/example.yaml',
      `# yaml-language-server: $schema=${up(`${schemas}/account.schema.json`)}
# An account as it is now: check it with \`tendlc lint accounts/\`, serve it with
# \`tendlc serve --config accounts/example.yaml\`, run scenarios on it with \`tendlc scenario run scenarios/\`.
version: 1
account: { id: bright, name: Bright Dental, kind: standard, country: US }
users:
  - { id: dana, name: Dana Cho, role: owner }
  - { id: front-desk, name: Front Desk, role: standard }
brands:
  - { id: bright-brand, name: Bright Dental LLC, entityType: PRIVATE_PROFIT, ein: "12-3456789", country: US,
      email: office@bright.example, vertical: HEALTHCARE, status: verified, trustScore: 75 }
campaigns:
  - id: bright-care
    brand: bright-brand
    useCase: CUSTOMER_CARE
    status: approved
    description: Appointment reminders and answers for patients who gave their number at the front desk
    messageFlow: Patients opt in on the intake form at the front desk and confirm by replying YES
    sampleMessages:
      - "Bright Dental: your cleaning is Tue 3pm. Reply STOP to opt out"
      - "Bright Dental: we have a cancellation tomorrow at 10am, reply YES to take it. Reply STOP to opt out"
    helpMessage: "Bright Dental: call 312-555-0100 for help. Reply STOP to opt out."
    optOutMessage: "Bright Dental: you are unsubscribed. No more messages will be sent."
numbers:
  - { e164: "+13125550100", kind: campaign, lifetime: dedicated, status: active, name: Front desk, campaign: bright-care }
`,
    ],
    [
      'scenarios/first.yaml',
      `# yaml-language-server: $schema=${up(`${schemas}/scenario.schema.json`)}
# Run with \`tendlc scenario run scenarios/\`; every step and expectation is in tendlc's docs/scenarios.md.
name: a reminder is delivered, and nothing more goes after STOP
seed: 1
latency: fast
account: ../accounts/example.yaml
steps:
  - send: { from: "+13125550100", to: "+13125557001", body: "Bright Dental: your cleaning is Tue 3pm. Reply STOP to opt out" }
  - advance: { until: message.delivered, limit: 1m }
  - expect: { handset: "+13125557001", received: 1, containing: your cleaning }
  - reply: { from: "+13125557001", to: "+13125550100", body: STOP }
  - send: { from: "+13125550100", to: "+13125557001", body: "Bright Dental: see you soon. Reply STOP to opt out" }
  - advance: 1m
  - expect: { message: last, status: failed, errorCode: 21610 }
  - expect: { events: { type: optout.recorded, data: { contact: "+13125557001" }, count: 1 } }
---
# yaml-language-server: $schema=${up(`${schemas}/scenario.schema.json`)}
name: the front desk sends, but cannot order numbers
account: ../accounts/example.yaml
steps:
  - order_number: { areaCode: "312", kind: campaign, lifetime: dedicated, campaign: bright-care }
    as: front-desk
    expect_error: { rule: number-admin-role, status: 403 }
  - list: numbers
    as: front-desk
    expect: { count: 1, each: { status: active } }
`,
    ],
    [
      '.vscode/settings.json',
      `${JSON.stringify(
        {
          'yaml.schemas': {
            [`${schemas}/scenario.schema.json`]: ['scenarios/**/*.yaml'],
            [`${schemas}/account.schema.json`]: ['accounts/**/*.yaml'],
          },
        },
        null,
        2,
      )}\n`,
    ],
  ]);
}
