import type { AccountConfig } from '../account-config.js';
import type { Finding } from '../finding.js';
import { finding, type LintContext, type RuleDefinition, type RuleFamily, type RuleScope } from '../rule.js';

/**
 * The help-centre articles of texting platforms and a messaging provider that the rules come from
 * (beside public carrier and registry facts), each named by what it covers.
 */
export const SEEDS = {
  S0: "a texting platform's guide to 1-to-1 and campaign numbers",
  S1: "a texting platform's guide to dedicated and single-use numbers",
  S2: "a texting platform's guide to its Phone Numbers page",
  S3: "a messaging provider's guide to assigning numbers to campaigns and trust-score throughput",
  S4: "a texting platform's guide to 1:1 texts and roles",
} as const;

/** Adds one finding of the rule being checked. */
export type Report = (path: string, message: string, hint?: string) => void;

/** A static check written against a `report` callback, so that it reads as the rule statement. */
export type Check = (config: AccountConfig, ctx: LintContext, report: Report) => void;

/** The families of the texting platform's own product rules: numbers kinds, dedicated numbers, 1:1 texts. */
const PLATFORM_FAMILIES: ReadonlySet<RuleFamily> = new Set([
  'number-kinds',
  'dedicated-numbers',
  'direct-texts',
]);

/** Rules of those families that the registry or the carriers make, and so bind every face. */
const CARRIER_RULES: ReadonlySet<string> = new Set([
  'use-case-number-limit',
  'number-not-active',
  'area-code-unavailable',
  'scarce-area-code',
  'port-protection',
]);

/** A rule's scope, from its family and the carrier-made exceptions above. */
export function scopeOf(id: string, family: RuleFamily): RuleScope {
  return PLATFORM_FAMILIES.has(family) && !CARRIER_RULES.has(id) ? 'platform' : 'carrier';
}

/** Defines a rule; `check` is given for rules the linter checks (where L or L+S). */
export function defineRule(fields: Omit<RuleDefinition, 'check' | 'scope'>, check?: Check): RuleDefinition {
  const definition: RuleDefinition = { ...fields, scope: scopeOf(fields.id, fields.family) };
  if (!check) return definition;
  return {
    ...definition,
    check(config, ctx) {
      const findings: Finding[] = [];
      if (definition.scope === 'platform') {
        // The platform's own rules do not bind numbers pulled from a provider account, as the
        // simulator does not hold a provider face's numbers to them.
        const { view, pathOf } = withoutOriginNumbers(config);
        check(view, ctx, (path, message, hint) =>
          findings.push(finding(definition, pathOf(path), message, hint)),
        );
      } else {
        check(config, ctx, (path, message, hint) => findings.push(finding(definition, path, message, hint)));
      }
      return findings;
    },
  };
}

/**
 * The config without its numbers that have an `origin`, and the way back from a finding's path in
 * it (`/numbers/J…`) to the same number's path in the config as written.
 */
export function withoutOriginNumbers(config: AccountConfig): OriginFreeView {
  const cached = views.get(config);
  if (cached) return cached;
  const numbers = config.numbers ?? [];
  const kept: number[] = [];
  numbers.forEach((n, i) => {
    if (n.origin === undefined) kept.push(i);
  });
  // One view per config, so that every platform rule shares its lookups (indexConfig caches by object).
  const view: OriginFreeView =
    kept.length === numbers.length
      ? { view: config, pathOf: (path) => path }
      : {
          view: { ...config, numbers: kept.map((i) => numbers[i]!) },
          pathOf: (path) =>
            path.replace(
              /^\/numbers\/(\d+)(?=\/|$)/u,
              (_, j: string) => `/numbers/${String(kept[Number(j)])}`,
            ),
        };
  views.set(config, view);
  return view;
}

interface OriginFreeView {
  view: AccountConfig;
  pathOf: (path: string) => string;
}

const views = new WeakMap<AccountConfig, OriginFreeView>();
