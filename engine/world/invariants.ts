import type { CarrierProfile } from '../carrier-profile.js';
import type { AccountState, WorldState } from './types.js';
import { dedicatedCount } from './numbers.js';

/**
 * The engine's invariants, checked by the property tests and the fuzzer after every step. Returns
 * the violated ones, in words; `[]` when all hold.
 */
export function invariants(state: WorldState, profile: CarrierProfile): string[] {
  const violations: string[] = [];
  const holders = new Map<string, string>();
  for (const account of Object.values(state.accounts)) {
    for (const e164 of Object.keys(account.numbers)) {
      const other = holders.get(e164);
      if (other !== undefined && account.numbers[e164]?.status !== 'released')
        violations.push(`${e164} is held by '${other}' and '${account.info.id}'`);
      holders.set(e164, account.info.id);
    }
    violations.push(...accountInvariants(account, profile));
  }
  return violations;
}

function accountInvariants(account: AccountState, profile: CarrierProfile): string[] {
  const out: string[] = [];
  const id = account.info.id;
  const numbers = Object.values(account.numbers);
  const dedicated = dedicatedCount(account);
  if (dedicated > profile.numbers.dedicatedLimit)
    out.push(`'${id}' holds ${String(dedicated)} dedicated numbers`);
  for (const n of numbers) {
    if (n.campaign !== undefined && !(account.associations[n.campaign] ?? []).includes(n.e164))
      out.push(`${n.e164} is in campaign '${n.campaign}' without an association`);
    if (n.campaign !== undefined && (n.status === 'failed' || n.status === 'released'))
      out.push(`${n.status} ${n.e164} holds campaign '${n.campaign}'`);
  }
  for (const [campaign, list] of Object.entries(account.associations)) {
    if (list.length > profile.numbers.campaignNumberLimit)
      out.push(`campaign '${campaign}' has ${String(list.length)} associations`);
    if (new Set(list).size !== list.length) out.push(`campaign '${campaign}' counts a number twice`);
  }
  for (const message of account.messages.values()) {
    const optedOut = account.optOuts[message.to];
    if (
      message.direction === 'outbound' &&
      message.status === 'delivered' &&
      message.answers === undefined &&
      optedOut !== undefined &&
      (message.sentAt ?? Infinity) > optedOut
    )
      out.push(`message ${message.id} went to opted-out ${message.to}`);
  }
  return out;
}
