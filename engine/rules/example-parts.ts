/**
 * YAML building blocks of the rule pages' examples: a verified brand, an approved campaign and a
 * rep, so that each example shows only what its rule is about. Each block is a top-level section.
 */

/** A verified, vetted brand `acme-brand` and its approved marketing campaign `acme-mkt`. */
export const BRAND_AND_CAMPAIGN = `brands:
  - { id: acme-brand, name: Acme Realty LLC, entityType: PRIVATE_PROFIT, ein: "12-3456789", country: US,
      email: compliance@acme.example, vertical: REAL_ESTATE, status: verified, trustScore: 80, vetted: true }
campaigns:
  - id: acme-mkt
    brand: acme-brand
    useCase: MARKETING
    status: approved
    description: Listings and open-house announcements to opted-in buyers
    messageFlow: Buyers opt in on the open-house sign-in form and confirm by text
    sampleMessages:
      - "Acme Realty: open house Sat 1-3pm at 12 Elm St. Reply STOP to opt out"
      - "Acme Realty: new listing in Ballard this week. Reply STOP to opt out"
    helpMessage: "Acme Realty: for help call 206-555-0100. Reply STOP to opt out."
    optOutMessage: "Acme Realty: you are unsubscribed. No more messages will be sent."
`;

/** An owner `olga` and a standard user `ana`. */
export const USERS = `users:
  - { id: olga, role: owner }
  - { id: ana, role: standard }
`;

/** Joins YAML sections into one fragment. */
export function yaml(...sections: string[]): string {
  return sections.map((s) => (s.endsWith('\n') ? s : `${s}\n`)).join('');
}
