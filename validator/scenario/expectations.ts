import { parseDuration } from '../../engine/duration.js';
import type { Query } from '../../engine/world/index.js';
import { checkEvents, checkTiming } from './event-checks.js';
import { describe, fieldMismatch, matches, mismatch } from './matchers.js';
import type { RunContext } from './run-context.js';
import type { ActorRef } from './target.js';
import { signedWith } from './webhook-receiver.js';

/** The resources an `expect` on state names by its first key. */
const RESOURCES: Record<string, (id: string) => Query> = {
  brand: (id) => ({ of: 'brand', id }),
  campaign: (id) => ({ of: 'campaign', id }),
  number: (e164) => ({ of: 'number', e164 }),
  outreach: (id) => ({ of: 'outreach-item', id }),
  message: (id) => ({ of: 'message', id }),
};

/** The kinds of standalone expectation, by the key that names each. */
export const EXPECTATIONS = [
  ...Object.keys(RESOURCES),
  'events',
  'event',
  'messages',
  'throughput',
  'handset',
  'conversations',
  'deliveries',
  'received',
  'clock',
  'invariants',
] as const;

/** A standalone `expect`: undefined when it holds, else why not. `as` reads as that user. */
export async function checkExpectation(
  run: RunContext,
  raw: Record<string, unknown>,
  as: unknown,
): Promise<string | undefined> {
  const expect = (await run.resolve(raw)) as Record<string, unknown>;
  const reader = as === undefined ? undefined : await run.actor(as);
  if (reader && 'problem' in reader) return `expect: ${reader.problem}`;
  const account = reader?.account ?? (await run.defaultAccount());
  if ('invariants' in expect) {
    const violations = await run.target.invariants();
    return violations.length === 0
      ? undefined
      : `the engine's invariants do not hold: ${violations.join('; ')}`;
  }
  if ('events' in expect)
    return checkEvents(await run.target.events(), expect.events as Record<string, unknown>);
  if ('event' in expect) return checkTiming(await run.target.events(), expect, run.startedAt);
  if ('handset' in expect) return checkHandset(run, expect, account);
  if ('deliveries' in expect) return checkDeliveries(run, expect.deliveries as Record<string, unknown>);
  if ('received' in expect) return checkReceived(run, expect.received as Record<string, unknown>);
  if ('clock' in expect) {
    const clock = await run.target.clock();
    const view = { now: new Date(clock.now).toISOString(), mode: clock.mode, scale: clock.scale };
    const differs = fieldMismatch(view, expect.clock as Record<string, unknown>);
    return differs && `clock: ${differs}`;
  }
  if (account === undefined) return 'expect: the scenario has no account to read';
  if ('messages' in expect)
    return checkMessages(run, expect.messages as Record<string, unknown>, reader, account);
  if ('throughput' in expect)
    return checkThroughput(run, expect.throughput as Record<string, unknown>, reader, account);
  if ('conversations' in expect)
    return checkConversations(run, expect.conversations as Record<string, unknown>, reader, account);
  // The first key names the resource; the others are its fields (a number's `campaign`, say).
  const first = Object.keys(expect)[0] ?? '';
  const toQuery = RESOURCES[first];
  if (!toQuery) return `expect names nothing to check: ${JSON.stringify(expect)}`;
  const id = expect[first];
  if (id === 'last') return `no ${first} to call 'last' yet`;
  const found = await run.target.query(toQuery(String(id)), reader, account);
  if (!found.ok) return `${first} ${String(id)}: ${found.error.message}`;
  const { [first]: _omit, ...fields } = expect;
  const differs = fieldMismatch(withErrorCode(found.result), fields);
  return differs && `${first} ${String(id)}: ${differs}`;
}

// A rejected campaign carries its registry error code on its reasons; expectations read it as one field.
function withErrorCode(result: unknown): unknown {
  const r = result as { reasons?: Array<{ errorCode?: number }> };
  const code = r.reasons?.find((x) => x.errorCode !== undefined)?.errorCode;
  return code === undefined ? result : { errorCode: code, ...(result as object) };
}

/** `messages: { FIELD: matcher…, count }`: how many of the account's messages have these fields. */
async function checkMessages(
  run: RunContext,
  spec: Record<string, unknown>,
  reader: ActorRef | undefined,
  account: string,
): Promise<string | undefined> {
  const found = await run.target.query({ of: 'messages' }, reader, account);
  if (!found.ok) return found.error.message;
  const { count, ...fields } = spec;
  const matching = (found.result as unknown[]).filter((m) => fieldMismatch(m, fields) === undefined);
  if (count === undefined) return matching.length > 0 ? undefined : `no message has ${describe(fields)}`;
  const differs = mismatch(matching.length, count);
  if (!differs) return undefined;
  // A plain count keeps its plain sentence: `expected 3 messages with {…}, saw 2`.
  return typeof count === 'number'
    ? `expected ${String(count)} messages with ${JSON.stringify(fields)}, saw ${String(matching.length)}`
    : `messages with ${JSON.stringify(fields)}: the count ${differs}`;
}

/** `throughput: { from?, max, per }`: no window of `per` holds more than `max` sends. */
async function checkThroughput(
  run: RunContext,
  spec: Record<string, unknown>,
  reader: ActorRef | undefined,
  account: string,
): Promise<string | undefined> {
  const per = typeof spec.per === 'string' ? parseDuration(spec.per) : Number(spec.per);
  const max = Number(spec.max);
  if (per === undefined || !(per > 0) || !(max >= 0))
    return 'throughput takes max (a count) and per (a duration)';
  const found = await run.target.query({ of: 'messages' }, reader, account);
  if (!found.ok) return found.error.message;
  const times = (found.result as Array<{ direction: string; from: string; sentAt?: number | string }>)
    .filter(
      (m) =>
        m.direction === 'outbound' &&
        m.sentAt !== undefined &&
        (spec.from === undefined || m.from === spec.from),
    )
    .map((m) => (typeof m.sentAt === 'string' ? Date.parse(m.sentAt) : (m.sentAt as number)))
    .sort((a, b) => a - b);
  // A sliding window over the sorted send times: O(n).
  let first = 0;
  for (let last = 0; last < times.length; last++) {
    while (times[last]! - times[first]! >= per) first += 1;
    if (last - first + 1 > max)
      return `${String(last - first + 1)} messages sent within ${String(spec.per)} at ${new Date(times[first]!).toISOString()}; at most ${String(max)} expected`;
  }
  return undefined;
}

/**
 * `handset: E164` with `received` (a count), `from` (every sender), `containing` (some text has
 * it), `notContaining` (none has it), `message` (some received text has these fields).
 */
async function checkHandset(
  run: RunContext,
  expect: Record<string, unknown>,
  account: string | undefined,
): Promise<string | undefined> {
  const phone = String(expect.handset);
  const found = await run.target.query({ of: 'handset', e164: phone }, undefined, account ?? '');
  const received = (
    found.ok ? (found.result as Array<{ direction: string; from: string; body: string }>) : []
  ).filter((m) => m.direction === 'received');
  if (expect.received !== undefined && !matches(received.length, expect.received))
    return typeof expect.received === 'number'
      ? `handset ${phone} received ${String(received.length)} messages, expected ${String(expect.received)}`
      : `handset ${phone}: the count received ${mismatch(received.length, expect.received) ?? ''}`;
  if (expect.from !== undefined) {
    const other = received.find((m) => !matches(m.from, expect.from));
    if (other) return `handset ${phone} received from ${other.from}, not ${describe(expect.from)}`;
  }
  if (expect.containing !== undefined && !received.some((m) => m.body.includes(String(expect.containing))))
    return `handset ${phone} received no message containing '${String(expect.containing)}'`;
  if (
    typeof expect.notContaining === 'string' &&
    received.some((m) => m.body.includes(expect.notContaining as string))
  )
    return `handset ${phone} received a message containing '${expect.notContaining}'`;
  if (expect.message !== undefined) {
    const want = expect.message as Record<string, unknown>;
    if (!received.some((m) => fieldMismatch(m, want) === undefined))
      return `handset ${phone} received no message with ${describe(want)}`;
  }
  return undefined;
}

/** `conversations: { user?, tab?, count?, contact?, name? }`: the 1:1 inbox as a user sees it. */
async function checkConversations(
  run: RunContext,
  spec: Record<string, unknown>,
  reader: ActorRef | undefined,
  account: string,
): Promise<string | undefined> {
  const viewer =
    typeof spec.user === 'string' ? await run.actor(spec.user) : (reader ?? (await run.actor(undefined)));
  if ('problem' in viewer) return `conversations: ${viewer.problem}`;
  const q: Query = {
    of: 'conversations',
    user: viewer.user,
    ...(spec.tab === 'participating' || spec.tab === 'needs-attention' ? { tab: spec.tab } : {}),
  };
  const found = await run.target.query(q, viewer, account);
  if (!found.ok) return found.error.message;
  let list = found.result as Array<{ contact: string; name: string }>;
  if (spec.count !== undefined && !matches(list.length, spec.count))
    return typeof spec.count === 'number'
      ? `expected ${String(spec.count)} conversations, saw ${String(list.length)}`
      : `conversations: the count ${mismatch(list.length, spec.count) ?? ''}`;
  if (spec.contact !== undefined) {
    list = list.filter((c) => matches(c.contact, spec.contact));
    if (list.length === 0) return `no conversation with ${describe(spec.contact)}`;
    if (spec.name !== undefined && !matches(list[0]?.name, spec.name))
      return `conversation with ${String(list[0]?.contact)} shows '${list[0]?.name ?? ''}', expected ${describe(spec.name)}`;
  }
  return undefined;
}

/**
 * `deliveries: { webhook, type?, state?, attempts?, status?, count? }`: the simulator's record of
 * a webhook's deliveries (`GET /v1/webhooks/:id/deliveries`). `attempts` counts a delivery's
 * attempts, `status` is its last attempt's status.
 */
async function checkDeliveries(run: RunContext, spec: Record<string, unknown>): Promise<string | undefined> {
  const { webhook, count, type, attempts, status, ...fields } = spec;
  const handle = run.webhooks.get(String(webhook));
  if (!handle) return `deliveries: no webhook '${String(webhook)}' was subscribed`;
  const found = await run.target.webhooks({ op: 'deliveries', id: handle.id }, handle.actor);
  if (!found.ok) return `deliveries of ${String(webhook)}: ${found.error.message}`;
  const matching = (
    found.result as Array<{ eventType: string; attempts: Array<{ status?: number }> }>
  ).filter(
    (d) =>
      (type === undefined || matches(d.eventType, type) || typeMatchesPattern(d.eventType, type)) &&
      (attempts === undefined || matches(d.attempts.length, attempts)) &&
      (status === undefined || matches(d.attempts.at(-1)?.status ?? null, status)) &&
      fieldMismatch(d, fields) === undefined,
  );
  return countMismatch(`deliveries of ${String(webhook)}`, matching.length, count);
}

/**
 * `received: { webhook, type?, data?, signature?, count? }`: what the run's receiver took for a
 * webhook; `signature: valid` (or `invalid`) checks each one's `X-Tendlc-Signature` with the
 * secret the subscription answered.
 */
async function checkReceived(run: RunContext, spec: Record<string, unknown>): Promise<string | undefined> {
  const { webhook, count, type, data, signature } = spec;
  const handle = run.webhooks.get(String(webhook));
  if (!handle) return `received: no webhook '${String(webhook)}' was subscribed`;
  const matching = (await run.receiver())
    .received(String(webhook))
    .filter(
      (r) =>
        (type === undefined || typeMatchesPattern(String(r.event.type), type)) &&
        (data === undefined || fieldMismatch(r.event.data, data as Record<string, unknown>) === undefined) &&
        (signature === undefined || signedWith(r, handle.secret) === (signature === 'valid')),
    );
  return countMismatch(`the receiver of ${String(webhook)}`, matching.length, count);
}

/** A type pattern (`message.*`) as webhooks and event selectors read it, or a matcher. */
function typeMatchesPattern(type: string, pattern: unknown): boolean {
  if (typeof pattern !== 'string') return matches(type, pattern);
  return (
    pattern === '*' || pattern === type || (pattern.endsWith('.*') && type.startsWith(pattern.slice(0, -1)))
  );
}

function countMismatch(what: string, seen: number, count: unknown): string | undefined {
  if (count === undefined) return seen > 0 ? undefined : `${what}: none match`;
  const differs = mismatch(seen, count);
  return differs && `${what}: the count ${differs}`;
}
