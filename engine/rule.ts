import type { AccountConfig } from './account-config.js';
import type { CarrierProfile } from './carrier-profile.js';
import type { Finding, Severity } from './finding.js';

/** Where a rule acts: `L` the linter checks a static config, `S` the simulator at run time, `L+S` both. */
export type RuleWhere = 'L' | 'S' | 'L+S';

/**
 * Whom a rule binds. `carrier`: the registry's and the carriers' rules, on every face. `platform`:
 * the texting platform's own product rules (number kinds, dedicated numbers, 1:1 inboxes), which
 * bind the native face only: what a provider face (Twilio, Telnyx) creates is not held to them.
 */
export type RuleScope = 'platform' | 'carrier';

/** The rule families, one file each in `engine/rules/`. */
export type RuleFamily =
  | 'number-kinds'
  | 'dedicated-numbers'
  | 'assignment'
  | 'brands'
  | 'campaigns'
  | 'throughput'
  | 'messages'
  | 'direct-texts';

/**
 * One example of a rule page. `config` is an account config fragment in YAML: where it gives no
 * `version` or `account`, a small standard US account (`acme`) is assumed. Runtime rules add
 * `steps`, in the scenario vocabulary of docs/scenarios.md, run in virtual time on that config;
 * the steps carry their own `expect` / `expect_error` assertions.
 */
export interface RuleExample {
  readonly title: string;
  readonly config: string;
  readonly steps?: string;
  /**
   * The account the steps run on, where `config` is one the simulator cannot load (a malformed
   * phone number fails the account schema itself); default: `config`.
   */
  readonly runConfig?: string;
}

/** What a static check sees besides the config. */
export interface LintContext {
  readonly profile: CarrierProfile;
  /** The date that date rules compare with (`--now`), as epoch milliseconds. */
  readonly now: number;
}

/**
 * A rule of the catalog: defined once, under one id, used by all three faces.
 * `check` exists for every rule whose `where` includes L; the simulator's guards and behaviours
 * for S rules live in `engine/world/` and refuse with this id.
 */
export interface RuleDefinition {
  readonly id: string;
  readonly family: RuleFamily;
  readonly severity: Severity;
  readonly where: RuleWhere;
  readonly scope: RuleScope;
  /** One line: the statement of the rule. */
  readonly description: string;
  readonly why: string;
  readonly fix: string;
  /** Where the rule comes from: a texting platform's guide (`SEEDS`), or a public fact. */
  readonly source: string;
  /** Dotted paths of the carrier-profile parameters the rule reads, e.g. `numbers.dedicatedLimit`. */
  readonly params: readonly string[];
  readonly examples: { readonly failing: RuleExample; readonly passing: RuleExample };
  readonly check?: (config: AccountConfig, ctx: LintContext) => Finding[];
}

/** Makes a finding for a rule at its default severity (the linter applies `--rules` overrides later). */
export function finding(
  rule: Pick<RuleDefinition, 'id' | 'severity'>,
  path: string,
  message: string,
  hint?: string,
): Finding {
  return { ruleId: rule.id, severity: rule.severity, message, path, ...(hint === undefined ? {} : { hint }) };
}
