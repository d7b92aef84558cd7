import { load } from './session.js';
import type { SimEvent } from './types.js';

type Listener = (event: SimEvent) => void;

const listeners = new Set<Listener>();
const statusListeners = new Set<(live: boolean) => void>();
let socket: WebSocket | undefined;
let lastId = 0;
let retry = 500;
let wanted = false;
let timer: number | undefined;

/** Hears every event of the stream (the WebSocket of the API); answers how to stop hearing. */
export function onEvent(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Hears when the stream connects or drops. */
export function onStatus(listener: (live: boolean) => void): void {
  statusListeners.add(listener);
}

/**
 * Opens the event stream with the tab's key. A browser cannot set a header on a WebSocket, so
 * the key goes as `?token=` on this upgrade only, as the API allows. A dropped stream reconnects
 * with `?since=` the last event seen, so that nothing is missed.
 */
export function connect(): void {
  disconnect();
  wanted = true;
  open();
}

export function disconnect(): void {
  wanted = false;
  if (timer !== undefined) window.clearTimeout(timer);
  socket?.close();
  socket = undefined;
}

function open(): void {
  const { key, admin } = load();
  const token = key ?? admin;
  if (token === undefined) return;
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  const since = lastId > 0 ? `&since=${String(lastId)}` : '';
  const ws = new WebSocket(
    `${scheme}://${location.host}/v1/events?token=${encodeURIComponent(token)}${since}`,
  );
  socket = ws;
  ws.onopen = () => {
    retry = 500;
    for (const l of statusListeners) l(true);
  };
  ws.onmessage = (frame) => {
    const event = JSON.parse(String(frame.data)) as SimEvent;
    if (event.id <= lastId) return;
    lastId = event.id;
    for (const l of listeners) l(event);
  };
  ws.onclose = () => {
    if (socket !== ws) return;
    for (const l of statusListeners) l(false);
    if (!wanted) return;
    timer = window.setTimeout(open, retry);
    retry = Math.min(retry * 2, 5000);
  };
}

/** Forgets the position in the stream (a new sign-in starts from now). */
export function resetPosition(): void {
  lastId = 0;
}
