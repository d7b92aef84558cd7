import type { RemoteTarget } from './run-scenario.js';

/** What a run found on its target, to leave it as it was found. */
export interface Claim {
  /** The clock's setting before the run: the run stops the clock for each scenario. */
  clock: { mode: string; scale: number };
}

/**
 * A suite owns its target for the run: it resets it before each scenario and stops its clock.
 * A server holding accounts the run did not load would lose them, so it is refused unless the
 * user says so (`--reset-target`). Answers the claim, or why the target cannot be used.
 */
export async function claimTarget(
  remote: RemoteTarget,
  resetTarget: boolean,
): Promise<Claim | { refused: string }> {
  const headers = { authorization: `Bearer ${remote.adminToken}` };
  let accounts: Response;
  let clock: Response;
  try {
    accounts = await fetch(`${remote.url}/v1/sim/accounts`, { headers });
    clock = await fetch(`${remote.url}/v1/sim/clock`, { headers });
  } catch (error) {
    return {
      refused: `the target ${remote.url} cannot be reached: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
  if (accounts.status === 401)
    return { refused: `the target ${remote.url} refused the admin token: check --admin-token` };
  if (!accounts.ok || !clock.ok)
    return { refused: `the target ${remote.url} answered ${String(accounts.status)}: is it tendlc serve?` };
  const held = ((await accounts.json()) as { data: Array<{ id: string } | null> }).data.flatMap((a) =>
    a ? [a.id] : [],
  );
  if (held.length > 0 && !resetTarget)
    return {
      refused:
        `the target ${remote.url} holds accounts this run did not load (${held.join(', ')}): a scenario run resets ` +
        'its target before each scenario, which would lose them. Run the scenarios against a server of their own ' +
        '(tendlc serve --in-memory --clock manual --port 4101), or give --reset-target to reset this one',
    };
  const view = (await clock.json()) as { mode: string; scale: number };
  return { clock: { mode: view.mode, scale: view.scale } };
}

/** After the run: the target back to its start (what it held when it started), its clock as it was. */
export async function releaseTarget(remote: RemoteTarget, claim: Claim): Promise<void> {
  const headers = { authorization: `Bearer ${remote.adminToken}`, 'content-type': 'application/json' };
  await fetch(`${remote.url}/v1/sim/reset`, { method: 'POST', headers, body: '{}' });
  const { mode, scale } = claim.clock;
  await fetch(`${remote.url}/v1/sim/clock`, {
    method: 'POST',
    headers,
    body: JSON.stringify(mode === 'scale' ? { mode, scale } : { mode }),
  });
}
