import type { Command, Query } from '../../engine/world/index.js';
import { isDedicated } from '../../engine/world/inventory.js';
import { advance } from './advance.js';
import { checkOutcome, describeError } from './outcomes.js';
import type { RunContext } from './run-context.js';
import type { Step } from './steps.js';
import type { ActorRef, TargetOutcome } from './target.js';
import { assignVia, orderVia, providerRequest, registerVia, sendVia, viaProblem } from './via.js';

/** The actions that are one engine command each, run as a user (or the control plane for the last three). */
export const COMMANDS: ReadonlySet<string> = new Set([
  'register_brand',
  'request_vetting',
  'submit_campaign',
  'order_number',
  'rename_number',
  'assign_number',
  'set_inbox',
  'release_number',
  'port_out',
  'create_outreach',
  'launch_outreach',
  'complete_outreach',
  'send',
  'reply',
  'fault',
  'clear_fault',
]);
const SYSTEM = new Set(['reply', 'fault', 'clear_fault']);

/** Every action a step may name: the commands, the reads, webhooks, the control plane and the helpers. */
export const ACTIONS: ReadonlySet<string> = new Set([
  ...COMMANDS,
  'get',
  'list',
  'available_numbers',
  'subscribe',
  'unsubscribe',
  'receiver',
  'snapshot',
  'restore',
  'reset',
  'reseed',
  'clock',
  'load_account',
  'advance',
  'send_many',
  'provider',
]);

/** The actions a step may make through a provider face (`via: twilio|telnyx`), and the face's own request. */
const VIA_STEPS: Record<string, typeof sendVia> = {
  send: sendVia,
  order_number: orderVia,
  assign_number: assignVia,
  register_brand: (run, args, as, step) => registerVia(run, args, as, step, 'register_brand'),
  submit_campaign: (run, args, as, step) => registerVia(run, args, as, step, 'submit_campaign'),
  provider: providerRequest,
};
/** The commands that take `via`. */
export const VIA: ReadonlySet<string> = new Set([
  'send',
  'order_number',
  'assign_number',
  'register_brand',
  'submit_campaign',
]);

/** What `get: { KIND: ID }` reads. */
const GETS: Record<string, (id: string) => Query> = {
  brand: (id) => ({ of: 'brand', id }),
  campaign: (id) => ({ of: 'campaign', id }),
  number: (e164) => ({ of: 'number', e164 }),
  outreach: (id) => ({ of: 'outreach-item', id }),
  message: (id) => ({ of: 'message', id }),
};

/** What `list: KIND` (or `list: { KIND: filters }`) reads. */
const LISTS = new Set(['brands', 'campaigns', 'numbers', 'outreach', 'messages', 'conversations']);

/** Runs one action with its step's options: undefined when it went as the step says, else why not. */
export async function runAction(
  run: RunContext,
  name: string,
  raw: unknown,
  step: Step,
): Promise<string | undefined> {
  const args = await run.resolve(raw);
  if (name === 'advance') return advance(run, args);
  const fields = (typeof args === 'object' && args !== null ? args : {}) as Record<string, unknown>;
  const { as: innerAs, ...rest } = fields;
  const as = step.as ?? innerAs;
  if (name === 'send_many') return sendMany(run, rest, as);
  if (name === 'provider' || (VIA.has(name) && rest.via !== undefined)) {
    const problem = viaProblem(rest.via);
    if (problem) return `${name}: ${problem}`;
    return VIA_STEPS[name]!(run, rest, as, step);
  }
  if (COMMANDS.has(name)) return command(run, name, rest, as, step);
  switch (name) {
    case 'get':
    case 'list':
    case 'available_numbers':
      return read(run, name, args, as, step);
    case 'subscribe':
    case 'unsubscribe':
      return webhook(run, name, rest, as, step);
    case 'receiver':
      return receiver(run, rest);
    default:
      return control(run, name, args, step);
  }
}

async function command(
  run: RunContext,
  name: string,
  args: Record<string, unknown>,
  as: unknown,
  step: Step,
): Promise<string | undefined> {
  let actor: ActorRef | undefined;
  if (!SYSTEM.has(name)) {
    const found = await run.actor(as);
    if ('problem' in found) return `${name}: ${found.problem}`;
    actor = found;
  }
  const outcome = await run.target.execute({ action: name, ...args } as Command, actor);
  if (outcome.ok) run.remember(name, outcome.result);
  return checkOutcome(run, name, outcome, step);
}

/** `count` sends from one number to distinct recipients: +12065552000, +12065552001, … */
async function sendMany(
  run: RunContext,
  args: Record<string, unknown>,
  as: unknown,
): Promise<string | undefined> {
  const count = Number(args.count);
  const actor = await run.actor(as);
  if ('problem' in actor) return `send_many: ${actor.problem}`;
  let last: unknown;
  for (let i = 0; i < count; i++) {
    const to = `+1206${String(5552000 + i)}`;
    const command = { action: 'send' as const, from: String(args.from), to, body: String(args.body) };
    // Every send has the first one's shape: its body is checked once.
    const outcome = await run.target.execute(command, actor, i > 0);
    if (!outcome.ok) {
      if (outcome.error.rule) run.onRefusal?.(outcome.error.rule);
      return `send_many, message ${String(i + 1)}: send was refused: ${describeError(outcome.error)}`;
    }
    last = outcome.result;
  }
  run.remember('send', last);
  return undefined;
}

/** `get`, `list` and `available_numbers`: reads as a user, or as the account's owner sees it. */
async function read(
  run: RunContext,
  name: string,
  args: unknown,
  as: unknown,
  step: Step,
): Promise<string | undefined> {
  const actor = as === undefined ? undefined : await run.actor(as);
  if (actor && 'problem' in actor) return `${name}: ${actor.problem}`;
  const account = actor?.account ?? (await run.defaultAccount());
  if (account === undefined) return `${name}: the scenario has no account to read`;
  const [kind, value] =
    typeof args === 'string' ? [args, {}] : (Object.entries(args as object)[0] ?? ['', {}]);
  let outcome: TargetOutcome;
  if (name === 'available_numbers') {
    const a = args as { areaCode: string; kind?: string; lifetime?: string; limit?: number };
    outcome = await run.target.query(
      {
        of: 'available-numbers',
        areaCode: a.areaCode,
        // As the API reads `?limit=` and `?kind=&lifetime=`: 20 unless told, at most 100.
        limit: Math.min(Math.max(a.limit ?? 20, 1), 100),
        dedicated: isDedicated(a.kind, a.lifetime),
      },
      actor ?? (await ownerOf(run)),
      account,
    );
  } else if (kind === 'webhook' || kind === 'webhooks' || kind === 'deliveries') {
    const handle = kind === 'webhooks' ? undefined : run.webhooks.get(String(value));
    if (kind !== 'webhooks' && !handle) return `${name}: no webhook '${String(value)}' was subscribed`;
    const by = actor ?? handle?.actor ?? (await ownerOf(run));
    if (!by) return `${name}: nobody to read the webhooks as`;
    outcome = await run.target.webhooks(
      kind === 'webhooks'
        ? { op: 'list' }
        : { op: kind === 'webhook' ? 'get' : 'deliveries', id: handle!.id },
      by,
    );
  } else if (name === 'get') {
    const toQuery = GETS[kind];
    if (!toQuery) return `get names brand, campaign, number, outreach, message or webhook, not '${kind}'`;
    outcome = await run.target.query(toQuery(String(value)), actor, account);
  } else {
    if (!LISTS.has(kind))
      return `list names ${[...LISTS, 'webhooks', 'deliveries'].join(', ')}, not '${kind}'`;
    const filters = (value ?? {}) as Record<string, string>;
    const q = (
      kind === 'messages'
        ? { of: 'messages', ...filters }
        : kind === 'conversations'
          ? { of: 'conversations', ...filters }
          : { of: kind }
    ) as Query;
    outcome = await run.target.query(
      q,
      kind === 'conversations' ? (actor ?? (await ownerOf(run))) : actor,
      account,
    );
  }
  return checkOutcome(run, name, outcome, step);
}

async function ownerOf(run: RunContext): Promise<ActorRef | undefined> {
  const found = await run.actor(undefined);
  return 'problem' in found ? undefined : found;
}

/** `subscribe: { webhook: NAME, events, url? }` (to the run's receiver unless a url is given), `unsubscribe: { webhook: NAME }`. */
async function webhook(
  run: RunContext,
  name: string,
  args: Record<string, unknown>,
  as: unknown,
  step: Step,
): Promise<string | undefined> {
  const actor = await run.actor(as);
  if ('problem' in actor) return `${name}: ${actor.problem}`;
  const webhookName = String(args.webhook);
  if (name === 'subscribe') {
    const url = typeof args.url === 'string' ? args.url : (await run.receiver()).url(webhookName);
    const outcome = await run.target.webhooks(
      { op: 'subscribe', url, events: args.events as string[] },
      actor,
    );
    if (outcome.ok) {
      const { id, secret } = outcome.result as { id: string; secret: string };
      run.webhooks.set(webhookName, { id, secret, actor });
    }
    return checkOutcome(run, name, outcome, step);
  }
  const handle = run.webhooks.get(webhookName);
  if (!handle) return `unsubscribe: no webhook '${webhookName}' was subscribed`;
  return checkOutcome(
    run,
    name,
    await run.target.webhooks({ op: 'unsubscribe', id: handle.id }, actor),
    step,
  );
}

/** `receiver: { webhook: NAME, fail: STATUS | { status, times } | false }`: how the receiver answers next. */
async function receiver(run: RunContext, args: Record<string, unknown>): Promise<string | undefined> {
  const fail = args.fail;
  const setting =
    fail === false || fail === undefined
      ? undefined
      : typeof fail === 'number'
        ? { status: fail }
        : (fail as { status: number; times?: number });
  (await run.receiver()).fail(String(args.webhook), setting);
  return undefined;
}

/** The control plane: snapshots, reset, seed, the clock's mode, loading an account. */
async function control(
  run: RunContext,
  name: string,
  args: unknown,
  step: Step,
): Promise<string | undefined> {
  const a = (typeof args === 'object' && args !== null ? args : {}) as Record<string, unknown>;
  switch (name) {
    case 'snapshot': {
      const outcome = await run.target.control({ op: 'snapshot' });
      if (outcome.ok) run.snapshots.set(String(args), (outcome.result as { id: string }).id);
      return checkOutcome(run, name, outcome, step);
    }
    case 'restore': {
      // A name the scenario gave, or else the target's own id (which it refuses when unknown).
      const id = run.snapshots.get(String(args)) ?? String(args);
      return checkOutcome(run, name, await run.target.control({ op: 'restore', id }), step);
    }
    case 'reseed':
      return checkOutcome(run, name, await run.target.control({ op: 'seed', seed: Number(args) }), step);
    case 'clock':
      return checkOutcome(
        run,
        name,
        await run.target.control({
          op: 'clock',
          mode: a.mode as 'manual' | 'realtime' | 'scale',
          ...(a.scale === undefined ? {} : { scale: Number(a.scale) }),
        }),
        step,
      );
    case 'load_account': {
      const outcome = await run.target.control({ op: 'load', config: args as never });
      run.forgetUsers();
      return checkOutcome(run, name, outcome, step);
    }
    case 'reset':
      return reset(run, a, step);
    default:
      return `unknown action '${name}'`;
  }
}

/** `reset`: the target back to its start, then the scenario's accounts loaded again, as a run begins. */
async function reset(run: RunContext, a: Record<string, unknown>, step: Step): Promise<string | undefined> {
  const setup = run.resetSetup;
  if (!setup) return 'reset: this run cannot start over';
  const outcome = await run.target.control({
    op: 'reset',
    seed: typeof a.seed === 'number' ? a.seed : setup.seed,
    latency: (a.latency as typeof setup.latency | undefined) ?? setup.latency,
    start: typeof a.start === 'string' ? Date.parse(a.start) : setup.start,
    profile: setup.profile,
  });
  if (outcome.ok)
    for (const config of setup.accounts) {
      const loaded = await run.target.control({ op: 'load', config });
      if (!loaded.ok)
        return `reset: the account '${config.account.id}' cannot be loaded again: ${loaded.error.message}`;
    }
  run.forgetUsers();
  run.webhooks.clear();
  run.lastNumber = undefined;
  run.lastMessage = undefined;
  run.lastProvider = undefined;
  return checkOutcome(run, 'reset', outcome, step);
}
