import { tierFor, type CarrierProfile } from '../carrier-profile.js';
import { durationMs } from '../duration.js';
import { areaCode, normalizePhone, zonesOf } from '../phone.js';
import { type Refusal, refuse } from '../refusal.js';
import { countSegments } from '../text/segments.js';
import { findShaft } from '../text/shaft.js';
import { findShorteners } from '../text/urls.js';
import { accountFor, isRefusal, outOfScope, reaches } from './access.js';
import { dayOf, localParts, startOfDay } from './day.js';
import { carrierOutage, findNumber } from './numbers.js';
import { drawLatency, effects, fail, nextId, ok, refused, type Effects } from './state.js';
import type {
  AccountState,
  Actor,
  MessageState,
  NumberState,
  Outcome,
  ProviderFace,
  SendMessage,
  WorldContext,
  WorldState,
} from './types.js';

/** What a queued message is: from, to, body, and who sent it. */
export interface Draft {
  from: string;
  to: string;
  body: string;
  outreach?: string;
  user?: string;
  sendAt?: number;
  pool?: string;
  callback?: string;
  face?: ProviderFace;
}

/** `send` (`POST /v1/messages`): checked at once, then queued; failures later carry error codes. */
export function send(
  state: WorldState,
  cmd: SendMessage,
  actor: Actor | undefined,
  ctx: WorldContext,
): Outcome {
  const account = accountFor(state, actor);
  if (isRefusal(account)) return fail(account);
  ctx.trace?.('recipient-us-10-digit');
  const to = normalizePhone(cmd.to);
  if (!to.ok)
    return refused('invalid', 'recipient-us-10-digit', `'${cmd.to}' is not a US number: ${to.reason}`, {
      field: 'to',
    });
  if (typeof cmd.body !== 'string' || cmd.body.length === 0)
    return refused('invalid', undefined, 'body must be a non-empty string', { field: 'body' });
  const from = senderOf(account, cmd, actor, ctx);
  if (isRefusal(from)) return fail(from);
  const denied = senderRefusal(account, from, to.e164, actor, ctx);
  if (denied) return fail(denied);
  const sendAt =
    cmd.sendAt === undefined
      ? undefined
      : typeof cmd.sendAt === 'number'
        ? cmd.sendAt
        : Date.parse(cmd.sendAt);
  // A date beyond what a Date holds (±8.64e15 ms) could never be shown as a time: refused too.
  if (sendAt !== undefined && Number.isNaN(new Date(sendAt).getTime()))
    return refused('invalid', undefined, `sendAt '${String(cmd.sendAt)}' is not a date-time`, {
      field: 'sendAt',
    });
  const fx = effects(ctx.now);
  const draft: Draft = { from: from.e164, to: to.e164, body: cmd.body };
  if (cmd.outreach !== undefined) draft.outreach = cmd.outreach;
  if (cmd.pool !== undefined) draft.pool = cmd.pool;
  if (cmd.callback !== undefined) draft.callback = cmd.callback;
  if (cmd.face !== undefined) draft.face = cmd.face;
  if (actor !== undefined) draft.user = actor.user;
  if (sendAt !== undefined) draft.sendAt = sendAt;
  return ok(fx, queueMessage(state, account, draft, ctx, fx));
}

function senderOf(
  account: AccountState,
  cmd: { from?: string; outreach?: string; pool?: string },
  actor: Actor | undefined,
  ctx: WorldContext,
): NumberState | Refusal {
  let e164 = cmd.from;
  if (cmd.pool !== undefined && e164 === undefined) {
    const picked = poolSender(account, cmd.pool, ctx);
    if (isRefusal(picked)) return picked;
    e164 = picked;
  }
  if (cmd.outreach !== undefined) {
    const outreach = account.outreach[cmd.outreach];
    if (outreach) ctx.trace?.('number-not-active');
    if (!outreach || !reaches(actor, outreach.subgroup, ctx.trace))
      return refuse('not-found', undefined, `outreach '${cmd.outreach}' does not exist`);
    if (outreach.status === 'launching')
      return refuse(
        'unprocessable',
        'number-not-active',
        `outreach '${outreach.id}' is launching: its number is still provisioning or propagating`,
      );
    if (outreach.status !== 'active')
      return refuse('conflict', undefined, `outreach '${outreach.id}' is ${outreach.status}, not active`);
    e164 = outreach.numbers[0];
  }
  if (e164 === undefined)
    return refuse('invalid', undefined, 'a message needs `from` or `outreach`', { field: 'from' });
  const number = findNumber(account, e164, actor, ctx.trace);
  if (isRefusal(number)) return number.rule === undefined ? outOfScope(`number ${e164}`) : number;
  ctx.trace?.('number-not-active');
  if (number.status !== 'active')
    return refuse('unprocessable', 'number-not-active', `${number.e164} is ${number.status}, not active`);
  return number;
}

/**
 * The number a pool sends from: the first (in number order) whose assignment is effective, else
 * the first active one, whose texts then fail as its assignment says.
 */
function poolSender(account: AccountState, poolId: string, ctx: WorldContext): string | Refusal {
  if (!account.pools[poolId]) return refuse('not-found', undefined, `pool '${poolId}' does not exist`);
  ctx.trace?.('number-not-active');
  const active = Object.values(account.numbers)
    .filter((n) => n.pool === poolId && n.status === 'active')
    .sort((a, b) => (a.e164 < b.e164 ? -1 : 1));
  const number = active.find((n) => n.assignment === 'effective') ?? active[0];
  if (!number)
    return refuse('unprocessable', 'number-not-active', `pool '${poolId}' has no active number to send from`);
  return number.e164;
}

/** `cancel_message`: a scheduled message is canceled before its time; any other is past that. */
export function cancelMessage(
  state: WorldState,
  id: string,
  actor: Actor | undefined,
  ctx: WorldContext,
): Outcome {
  const account = accountFor(state, actor);
  if (isRefusal(account)) return fail(account);
  const message = account.messages.get(id);
  if (!message || !reaches(actor, message.subgroup, ctx.trace))
    return refused('not-found', undefined, `message '${id}' does not exist`);
  if (message.status !== 'scheduled')
    return refused(
      'conflict',
      undefined,
      `message '${id}' is ${message.status}; only a scheduled message can be canceled`,
    );
  message.status = 'canceled';
  message.doneAt = ctx.now;
  const fx = effects(ctx.now);
  fx.emit(account.info.id, 'message.canceled', { message: id }, message.subgroup);
  return ok(fx, message);
}

/** §8: who may text from a one-to-one number. */
function senderRefusal(
  account: AccountState,
  number: NumberState,
  to: string,
  actor: Actor | undefined,
  ctx: WorldContext,
): Refusal | undefined {
  if (!actor || number.kind !== 'one-to-one') return undefined;
  ctx.trace?.('direct-from-reusable-number');
  ctx.trace?.('direct-role');
  // The role first: a limited user starting a text is refused for that, whoever's inbox it is,
  // so that the refusal's fix (a role that starts texts) is the one that helps.
  const existing = account.conversations[`${number.e164}|${to}`];
  if (actor.role === 'limited' && !existing)
    return refuse(
      'forbidden',
      'direct-role',
      `limited user '${actor.user}' can only reply in existing conversations`,
    );
  if (!(number.inbox?.agents ?? []).includes(actor.user))
    return refuse(
      'forbidden',
      'direct-from-reusable-number',
      `user '${actor.user}' is not an agent of the inbox of ${number.e164}`,
    );
  return undefined;
}

/** Puts a message in the queue (or holds it until `sendAt`). */
export function queueMessage(
  state: WorldState,
  account: AccountState,
  draft: Draft,
  ctx: WorldContext,
  fx: Effects,
): MessageState {
  const number = account.numbers[draft.from];
  const message: MessageState = {
    id: nextId(state.counters, 'msg'),
    direction: 'outbound',
    from: draft.from,
    to: draft.to,
    body: draft.body,
    segments: factsOf(draft.body, ctx.profile).segments,
    status: 'queued',
    createdAt: ctx.now,
  };
  ctx.trace?.('message-segments');
  if (draft.outreach !== undefined) message.outreach = draft.outreach;
  if (draft.pool !== undefined) message.pool = draft.pool;
  if (draft.callback !== undefined) message.callback = draft.callback;
  if (draft.face !== undefined) message.face = draft.face;
  if (number?.subgroup !== undefined) message.subgroup = number.subgroup;
  if (draft.user !== undefined) message.user = draft.user;
  if (number?.name !== undefined) ctx.trace?.('number-name-internal');
  account.messages.set(message.id, message);
  if (number?.kind === 'one-to-one') {
    ctx.trace?.('inbox-routing');
    touchConversation(account, number.e164, draft.to, false, ctx.now);
  }
  if (draft.sendAt !== undefined && draft.sendAt > ctx.now) {
    message.status = 'scheduled';
    message.sendAt = draft.sendAt;
    fx.emit(
      account.info.id,
      'message.scheduled',
      { message: message.id, sendAt: draft.sendAt },
      message.subgroup,
    );
    fx.schedule(draft.sendAt, {
      action: 'timer.release_send',
      account: account.info.id,
      message: message.id,
    });
    return message;
  }
  fx.emit(
    account.info.id,
    'message.queued',
    { message: message.id, to: message.to, from: message.from },
    message.subgroup,
  );
  enqueue(account, message, ctx, fx);
  return message;
}

/** A scheduled message's time has come. */
export function releaseScheduled(
  state: WorldState,
  accountId: string,
  id: string,
  ctx: WorldContext,
): Outcome {
  const fx = effects(ctx.now);
  const account = state.accounts[accountId];
  const message = account?.messages.get(id);
  if (!account || message?.status !== 'scheduled') return ok(fx);
  message.status = 'queued';
  fx.emit(accountId, 'message.queued', { message: id, to: message.to, from: message.from }, message.subgroup);
  enqueue(account, message, ctx, fx);
  return ok(fx);
}

// Rate and cap keys are read twice per message: each is made once, not rebuilt from its parts.
const keys = {
  'brand:': new Map<string, string>(),
  'num:': new Map<string, string>(),
  'class:': new Map<string, string>(),
};

/** The key a brand's or a number's rate and daily usage are kept under (`brand:acme`). */
function keyOf(kind: keyof typeof keys, id: string): string {
  const made = keys[kind];
  let key = made.get(id);
  if (key === undefined) {
    key = kind + id;
    if (made.size < 10_000) made.set(id, key);
  }
  return key;
}

/** A message held for quiet hours: the recipient's day has started, so it joins the line. */
export function releaseHeld(state: WorldState, accountId: string, id: string, ctx: WorldContext): Outcome {
  const fx = effects(ctx.now);
  const account = state.accounts[accountId];
  const message = account?.messages.get(id);
  if (account && message?.status === 'queued') enqueue(account, message, ctx, fx);
  return ok(fx);
}

/** The rate a message goes out at: the brand tier's, a one-to-one line's, or an unassigned number's. */
function rateOf(
  account: AccountState,
  number: NumberState | undefined,
  ctx: WorldContext,
): { key: string; mps: number } | undefined {
  const { throughput } = ctx.profile;
  if (!number) return undefined;
  if (number.kind === 'one-to-one') {
    ctx.trace?.('one-to-one-throughput');
    return { key: keyOf('num:', number.e164), mps: throughput.oneToOne.mps };
  }
  const campaign = number.campaign === undefined ? undefined : account.campaigns[number.campaign];
  const brand = campaign ? account.brands[campaign.brand] : undefined;
  if (brand) {
    ctx.trace?.('trust-tier');
    ctx.trace?.('trust-score-throughput');
    return { key: keyOf('brand:', brand.id), mps: tierFor(ctx.profile, brand.trustScore, brand.vetted).mps };
  }
  ctx.trace?.('unassigned-throughput');
  if (throughput.unregistered === 'limited')
    return { key: keyOf('num:', number.e164), mps: throughput.unassigned.mps };
  return undefined;
}

/**
 * A campaign's own limit, where the profile has carrier campaign classes (AT&T's, in
 * carriers-2025): messages a minute by the class of its use case or its brand's tier, per
 * campaign, or per number for the classes that say so. Undefined in profiles without classes.
 */
function classRateOf(
  account: AccountState,
  number: NumberState | undefined,
  ctx: WorldContext,
): { key: string; mps: number } | undefined {
  const classes = ctx.profile.throughput.campaignClasses;
  if (!classes || number?.kind !== 'campaign' || number.campaign === undefined) return undefined;
  const campaign = account.campaigns[number.campaign];
  const brand = campaign ? account.brands[campaign.brand] : undefined;
  if (!campaign || !brand) return undefined;
  const cls =
    classes.byUseCase[campaign.useCase] ??
    classes.byTier[tierFor(ctx.profile, brand.trustScore, brand.vetted).name];
  const perMinute = cls === undefined ? undefined : classes.perMinute[cls];
  if (cls === undefined || perMinute === undefined || !(perMinute > 0)) return undefined;
  const key = classes.perNumber.includes(cls) ? keyOf('class:', number.e164) : keyOf('class:', campaign.id);
  return { key, mps: perMinute / 60 };
}

/** MPS queueing (`trust-score-throughput`): over the rate a message waits for its slot, up to the maximum queue time. */
function enqueue(account: AccountState, message: MessageState, ctx: WorldContext, fx: Effects): void {
  const number = account.numbers[message.from];
  const morning = quietHoursRelease(account, number, message.to, ctx);
  if (morning > ctx.now) {
    // Held aside, not in the line: it takes its slot at the tier's rate when the hold ends, so
    // that it neither holds up the texts sent meanwhile nor counts the night as queue time.
    fx.schedule(morning, { action: 'timer.quiet_hours_end', account: account.info.id, message: message.id });
    return;
  }
  const rate = rateOf(account, number, ctx);
  const classRate = rate && classRateOf(account, number, ctx);
  let slot = ctx.now;
  if (rate) {
    slot = Math.max(ctx.now, account.nextSlot[rate.key] ?? 0);
    if (classRate) slot = Math.max(slot, account.nextSlot[classRate.key] ?? 0);
    if (slot - ctx.now > durationMs(ctx.profile.throughput.maxQueueTime)) {
      failMessage(account, message, 30022, 'trust-score-throughput', ctx.now, fx);
      return;
    }
    account.nextSlot[rate.key] = slot + 1000 / rate.mps;
    if (classRate) account.nextSlot[classRate.key] = slot + 1000 / classRate.mps;
  }
  fx.schedule(slot, { action: 'timer.dispatch', account: account.info.id, message: message.id });
}

/**
 * `quiet-hours` (when the profile enables it): marketing traffic is held until the day starts
 * where the recipient is, by the time zones of their area code (every one of them, for the few
 * that span two; the profile's zone for an area code the table does not know).
 */
function quietHoursRelease(
  account: AccountState,
  number: NumberState | undefined,
  to: string,
  ctx: WorldContext,
): number {
  const policy = ctx.profile.messages.quietHours;
  const campaign = number?.campaign === undefined ? undefined : account.campaigns[number.campaign];
  if (campaign?.useCase !== 'MARKETING') return ctx.now;
  ctx.trace?.('quiet-hours');
  if (!policy.enabled) return ctx.now;
  const zones = zonesOf(areaCode(to)) ?? [ctx.profile.throughput.timeZone];
  let at = ctx.now;
  // Zones of one area code are an hour or two apart, well inside the day: two passes settle it.
  for (let pass = 0; pass < 3; pass++) {
    const next = Math.max(...zones.map((zone) => daytimeFrom(at, zone, policy)));
    if (next === at) break;
    at = next;
  }
  return at;
}

/** The first instant from `at` that falls within the policy's local hours in a zone. */
function daytimeFrom(at: number, zone: string, policy: { start: number; end: number }): number {
  const { hour } = localParts(at, zone);
  if (hour >= policy.start && hour < policy.end) return at;
  const today = startOfDay(at, zone);
  const day = hour < policy.start ? today : startOfDay(today + 25 * 3_600_000, zone);
  // Midnight plus the start hour is off by one on a day the clocks change before it: correct
  // by the local hour that instant really shows.
  const guess = day + policy.start * 3_600_000;
  return guess + (policy.start - localParts(guess, zone).hour) * 3_600_000;
}

/** Marks a message failed with its error code and the rule behind it. */
export function failMessage(
  account: AccountState,
  message: MessageState,
  errorCode: number | undefined,
  rule: string | undefined,
  now: number,
  fx: Effects,
): void {
  message.status = 'failed';
  if (errorCode !== undefined) message.errorCode = errorCode;
  if (rule !== undefined) message.rule = rule;
  message.doneAt = now;
  fx.emit(
    account.info.id,
    'message.failed',
    { message: message.id, to: message.to, errorCode: errorCode ?? null, rule: rule ?? null },
    message.subgroup,
  );
}

/** Why a queued message cannot leave, as an error code and the rule, checked at its slot. */
function blocker(
  state: WorldState,
  account: AccountState,
  message: MessageState,
  ctx: WorldContext,
): { code?: number; rule?: string } | undefined {
  const number = account.numbers[message.from];
  if (carrierOutage(state, account.info.id)) return { code: 30003 };
  ctx.trace?.('opt-out-honored');
  if (account.optOuts[message.to] !== undefined) return { code: 21610, rule: 'opt-out-honored' };
  const price = message.segments * ctx.profile.messages.pricePerSegment;
  if (account.info.balance !== undefined) ctx.trace?.('balance-required');
  if (account.info.balance !== undefined && account.info.balance < price) return { rule: 'balance-required' };
  ctx.trace?.('number-not-active');
  if (!number || number.status !== 'active') return { code: 30003, rule: 'number-not-active' };
  if (number.kind === 'one-to-one') return undefined;
  ctx.trace?.('campaign-number-needs-registration');
  ctx.trace?.('unassigned-throughput');
  const campaign = number.campaign === undefined ? undefined : account.campaigns[number.campaign];
  if (!campaign) {
    // A provider face's number carries registered traffic only (docs/providers.md): never unregistered.
    if (ctx.profile.throughput.unregistered === 'blocked' || number.origin !== undefined)
      return { code: 30034, rule: 'campaign-number-needs-registration' };
    if (ctx.random() < ctx.profile.throughput.unassigned.filteredRate)
      return { code: 30007, rule: 'unassigned-throughput' };
    return undefined;
  }
  ctx.trace?.('assignment-needs-approved-campaign');
  if (campaign.status !== 'approved') return { code: 30034, rule: 'assignment-needs-approved-campaign' };
  ctx.trace?.('assignment-propagation');
  if (number.assignment !== 'effective') return { code: 30024, rule: 'assignment-propagation' };
  ctx.trace?.('public-url-shortener');
  ctx.trace?.('shaft-content');
  const content = factsOf(message.body, ctx.profile);
  if (content.shortener) return { code: 30007, rule: 'public-url-shortener' };
  if (content.prohibited || (!campaign.ageGated && content.ageGated))
    return { code: 30007, rule: 'shaft-content' };
  return undefined;
}

/** What the pipeline needs to know of a body: its segments and the carriers' content verdicts. */
interface BodyFacts {
  segments: number;
  shortener: boolean;
  prohibited: boolean;
  ageGated: boolean;
}

// Bulk sends repeat one body thousands of times: its segments and the carriers' content checks are
// a pure function of (body, profile), so each body is scanned once per profile.
const bodies = new WeakMap<CarrierProfile, Map<string, BodyFacts>>();

function factsOf(body: string, profile: CarrierProfile): BodyFacts {
  let memo = bodies.get(profile);
  if (!memo) bodies.set(profile, (memo = new Map()));
  const known = memo.get(body);
  if (known) return known;
  const shaft = findShaft(body, profile);
  const facts = {
    segments: countSegments(body, profile),
    shortener: findShorteners(body, profile.registration.urlShorteners).length > 0,
    prohibited: shaft.prohibited.length > 0,
    ageGated: shaft.ageGated.length > 0,
  };
  if (memo.size >= 10_000) memo.clear();
  memo.set(body, facts);
  return facts;
}

/** The daily cap a message counts against: its brand's (or use case's), or its one-to-one line's. */
function capOf(
  account: AccountState,
  message: MessageState,
  ctx: WorldContext,
): { key: string; cap: number; rule: string } | undefined {
  const number = account.numbers[message.from];
  if (!number) return undefined;
  if (number.kind === 'one-to-one')
    return {
      key: keyOf('num:', number.e164),
      cap: ctx.profile.throughput.oneToOne.dailyCap,
      rule: 'one-to-one-throughput',
    };
  const campaign = number.campaign === undefined ? undefined : account.campaigns[number.campaign];
  const brand = campaign ? account.brands[campaign.brand] : undefined;
  if (!campaign || !brand) return undefined;
  const tier = tierFor(ctx.profile, brand.trustScore, brand.vetted);
  return {
    key: keyOf('brand:', brand.id),
    cap: ctx.profile.trust.useCaseDailyCaps[campaign.useCase] ?? tier.dailyCap,
    rule: 'trust-score-throughput',
  };
}

/** The outcome a magic recipient number asks for (`…555-01xx`), if any. */
function magicOf(
  message: MessageState,
  ctx: WorldContext,
): { key: string; magic: NonNullable<WorldContext['profile']['magicNumbers'][string]> } | undefined {
  if (!message.to.startsWith('555', 5)) return undefined;
  const key = message.to.slice(8);
  const magic = ctx.profile.magicNumbers[key];
  return magic ? { key, magic } : undefined;
}

/** A queued message's slot has come: it fails by the rules, or goes out and is delivered later. */
export function dispatch(state: WorldState, accountId: string, id: string, ctx: WorldContext): Outcome {
  const fx = effects(ctx.now);
  const account = state.accounts[accountId];
  const message = account?.messages.get(id);
  if (!account || message?.status !== 'queued') return ok(fx);
  const blocked = blocker(state, account, message, ctx);
  if (blocked) {
    failMessage(account, message, blocked.code, blocked.rule, ctx.now, fx);
    return ok(fx);
  }
  const magic = magicOf(message, ctx);
  if (magic?.magic.outcome === 'failed') {
    failMessage(account, message, magic.magic.errorCode, undefined, ctx.now, fx);
    return ok(fx);
  }
  const cap = capOf(account, message, ctx);
  if (cap) {
    const day = dayOf(ctx.now, ctx.profile.throughput.timeZone).key;
    const usage =
      account.usage[cap.key]?.day === day
        ? account.usage[cap.key]
        : (account.usage[cap.key] = { day, count: 0 });
    if (usage && usage.count + message.segments > cap.cap) {
      failMessage(account, message, 30027, cap.rule, ctx.now, fx);
      return ok(fx);
    }
    if (usage) usage.count += message.segments;
  }
  if (account.info.balance !== undefined)
    account.info.balance =
      Math.round((account.info.balance - message.segments * ctx.profile.messages.pricePerSegment) * 1e6) /
      1e6;
  // `sending`: handed to the carrier, which accepts it (`sent`) at the same virtual instant, so the
  // status is never read back; the event marks the hand-off for webhook and stream consumers.
  fx.emit(accountId, 'message.sending', { message: id, to: message.to }, message.subgroup);
  message.status = 'sent';
  message.sentAt = ctx.now;
  fx.emit(
    accountId,
    'message.sent',
    { message: id, to: message.to, segments: message.segments },
    message.subgroup,
  );
  const delay =
    magic?.magic.outcome === 'delayed' && magic.magic.delay
      ? durationMs(magic.magic.delay)
      : drawLatency(state, ctx, 'delivery');
  fx.schedule(ctx.now + delay, { action: 'timer.deliver', account: accountId, message: id });
  return ok(fx);
}

/** The carrier reports the outcome: delivered, or undelivered for the documented magic number. */
export function deliver(
  state: WorldState,
  accountId: string,
  id: string,
  ctx: WorldContext,
  onStop: (state: WorldState, ctx: WorldContext, from: string, to: string) => Outcome,
): Outcome {
  const fx = effects(ctx.now);
  const account = state.accounts[accountId];
  const message = account?.messages.get(id);
  if (!account || message?.status !== 'sent') return ok(fx);
  const magic = magicOf(message, ctx);
  message.doneAt = ctx.now;
  if (magic?.magic.outcome === 'undelivered-once' && !state.counters[`undelivered:${message.to}`]) {
    state.counters[`undelivered:${message.to}`] = 1;
    message.status = 'undelivered';
    if (magic.magic.errorCode !== undefined) message.errorCode = magic.magic.errorCode;
    fx.emit(
      accountId,
      'message.undelivered',
      { message: id, to: message.to, errorCode: message.errorCode ?? null },
      message.subgroup,
    );
    return ok(fx);
  }
  message.status = 'delivered';
  fx.emit(accountId, 'message.delivered', { message: id, to: message.to }, message.subgroup);
  if (magic?.magic.outcome === 'replies-stop') {
    const reply = onStop(state, ctx, message.to, message.from);
    if (reply.ok) fx.events.push(...reply.events);
  }
  return ok(fx);
}

/** Opens or refreshes a 1:1 conversation (`inbox-routing`). */
export function touchConversation(
  account: AccountState,
  number: string,
  contact: string,
  contactSpoke: boolean,
  now: number,
): void {
  const key = `${number}|${contact}`;
  const conversation = (account.conversations[key] ??= {
    number,
    contact,
    awaitingAgent: false,
    lastAt: now,
  });
  const mode = account.numbers[number]?.inbox?.mode ?? 'agent';
  conversation.awaitingAgent = contactSpoke && mode === 'agent';
  conversation.lastAt = now;
}

/** For callers that only have a sender id. */
export function accountOfNumber(state: WorldState, e164: string): AccountState | undefined {
  const owner = state.owners[e164];
  return owner === undefined ? undefined : state.accounts[owner];
}
