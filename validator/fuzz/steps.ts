import fc from 'fast-check';
import type { AccountConfig } from '../../engine/account-config.js';
import { FAULT_TYPES } from '../../engine/world/faults.js';
import type { Step } from '../scenario/steps.js';

const CONTACTS = ['+12065550123', '+12065550124', '+15035550125', '+19715550126'];
const AREA_CODES = ['503', '971', '541', '206', '603', '555'];
const DURATIONS = ['1s', '1m', '10m', '1h', '6h', '1d', '3d', '16d'];
const BODIES = [
  'Hi from the team. Reply STOP to opt out',
  'Your showing is confirmed for Tue 3pm. Reply STOP to opt out',
  'See the listing at bit.ly/3xYz',
  'x'.repeat(200),
];
const REPLIES = ['STOP', 'START', 'HELP', 'yes please', 'stop'];

/**
 * Random steps in the scenario vocabulary over one account: sends, replies, time, orders,
 * assignments, releases, single-use launches, registrations and faults. Ids and numbers come from
 * the account and small pools, so that steps meet each other (the same contact, the same number).
 */
export function stepArbitrary(config: AccountConfig): fc.Arbitrary<Step> {
  const numbers = (config.numbers ?? []).map((n) => n.e164);
  const campaigns = (config.campaigns ?? []).map((c) => c.id);
  const users = (config.users ?? []).map((u) => u.id);
  const subgroups = (config.subgroups ?? []).map((s) => s.id);
  const brands = (config.brands ?? []).map((b) => b.id);
  const pick = <T>(list: readonly T[], fallback: T): fc.Arbitrary<T> =>
    list.length > 0 ? fc.constantFrom(...list) : fc.constant(fallback);
  const number = pick(numbers, '+12065550100');
  const campaign = pick(campaigns, 'none');
  const as = fc.option(pick(users, 'owner'), { nil: undefined });
  const withAs = (step: Step, user: string | undefined): Step =>
    user === undefined ? step : { ...step, as: user };
  return fc.oneof(
    {
      weight: 6,
      arbitrary: fc
        .tuple(number, fc.constantFrom(...CONTACTS), fc.constantFrom(...BODIES), as)
        .map(([from, to, body, u]) => withAs({ send: { from, to, body } }, u)),
    },
    {
      weight: 3,
      arbitrary: fc
        .tuple(fc.constantFrom(...CONTACTS), number, fc.constantFrom(...REPLIES))
        .map(([from, to, body]) => ({ reply: { from, to, body } })),
    },
    { weight: 5, arbitrary: fc.constantFrom(...DURATIONS).map((d) => ({ advance: d })) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(
          fc.constantFrom(...AREA_CODES),
          fc.constantFrom('campaign', 'one-to-one'),
          fc.constantFrom('dedicated', 'single-use'),
          campaign,
          fc.option(pick(subgroups, 'none'), { nil: undefined }),
          as,
        )
        .map(([areaCode, kind, lifetime, c, subgroup, u]) =>
          withAs(
            {
              order_number: {
                areaCode,
                kind,
                ...(kind === 'campaign' ? { lifetime, campaign: c } : {}),
                ...(subgroup ? { subgroup } : {}),
              },
            },
            u,
          ),
        ),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(number, fc.option(campaign, { nil: null }), as)
        .map(([n, c, u]) => withAs({ assign_number: { number: n, campaign: c } }, u)),
    },
    {
      weight: 1,
      arbitrary: fc.tuple(number, as).map(([n, u]) => withAs({ release_number: { number: n } }, u)),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(
          fc.integer({ min: 1, max: 3 }),
          campaign,
          fc.constantFrom(...AREA_CODES),
          fc.constantFrom(...CONTACTS),
          as,
        )
        .map(([i, c, areaCode, to, u]) =>
          withAs(
            {
              launch_outreach: {
                id: `fuzz-${String(i)}`,
                type: 'bulk',
                campaign: c,
                numberMode: 'single-use',
                areaCode,
                recipients: [{ to }],
                body: BODIES[0],
              },
            },
            u,
          ),
        ),
    },
    {
      weight: 1,
      arbitrary: fc
        .integer({ min: 1, max: 3 })
        .map((i) => ({ complete_outreach: { id: `fuzz-${String(i)}` } })),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(pick(brands, 'none'), fc.constantFrom('MARKETING', 'CUSTOMER_CARE', 'ACCOUNT_NOTIFICATION'))
        .map(([brand, useCase]) => ({
          submit_campaign: {
            brand,
            useCase,
            description: 'Updates for customers who asked for them by text',
            messageFlow: 'Customers opt in on our web form and confirm by replying YES',
            sampleMessages: [BODIES[0], BODIES[1]],
            helpMessage: 'Help at help@example.com. Reply STOP to opt out.',
            optOutMessage: 'You are unsubscribed.',
          },
        })),
    },
    {
      weight: 2,
      // Every type of fault: a run that never draws one cannot find what it breaks.
      arbitrary: fc.oneof(
        faultStep(config.account.id, campaign),
        fc.constantFrom(...FAULT_TYPES).map(clearFault),
      ),
    },
  );
}

/** A fault of each type, under an id of its type, so that a later step can clear it. */
function faultStep(account: string, campaign: fc.Arbitrary<string>): fc.Arbitrary<Step> {
  return fc
    .tuple(fc.constantFrom(...FAULT_TYPES), campaign, fc.constantFrom(0.5, 1), fc.constantFrom('1m', '1h'))
    .map(([type, c, rate, duration]) => {
      const fields: Record<string, unknown> = { type, id: type };
      if (type === 'provisioning-failure' || type === 'webhook-failure') fields.rate = rate;
      if (type === 'campaign-suspension' || type === 'campaign-expiry')
        Object.assign(fields, { account, campaign: c });
      if (type === 'extra-latency') fields.duration = duration;
      if (type === 'http-error') fields.route = 'POST /v1/messages';
      return { fault: fields } as Step;
    });
}

function clearFault(type: string): Step {
  return { clear_fault: { id: type } };
}
