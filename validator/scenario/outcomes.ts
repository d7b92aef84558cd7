import { describe, fieldMismatch, isMatcher, matches, mismatch } from './matchers.js';
import type { RunContext } from './run-context.js';
import type { Step } from './steps.js';
import type { TargetError, TargetOutcome } from './target.js';

/**
 * An action's answer against its step: `expect_error` (the refusal it must meet) or `expect` (on
 * the resource, or on the list, it answered). A refusal nobody expected fails the step.
 */
export async function checkOutcome(
  run: RunContext,
  name: string,
  outcome: TargetOutcome,
  step: Step,
): Promise<string | undefined> {
  const expected = step.expect_error;
  if (!outcome.ok) {
    if (outcome.error.rule !== undefined) run.onRefusal?.(outcome.error.rule);
    if (expected === undefined) return `${name} was refused: ${describeError(outcome.error)}`;
    return refusalMismatch(name, outcome.error, expected);
  }
  if (expected !== undefined) return `${name} was accepted; expected a refusal${expectedText(expected)}`;
  if (step.expect === undefined) return undefined;
  const want = (await run.resolve(step.expect)) as Record<string, unknown>;
  if (Array.isArray(outcome.result)) return listMismatch(name, outcome.result, want);
  const differs = fieldMismatch(outcome.result, want);
  return differs && `${name}: ${differs}`;
}

/** A refusal in words: `rule-id: message`, or the API's code for one no rule made. */
export function describeError(error: TargetError): string {
  return `${error.rule ?? `${String(error.status)} ${error.code}`}: ${error.message}`;
}

/**
 * `expect_error: RULE-ID`, or `{ rule?, status?, code?, message? }`: `code` is the carrier or
 * registry code (30991, 21720) when it is a number, the API's error code (`not_found`) when text.
 */
function refusalMismatch(name: string, error: TargetError, expected: unknown): string | undefined {
  if (typeof expected === 'string')
    return error.rule === expected
      ? undefined
      : `${name} was refused by ${error.rule ?? 'no rule'} (${error.message}), not ${expected}`;
  const want = expected as Record<string, unknown>;
  const got: Record<string, unknown> = {
    rule: error.rule ?? null,
    status: error.status,
    code: numeric(want.code) ? (error.errorCode ?? null) : error.code,
    message: error.message,
  };
  for (const key of ['rule', 'status', 'code', 'message'])
    if (key in want && !matches(got[key], want[key]))
      return `${name} was refused (${describeError(error)}); its ${key} ${mismatch(got[key], want[key]) ?? ''}`;
  return undefined;
}

function numeric(value: unknown): boolean {
  if (typeof value === 'number') return true;
  if (isMatcher(value))
    return Object.values(value).some((v) => numeric(v) || (Array.isArray(v) && v.some(numeric)));
  return false;
}

function expectedText(expected: unknown): string {
  if (typeof expected === 'string') return ` by ${expected}`;
  const parts = Object.entries(expected as Record<string, unknown>).map(([k, v]) => `${k} ${describe(v)}`);
  return parts.length ? ` (${parts.join(', ')})` : '';
}

/** A list answer: `count` of its items, fields that `each` has, that `some` has, that `none` has. */
export function listMismatch(
  name: string,
  items: unknown[],
  want: Record<string, unknown>,
): string | undefined {
  if (want.count !== undefined) {
    const differs = mismatch(items.length, want.count);
    if (differs) return `${name}: the count ${differs}`;
  }
  if (want.each !== undefined)
    for (const [i, item] of items.entries()) {
      const differs = fieldOrValue(item, want.each);
      if (differs) return `${name}: item ${String(i + 1)}: ${differs}`;
    }
  if (want.some !== undefined && !items.some((item) => fieldOrValue(item, want.some) === undefined))
    return `${name}: no item has ${describe(want.some)}`;
  if (want.none !== undefined) {
    const i = items.findIndex((item) => fieldOrValue(item, want.none) === undefined);
    if (i >= 0) return `${name}: item ${String(i + 1)} has ${describe(want.none)}`;
  }
  return undefined;
}

/** Fields of an object item, or the item itself (a list of phone numbers). */
function fieldOrValue(item: unknown, want: unknown): string | undefined {
  if (typeof want === 'object' && want !== null && !Array.isArray(want) && !isMatcher(want))
    return fieldMismatch(item, want as Record<string, unknown>);
  return mismatch(item, want);
}
