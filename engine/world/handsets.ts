import type { HandsetMessage, MessageState, WorldState } from './types.js';

/**
 * What one end user's phone received and sent, read from the accounts' messages: delivered ones
 * to it (keyword answers included) and its own texts to an account, in time order. Derived rather
 * than kept, so that a million deliveries do not hold a second copy of themselves.
 */
export function handsetLog(state: WorldState, e164: string): HandsetMessage[] {
  const found: Array<{ entry: HandsetMessage; seq: number }> = [];
  for (const account of Object.values(state.accounts))
    for (const [id, m] of account.messages) {
      if (m.direction === 'outbound' && m.to === e164 && m.status === 'delivered')
        found.push({ entry: entry(m, m.doneAt ?? m.createdAt, 'received'), seq: sequence(id) });
      else if (m.direction === 'inbound' && m.from === e164)
        found.push({ entry: entry(m, m.createdAt, 'sent'), seq: sequence(id) });
    }
  return found.sort((a, b) => a.entry.at - b.entry.at || a.seq - b.seq).map((f) => f.entry);
}

function entry(m: MessageState, at: number, direction: HandsetMessage['direction']): HandsetMessage {
  return { from: m.from, to: m.to, body: m.body, at, direction };
}

/** Message ids count up across the simulator (`msg-41`): their number orders messages of one instant. */
function sequence(id: string): number {
  return Number(id.slice(id.lastIndexOf('-') + 1));
}
