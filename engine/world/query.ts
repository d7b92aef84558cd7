import { type Refusal, refuse } from '../refusal.js';
import type { CarrierProfile } from '../carrier-profile.js';
import { accountFor, isRefusal, outOfScope, reaches } from './access.js';
import { brandView } from './brands.js';
import { handsetLog } from './handsets.js';
import { availableNumbers } from './inventory.js';
import { reservedKeyRefusal } from './reserved-keys.js';
import { findNumber } from './numbers.js';
import { usageOf } from './usage.js';
import type { AccountState, Actor, MessageState, RuleTrace, WorldState } from './types.js';

/** The reads of the API, scoped by the actor. */
export type Query =
  | { of: 'account' }
  | { of: 'brands' }
  | { of: 'brand'; id: string }
  | { of: 'campaigns' }
  | { of: 'campaign'; id: string }
  | { of: 'numbers' }
  | { of: 'number'; e164: string }
  | { of: 'outreach' }
  | { of: 'outreach-item'; id: string }
  | { of: 'messages'; status?: string; to?: string; from?: string; outreach?: string; limit?: number }
  | { of: 'message'; id: string }
  | { of: 'conversations'; user?: string; tab?: 'participating' | 'needs-attention' }
  | { of: 'available-numbers'; areaCode: string; limit?: number; dedicated?: boolean }
  | { of: 'handset'; e164: string }
  | { of: 'usage'; now: number };

export type QueryResult = { ok: true; result: unknown } | { ok: false; refusal: Refusal };

/**
 * Reads the world as the actor may see it: out of scope is not found, as if it did not exist.
 * `trace` is told the rules a read goes through (coverage), as a command's context is.
 */
export function query(
  state: WorldState,
  q: Query,
  actor: Actor | undefined,
  profile: CarrierProfile,
  accountId?: string,
  trace?: RuleTrace,
): QueryResult {
  const reserved = reservedKeyRefusal(q);
  if (reserved) return { ok: false, refusal: reserved };
  if (q.of === 'handset') return found(handsetLog(state, q.e164));
  if (q.of === 'available-numbers')
    // As the API lists them: each number with its area code.
    return found(
      availableNumbers(state, profile, q.areaCode, q.limit, q.dedicated).map((e164) => ({
        e164,
        areaCode: q.areaCode,
      })),
    );
  const account = accountFor(state, actor, accountId);
  if (isRefusal(account)) return { ok: false, refusal: account };
  if (trace) traceRead(q, actor, trace);
  return readAccount(account, q, actor, profile);
}

/** The rules a read of the account goes through: its scope, and what a brand or an inbox shows. */
function traceRead(q: Query, actor: Actor | undefined, trace: RuleTrace): void {
  if (actor) trace('subgroup-isolation');
  if (q.of === 'brand' || q.of === 'brands') trace('trust-tier');
  if (q.of === 'conversations') {
    trace('inbox-routing');
    trace('contact-name');
  }
}

function found(result: unknown): QueryResult {
  return { ok: true, result };
}

function missing(what: string): QueryResult {
  return { ok: false, refusal: refuse('not-found', undefined, `${what} does not exist`) };
}

function readAccount(
  account: AccountState,
  q: Query,
  actor: Actor | undefined,
  profile: CarrierProfile,
): QueryResult {
  switch (q.of) {
    case 'account':
      return found({ ...account.info, subgroups: account.subgroups, users: Object.values(account.users) });
    case 'brands':
      return found(Object.values(account.brands).map((b) => brandView(b, { profile })));
    case 'brand': {
      const brand = account.brands[q.id];
      return brand ? found(brandView(brand, { profile })) : missing(`brand '${q.id}'`);
    }
    case 'campaigns':
      return found(Object.values(account.campaigns));
    case 'campaign':
      return account.campaigns[q.id] ? found(account.campaigns[q.id]) : missing(`campaign '${q.id}'`);
    case 'numbers':
      return found(Object.values(account.numbers).filter((n) => reaches(actor, n.subgroup)));
    case 'number': {
      const number = findNumber(account, q.e164, actor);
      return isRefusal(number) ? { ok: false, refusal: number } : found(number);
    }
    case 'outreach':
      return found(Object.values(account.outreach).filter((o) => reaches(actor, o.subgroup)));
    case 'outreach-item': {
      const outreach = account.outreach[q.id];
      if (!outreach) return missing(`outreach '${q.id}'`);
      return reaches(actor, outreach.subgroup)
        ? found(outreach)
        : { ok: false, refusal: outOfScope(`outreach '${q.id}'`) };
    }
    case 'messages':
      return found(listMessages(account, q, actor));
    case 'message': {
      const message = account.messages.get(q.id);
      if (!message) return missing(`message '${q.id}'`);
      return reaches(actor, message.subgroup)
        ? found(message)
        : { ok: false, refusal: outOfScope(`message '${q.id}'`) };
    }
    case 'conversations':
      return found(conversations(account, q.user ?? actor?.user, q.tab));
    case 'usage':
      return found(usageOf(account, actor, profile, q.now));
    default:
      return missing('resource');
  }
}

function listMessages(
  account: AccountState,
  q: Extract<Query, { of: 'messages' }>,
  actor: Actor | undefined,
): MessageState[] {
  const out: MessageState[] = [];
  for (const m of account.messages.values()) {
    if (!reaches(actor, m.subgroup)) continue;
    if (
      (q.status && m.status !== q.status) ||
      (q.to && m.to !== q.to) ||
      (q.from && m.from !== q.from) ||
      (q.outreach && m.outreach !== q.outreach)
    )
      continue;
    out.push(m);
  }
  return q.limit === undefined ? out : out.slice(-q.limit);
}

/**
 * `inbox-routing` and `contact-name`: the conversations of the numbers whose inbox lists the
 * user, in the tab each belongs to, named after the contact when an outreach knew them.
 */
function conversations(
  account: AccountState,
  user: string | undefined,
  tab: 'participating' | 'needs-attention' | undefined,
) {
  return Object.values(account.conversations)
    .filter((c) => user === undefined || (account.numbers[c.number]?.inbox?.agents ?? []).includes(user))
    .map((c) => ({
      number: c.number,
      contact: c.contact,
      name: account.contactNames[c.contact] ?? c.contact,
      tab: c.awaitingAgent ? ('needs-attention' as const) : ('participating' as const),
      lastAt: c.lastAt,
    }))
    .filter((c) => tab === undefined || c.tab === tab)
    .sort((a, b) => b.lastAt - a.lastAt);
}
