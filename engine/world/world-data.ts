import type { AccountState, MessageState, WorldState } from './types.js';

/** An account as plain JSON data: its messages as an array in creation order. */
export type AccountData = Omit<AccountState, 'messages'> & { messages: MessageState[] };

/** The world as plain JSON data, for snapshots and the state file. */
export type WorldData = Omit<WorldState, 'accounts'> & { accounts: Record<string, AccountData> };

/** A deep copy of the world as plain data: nothing in it is shared with the live world. */
export function worldToData(world: WorldState): WorldData {
  const { accounts, ...rest } = world;
  const data: WorldData = { ...structuredClone(rest), accounts: {} };
  for (const [id, account] of Object.entries(accounts)) {
    const { messages, ...fields } = account;
    // A message's fields are all primitives: a shallow copy is a deep one.
    data.accounts[id] = {
      ...structuredClone(fields),
      messages: Array.from(messages.values(), (m) => ({ ...m })),
    };
  }
  return data;
}

/**
 * The world from plain data. It takes the data's objects as they are: pass a copy when the data
 * is kept elsewhere. State written before messages became a list (a keyed object and a
 * `messageOrder`) reads too, and so does an assignment that still reads `pending` (now
 * `propagating`), and so does an account from before pools and face records.
 */
export function worldFromData(data: WorldData): WorldState {
  const { accounts, ...rest } = data;
  const world: WorldState = { ...rest, accounts: {} };
  for (const [id, account] of Object.entries(accounts)) {
    const { messages, ...fields } = account as AccountData & { messageOrder?: unknown };
    delete fields.messageOrder;
    const list = Array.isArray(messages) ? messages : Object.values(messages as Record<string, MessageState>);
    for (const n of Object.values(fields.numbers))
      if ((n.assignment as string) === 'pending') n.assignment = 'propagating';
    // State written before the provider faces has no pools or face records.
    const older = fields as Partial<AccountData>;
    world.accounts[id] = {
      ...fields,
      pools: older.pools ?? {},
      records: older.records ?? {},
      messages: new Map(list.map((m) => [m.id, m])),
    };
  }
  return world;
}
