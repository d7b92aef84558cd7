import { accountFor, isRefusal } from './access.js';
import { registerBrand, requestVetting, reviewBrand, finishVetting } from './brands.js';
import { deactivateCampaign, reviewCampaign, submitCampaign } from './campaigns.js';
import { clearFault, injectFault } from './faults.js';
import { cancelMessage, deliver, dispatch, releaseHeld, releaseScheduled, send } from './messages.js';
import { deletePool, deleteRecord, poolNumber, putPool, putRecord } from './pools.js';
import {
  assignNumber,
  finishPropagation,
  finishProvisioning,
  orderNumber,
  portOut,
  releaseNumber,
  renameNumber,
  setInbox,
} from './numbers.js';
import { activateWaiting, completeOutreach, createOutreach, launchOutreach } from './outreach.js';
import { reply } from './replies.js';
import { reservedKeyRefusal } from './reserved-keys.js';
import { effects, fail, ok } from './state.js';
import type { Actor, Command, Outcome, WorldContext, WorldState } from './types.js';

/**
 * Runs one command against the world. On success the state has changed and the outcome lists
 * the events and the timers to schedule; on refusal the state is untouched. The same state,
 * command, actor, time and draws always give the same outcome.
 */
export function handle(
  state: WorldState,
  command: Command,
  actor: Actor | undefined,
  ctx: WorldContext,
): Outcome {
  // Timers are the world's own commands: only what comes from outside is checked for reserved ids.
  const reserved = command.action.startsWith('timer.') ? undefined : reservedKeyRefusal(command);
  if (reserved) return fail(reserved);
  switch (command.action) {
    case 'register_brand':
      return registerBrand(state, command, actor, ctx);
    case 'request_vetting':
      return requestVetting(state, command.brand, actor, ctx);
    case 'submit_campaign':
      return submitCampaign(state, command, actor, ctx);
    case 'order_number':
      return orderNumber(state, command, actor, ctx);
    case 'rename_number':
      return renameNumber(state, command.number, command.name, actor, ctx);
    case 'assign_number':
      return assignNumber(state, command.number, command.campaign, actor, ctx);
    case 'set_inbox':
      return setInbox(state, command.number, command.mode, command.agents, actor, ctx);
    case 'release_number':
      return releaseNumber(state, command.number, actor, ctx);
    case 'port_out':
      return portOut(state, command.number, command.pin, actor, ctx);
    case 'create_outreach':
      return createOutreach(state, command, actor, ctx);
    case 'launch_outreach':
      return launchOutreach(state, command, actor, ctx);
    case 'complete_outreach':
      return completeOutreach(state, command.id, actor, ctx);
    case 'send':
      return send(state, command, actor, ctx);
    case 'reply':
      return reply(state, command, ctx);
    case 'cancel_message':
      return cancelMessage(state, command.message, actor, ctx);
    case 'deactivate_campaign':
      return deactivateCampaign(state, command.campaign, actor, ctx);
    case 'put_pool':
      return putPool(state, command, actor, ctx);
    case 'delete_pool':
      return deletePool(state, command.id, actor, ctx);
    case 'pool_number':
      return poolNumber(state, command.number, command.pool, actor, ctx);
    case 'put_record':
      return putRecord(state, command, actor, ctx);
    case 'delete_record':
      return deleteRecord(state, command.id, actor, ctx);
    case 'fault':
      return injectFault(state, command, actor, ctx);
    case 'clear_fault':
      return clearFault(state, command.id, actor, ctx);
    default:
      return handleTimer(state, command, ctx);
  }
}

type TimerCommand = Extract<Command, { action: `timer.${string}` }>;

function handleTimer(state: WorldState, command: TimerCommand, ctx: WorldContext): Outcome {
  switch (command.action) {
    case 'timer.brand_review':
      return reviewBrand(state, command.account, command.brand, ctx);
    case 'timer.brand_vetting':
      return finishVetting(state, command.account, command.brand, ctx);
    case 'timer.campaign_review':
      return reviewCampaign(state, command.account, command.campaign, ctx);
    case 'timer.provisioned':
      return thenLaunch(
        state,
        finishProvisioning(state, command.account, command.number, ctx),
        command.account,
        command.number,
        ctx,
      );
    case 'timer.propagated':
      return thenLaunch(
        state,
        finishPropagation(state, command.account, command.number, command.version, ctx.now),
        command.account,
        command.number,
        ctx,
      );
    case 'timer.release_send':
      return releaseScheduled(state, command.account, command.message, ctx);
    case 'timer.quiet_hours_end':
      return releaseHeld(state, command.account, command.message, ctx);
    case 'timer.dispatch':
      return dispatch(state, command.account, command.message, ctx);
    case 'timer.deliver':
      return deliver(state, command.account, command.message, ctx, replyStop);
  }
}

/** A magic recipient that answers a delivery with STOP. */
function replyStop(state: WorldState, ctx: WorldContext, from: string, to: string): Outcome {
  return reply(state, { from, to, body: 'STOP' }, ctx);
}

/** After a number's step: outreach launching on it starts when the number is ready to send. */
function thenLaunch(
  state: WorldState,
  outcome: Outcome,
  accountId: string,
  e164: string,
  ctx: WorldContext,
): Outcome {
  const account = accountFor(state, undefined, accountId);
  if (!outcome.ok || isRefusal(account)) return outcome;
  const fx = effects(ctx.now);
  fx.events.push(...outcome.events);
  fx.timers.push(...outcome.timers);
  activateWaiting(state, account, e164, ctx, fx);
  return ok(fx);
}
