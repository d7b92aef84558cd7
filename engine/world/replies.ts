import { normalizePhone } from '../phone.js';
import { accountOfNumber, touchConversation } from './messages.js';
import { effects, nextId, ok, refused, type Effects } from './state.js';
import type { AccountState, MessageState, NumberState, Outcome, WorldContext, WorldState } from './types.js';

/** The campaign a number speaks for, whose help and opt-out messages answer keywords. */
function campaignOf(account: AccountState, number: NumberState) {
  return number.campaign === undefined ? undefined : account.campaigns[number.campaign];
}

/**
 * An automatic answer to a keyword: straight to the handset, outside the queue and its caps. The
 * contact asked for it, so it goes even to a contact who has opted out (the STOP confirmation, a
 * HELP answer); it is marked so that `opt-out-honored` can tell it from a send. It is a message
 * like any other to whoever follows the account: queued, sending, sent and delivered at once,
 * each an event (with `answers`, the keyword), so webhooks and the stream see it.
 */
function answer(
  state: WorldState,
  account: AccountState,
  number: NumberState,
  to: string,
  body: string,
  now: number,
  keyword: string,
  fx: Effects,
): void {
  const id = nextId(state.counters, 'msg');
  const from = number.e164;
  account.messages.set(id, {
    id,
    direction: 'outbound',
    from,
    to,
    body,
    segments: 1,
    status: 'delivered',
    answers: keyword,
    createdAt: now,
    sentAt: now,
    doneAt: now,
    ...(number.subgroup === undefined ? {} : { subgroup: number.subgroup }),
  });
  const sub = number.subgroup;
  const acc = account.info.id;
  fx.emit(acc, 'message.queued', { message: id, to, from, answers: keyword }, sub);
  fx.emit(acc, 'message.sending', { message: id, to, answers: keyword }, sub);
  fx.emit(acc, 'message.sent', { message: id, to, segments: 1, answers: keyword }, sub);
  fx.emit(acc, 'message.delivered', { message: id, to, answers: keyword }, sub);
}

/**
 * `reply`: a contact texts one of an account's numbers. Opt-out keywords opt the contact out of
 * every number of the account with one confirmation; opt-in keywords undo it; help keywords get
 * the help message (`opt-out-keywords`). Anything else lands in the number's conversations.
 */
export function reply(
  state: WorldState,
  cmd: { from: string; to: string; body: string },
  ctx: WorldContext,
): Outcome {
  ctx.trace?.('recipient-us-10-digit');
  const from = normalizePhone(cmd.from);
  const to = normalizePhone(cmd.to);
  if (!from.ok)
    return refused('invalid', 'recipient-us-10-digit', `'${cmd.from}' is not a US number: ${from.reason}`, {
      field: 'from',
    });
  if (!to.ok)
    return refused('invalid', 'recipient-us-10-digit', `'${cmd.to}' is not a US number: ${to.reason}`, {
      field: 'to',
    });
  const account = accountOfNumber(state, to.e164);
  const number = account?.numbers[to.e164];
  if (!account || !number) return refused('not-found', undefined, `no account holds ${to.e164}`);
  const fx = effects(ctx.now);
  const id = nextId(state.counters, 'msg');
  const message: MessageState = {
    id,
    direction: 'inbound',
    from: from.e164,
    to: to.e164,
    body: cmd.body,
    segments: 1,
    status: 'received',
    createdAt: ctx.now,
    ...(number.subgroup === undefined ? {} : { subgroup: number.subgroup }),
  };
  account.messages.set(id, message);
  fx.emit(
    account.info.id,
    'message.received',
    { message: id, from: from.e164, to: to.e164, body: cmd.body },
    number.subgroup,
  );
  ctx.trace?.('opt-out-keywords');
  const keyword = keywordOf(cmd.body);
  const { messages } = ctx.profile;
  const campaign = campaignOf(account, number);
  const brand = campaign ? account.brands[campaign.brand]?.name : undefined;
  if (messages.optOutKeywords.includes(keyword)) {
    if (account.optOuts[from.e164] === undefined) {
      account.optOuts[from.e164] = ctx.now;
      fx.emit(
        account.info.id,
        'optout.recorded',
        { contact: from.e164, number: to.e164, keyword },
        number.subgroup,
      );
      answer(
        state,
        account,
        number,
        from.e164,
        campaign?.optOutMessage ??
          `${brand ?? account.info.name}: you are unsubscribed and will receive no more messages.`,
        ctx.now,
        keyword,
        fx,
      );
    }
  } else if (messages.optInKeywords.includes(keyword)) {
    if (account.optOuts[from.e164] !== undefined) {
      delete account.optOuts[from.e164];
      fx.emit(
        account.info.id,
        'optout.cleared',
        { contact: from.e164, number: to.e164, keyword },
        number.subgroup,
      );
    }
  } else if (messages.helpKeywords.includes(keyword)) {
    answer(
      state,
      account,
      number,
      from.e164,
      campaign?.helpMessage ?? `${brand ?? account.info.name}: reply STOP to opt out.`,
      ctx.now,
      keyword,
      fx,
    );
  } else if (number.kind === 'one-to-one') {
    ctx.trace?.('inbox-routing');
    touchConversation(account, to.e164, from.e164, true, ctx.now);
  }
  return ok(fx, message);
}

/**
 * A text as a keyword: one word (or a phrase such as OPT OUT), in any case, with the spaces and
 * punctuation around it ignored, so that "Stop.", " stop! " and "opt  out" are keywords.
 */
export function keywordOf(text: string): string {
  return text
    .replace(/^[\s\p{P}\p{S}]+|[\s\p{P}\p{S}]+$/gu, '')
    .replace(/\s+/gu, ' ')
    .toUpperCase();
}
