import type { ProviderFace } from '../../engine/world/index.js';
import { twilioSid } from '../../simulator/faces/provider-ids.js';
import { telnyxIds } from '../../simulator/faces/telnyx/ids.js';
import { faceOutcome, type FaceRequest } from './face-request.js';
import { describe, fieldMismatch, matches, mismatch } from './matchers.js';
import { checkOutcome, describeError } from './outcomes.js';
import type { RunContext } from './run-context.js';
import type { Step } from './steps.js';
import type { TargetOutcome } from './target.js';

/** Who a via step acts as: `as` names a user (their key), else the default account's credentials. */
async function caller(
  run: RunContext,
  as: unknown,
): Promise<{ account: string; user?: string } | { problem: string }> {
  if (as !== undefined) {
    const actor = await run.actor(as);
    return 'problem' in actor ? actor : { account: actor.account, user: actor.user };
  }
  const account = await run.defaultAccount();
  return account === undefined ? { problem: 'the scenario has no account to act in' } : { account };
}

/** A face request as a step makes it: its answer's body is what `{{provider.last.PATH}}` reads next. */
async function callFace(
  run: RunContext,
  request: FaceRequest,
  who: { account: string; user?: string },
): Promise<TargetOutcome> {
  const answer = await run.target.face(request, who.account, who.user);
  run.lastProvider = answer.body;
  return faceOutcome(request.face, answer);
}

/**
 * `register_brand: { via: telnyx, name, entityType, … }`: `POST /v2/10dlc/brand` with
 * `displayName` and the registry's fields; `submit_campaign: { via: telnyx, brand, useCase, … }`:
 * `POST /v2/10dlc/campaignBuilder` (`brandId` is Telnyx's id, TCR's or the native one; `usecase`,
 * `sample1…5`, `optoutMessage`, `embeddedLink`). Twilio registers through TrustHub profiles and
 * a Messaging Service: provider steps.
 */
export async function registerVia(
  run: RunContext,
  args: Record<string, unknown>,
  as: unknown,
  step: Step,
  action: 'register_brand' | 'submit_campaign',
): Promise<string | undefined> {
  const face = args.via as ProviderFace;
  const name = `${action} via ${face}`;
  if (face !== 'telnyx') return `${name}: Twilio registers through TrustHub profiles; write provider steps`;
  const who = await caller(run, as);
  if ('problem' in who) return `${name}: ${who.problem}`;
  const { via: _via, ...fields } = args;
  let json: Record<string, unknown>;
  if (action === 'register_brand') {
    const { name: displayName, ...rest } = fields;
    json = { displayName, ...rest };
  } else {
    const { brand, useCase, subUseCases, sampleMessages, optOutMessage, embeddedLinks, ...rest } = fields;
    json = {
      brandId: brand,
      usecase: useCase,
      ...rest,
      ...(subUseCases === undefined ? {} : { subUsecases: subUseCases }),
      ...(optOutMessage === undefined ? {} : { optoutMessage: optOutMessage }),
      ...(embeddedLinks === undefined ? {} : { embeddedLink: embeddedLinks }),
      ...Object.fromEntries(
        (Array.isArray(sampleMessages) ? sampleMessages : []).map((m, i) => [`sample${String(i + 1)}`, m]),
      ),
    };
  }
  const path = action === 'register_brand' ? '/v2/10dlc/brand' : '/v2/10dlc/campaignBuilder';
  return checkOutcome(run, name, await callFace(run, { face, method: 'POST', path, json }, who), step);
}

/**
 * `send: { via: twilio|telnyx, from?, to, body, pool? }`: the message sent as the provider's SDK
 * sends it. Twilio: `POST /2010-04-01/Accounts/{AccountSid}/Messages.json` with `From`, `To`,
 * `Body` (`MessagingServiceSid` for a pool); Telnyx: `POST /v2/messages` with `from`, `to`,
 * `text` (`messaging_profile_id` for a pool). `expect` reads the face's resource (Telnyx's
 * `data`); `expect_error` the rule and the provider's code in its error envelope. `message: last`
 * names the message after it, as after a native send.
 */
export async function sendVia(
  run: RunContext,
  args: Record<string, unknown>,
  as: unknown,
  step: Step,
): Promise<string | undefined> {
  const face = args.via as ProviderFace;
  const who = await caller(run, as);
  if ('problem' in who) return `send via ${face}: ${who.problem}`;
  const from = typeof args.from === 'string' ? args.from : undefined;
  const pool = typeof args.pool === 'string' ? args.pool : undefined;
  const to = String(args.to);
  const body = String(args.body);
  const request: FaceRequest =
    face === 'twilio'
      ? {
          face,
          method: 'POST',
          path: '/2010-04-01/Accounts/{AccountSid}/Messages.json',
          form: {
            To: to,
            Body: body,
            ...(from === undefined ? {} : { From: from }),
            ...(pool === undefined ? {} : { MessagingServiceSid: pool }),
          },
        }
      : {
          face,
          method: 'POST',
          path: '/v2/messages',
          json: {
            to,
            text: body,
            ...(from === undefined ? {} : { from }),
            ...(pool === undefined ? {} : { messaging_profile_id: pool }),
          },
        };
  const outcome = await callFace(run, request, who);
  if (outcome.ok) await rememberMessage(run, face, who.account, outcome);
  return checkOutcome(run, `send via ${face}`, outcome, step);
}

/** The native id of the message a face answered with: its SID or UUID is derived from it. */
async function rememberMessage(
  run: RunContext,
  face: ProviderFace,
  account: string,
  outcome: TargetOutcome & { ok: true },
): Promise<void> {
  const answered = outcome.result as { id?: unknown; sid?: unknown } | undefined;
  const id = face === 'twilio' ? answered?.sid : answered?.id;
  if (typeof id !== 'string') return;
  const found = await run.target.query({ of: 'messages' }, undefined, account);
  if (!found.ok) return;
  const derive = face === 'twilio' ? (n: string) => twilioSid('SM', n) : telnyxIds.message;
  const native = (found.result as Array<{ id: string }>).find((m) => derive(m.id) === id);
  if (native) run.lastMessage = native.id;
}

/**
 * `order_number: { via, kind: campaign, areaCode | e164, pool? }`: a number bought as the
 * provider's SDK buys it. Twilio: `POST /2010-04-01/Accounts/{AccountSid}/IncomingPhoneNumbers.json`
 * with `PhoneNumber` or `AreaCode`; Telnyx: the first of `GET /v2/available_phone_numbers` in the
 * area code (unless `e164` names it), then `POST /v2/number_orders` (`messaging_profile_id` for a
 * pool). The number is the face's (it carries registered traffic only); `number: last` names it.
 */
export async function orderVia(
  run: RunContext,
  args: Record<string, unknown>,
  as: unknown,
  step: Step,
): Promise<string | undefined> {
  const face = args.via as ProviderFace;
  const name = `order_number via ${face}`;
  const who = await caller(run, as);
  if ('problem' in who) return `${name}: ${who.problem}`;
  let e164 = typeof args.e164 === 'string' ? args.e164 : undefined;
  const areaCode = typeof args.areaCode === 'string' ? args.areaCode : undefined;
  const pool = typeof args.pool === 'string' ? args.pool : undefined;
  if (face === 'twilio') {
    const outcome = await callFace(
      run,
      {
        face,
        method: 'POST',
        path: '/2010-04-01/Accounts/{AccountSid}/IncomingPhoneNumbers.json',
        form: e164 === undefined ? { AreaCode: areaCode ?? '' } : { PhoneNumber: e164 },
      },
      who,
    );
    if (outcome.ok) {
      const bought = (outcome.result as { phone_number?: unknown }).phone_number;
      if (typeof bought === 'string') run.lastNumber = bought;
    }
    return checkOutcome(run, name, outcome, step);
  }
  if (e164 === undefined) {
    const listed = await callFace(
      run,
      {
        face,
        method: 'GET',
        path: `/v2/available_phone_numbers?filter[national_destination_code]=${encodeURIComponent(areaCode ?? '')}&filter[limit]=1`,
      },
      who,
    );
    if (!listed.ok) return checkOutcome(run, name, listed, step);
    const first = (listed.result as Array<{ phone_number?: string }>)[0]?.phone_number;
    if (first === undefined)
      return checkOutcome(
        run,
        name,
        {
          ok: false,
          error: { status: 404, code: 'not_found', message: `no number for sale in ${areaCode ?? ''}` },
        },
        step,
      );
    e164 = first;
  }
  const outcome = await callFace(
    run,
    {
      face,
      method: 'POST',
      path: '/v2/number_orders',
      json: {
        phone_numbers: [{ phone_number: e164 }],
        ...(pool === undefined ? {} : { messaging_profile_id: pool }),
      },
    },
    who,
  );
  if (outcome.ok) {
    const ordered = (outcome.result as { phone_numbers?: Array<{ phone_number?: unknown }> }).phone_numbers;
    const bought = ordered?.[0]?.phone_number;
    run.lastNumber = typeof bought === 'string' ? bought : e164;
  }
  return checkOutcome(run, name, outcome, step);
}

/**
 * `assign_number: { via: telnyx, number, campaign }`: `POST /v2/10dlc/phone_number_campaigns`
 * with `phoneNumber` and `campaignId` (Telnyx's id, TCR's or the native one). Twilio assigns a
 * number by putting it in a Messaging Service whose campaign is approved: a `provider` step.
 */
export async function assignVia(
  run: RunContext,
  args: Record<string, unknown>,
  as: unknown,
  step: Step,
): Promise<string | undefined> {
  const face = args.via as ProviderFace;
  const name = `assign_number via ${face}`;
  if (face !== 'telnyx')
    return `${name}: Twilio assigns a number through a Messaging Service; write a provider step`;
  const who = await caller(run, as);
  if ('problem' in who) return `${name}: ${who.problem}`;
  const outcome = await callFace(
    run,
    {
      face,
      method: 'POST',
      path: '/v2/10dlc/phone_number_campaigns',
      json: { phoneNumber: String(args.number), campaignId: String(args.campaign) },
    },
    who,
  );
  return checkOutcome(run, name, outcome, step);
}

/**
 * `provider: { via, method, path, body?, form? }`: any request a face serves, with the account's
 * provider credentials (or `as` a user's key). `{AccountSid}` in the path is the account's SID.
 * `expect: { status?, body? }` checks the answer as the provider gives it; `expect_error` a
 * refusal, read from the provider's envelope as for a via send.
 */
export async function providerRequest(
  run: RunContext,
  args: Record<string, unknown>,
  as: unknown,
  step: Step,
): Promise<string | undefined> {
  const face = args.via as ProviderFace;
  const name = `provider ${String(args.method ?? 'GET').toUpperCase()} ${String(args.path)}`;
  const who = await caller(run, as);
  if ('problem' in who) return `${name}: ${who.problem}`;
  const form =
    args.form === undefined
      ? undefined
      : Object.fromEntries(
          Object.entries(args.form as Record<string, unknown>).map(([k, v]) => [
            k,
            typeof v === 'string' ? v : JSON.stringify(v),
          ]),
        );
  const request: FaceRequest = {
    face,
    method: String(args.method ?? 'GET'),
    path: String(args.path),
    ...(form === undefined ? {} : { form }),
    ...(args.body === undefined ? {} : { json: args.body }),
  };
  const answer = await run.target.face(request, who.account, who.user);
  const outcome = faceOutcome(face, answer);
  run.lastProvider = answer.body;
  if (step.expect_error !== undefined) return checkOutcome(run, name, outcome, step);
  if (!outcome.ok && outcome.error.rule !== undefined) run.onRefusal?.(outcome.error.rule);
  const want = (step.expect === undefined ? {} : await run.resolve(step.expect)) as {
    status?: unknown;
    body?: unknown;
  };
  if (want.status === undefined && !outcome.ok) return `${name} was refused: ${describeError(outcome.error)}`;
  if (want.status !== undefined && !matches(answer.status, want.status))
    return `${name}: the status ${mismatch(answer.status, want.status) ?? ''}${
      outcome.ok ? '' : ` (${describeError(outcome.error)})`
    }`;
  if (want.body !== undefined) {
    const differs =
      typeof want.body === 'object' && want.body !== null && !Array.isArray(want.body)
        ? fieldMismatch(answer.body, want.body as Record<string, unknown>)
        : mismatch(answer.body, want.body);
    if (differs) return `${name}: ${differs}`;
  }
  return undefined;
}

/** What a via step's `via` must be, said the same way by the loader and the runner. */
export function viaProblem(via: unknown): string | undefined {
  return via === 'twilio' || via === 'telnyx'
    ? undefined
    : `via names a provider face: twilio or telnyx, not ${describe(via)}`;
}
