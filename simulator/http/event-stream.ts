import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';
import type { SimEvent, Simulation } from '../simulation.js';
import { eventView } from '../webhooks.js';

/** Close code for a consumer that does not keep up: RFC 6455's "try again later". */
export const CLOSE_TOO_SLOW = 1013;

export interface EventStreamOptions {
  /** Bytes waiting in a consumer's socket before sending pauses until it drains. */
  highWater?: number;
  /** Events that may happen while a consumer is paused before it is closed as too slow. */
  maxLag?: number;
  /** Wall milliseconds a too-slow consumer has to read up to the close frame before it is cut. */
  closeGraceMs?: number;
  /** Events looked at per turn of the event loop while a consumer catches up. */
  chunk?: number;
}

// One frame per event, made once however many consumers send it: a replay to fifty consumers
// serialises each event once, and the text goes when the event leaves the window.
const frames = new WeakMap<SimEvent, string>();
function frameOf(event: SimEvent): string {
  let frame = frames.get(event);
  if (frame === undefined) {
    frame = JSON.stringify(eventView(event));
    frames.set(event, frame);
  }
  return frame;
}

/**
 * One consumer of the event stream, sent what the retained window holds after its cursor: in
 * chunks that yield to the event loop, never more than `highWater` bytes ahead of what its socket
 * has taken. Nothing is buffered per consumer beyond that: the window is the backlog, so a
 * consumer costs the same whether it replays 100,000 events or follows live. One that stays
 * paused while `maxLag` events happen, or falls behind the window, is closed with 1013 — the
 * close frame behind at most `highWater` bytes, so that it reaches a consumer that reads at all.
 */
export class EventConsumer {
  private cursor = 0;
  private scheduled = false;
  private pausedAt: number | undefined;
  private gone = false;
  private readonly highWater: number;
  private readonly maxLag: number;
  private readonly grace: number;
  private readonly chunk: number;

  constructor(
    private readonly ws: WebSocket,
    private readonly socket: Duplex,
    private readonly sim: Simulation,
    private readonly accepts: (event: SimEvent) => boolean,
    private readonly onGone: () => void,
    options: EventStreamOptions = {},
  ) {
    this.highWater = Math.max(options.highWater ?? 256 * 1024, 16 * 1024);
    this.maxLag = options.maxLag ?? 20_000;
    this.grace = options.closeGraceMs ?? 30_000;
    this.chunk = options.chunk ?? 200;
    // A consumer that leaves mid-replay costs nothing more.
    ws.once('close', () => {
      this.gone = true;
    });
  }

  /**
   * Starts after event `since` (null: from now on). A `since` the window cannot resume exactly
   * — older than its oldest event, past its last, or of another history — gets `stream.reset`
   * first, and the stream goes on from the oldest event it holds.
   */
  start(since: number | null, sameHistory: boolean, history: string): void {
    const oldest = this.sim.oldestEventId();
    const last = this.sim.lastEventId();
    if (since === null) this.cursor = last;
    else if (!sameHistory || since > last || since < oldest - 1) {
      this.sendReset(history);
      this.cursor = oldest - 1;
    } else this.cursor = since;
    this.pump();
  }

  /** A new event is in the window. */
  notify(event: SimEvent): void {
    if (this.gone) return;
    if (this.pausedAt !== undefined) {
      if (event.id - this.pausedAt > this.maxLag) this.tooSlow();
      return;
    }
    // Following live: send it now. Catching up: the scheduled chunk will come to it.
    if (!this.scheduled) this.pump();
  }

  /** A reset ended the history: the consumer is told, and follows the new one. */
  newHistory(history: string): void {
    if (this.gone) return;
    this.sendReset(history);
    this.cursor = this.sim.lastEventId();
  }

  /** Bytes waiting in this consumer's socket. */
  get buffered(): number {
    return this.ws.bufferedAmount;
  }

  /** Ends the stream without a word (the server stops). */
  terminate(): void {
    this.gone = true;
    this.ws.terminate();
  }

  private sendReset(history: string): void {
    this.ws.send(JSON.stringify({ type: 'stream.reset', oldest: this.sim.oldestEventId(), history }));
  }

  private pump(): void {
    this.scheduled = false;
    let budget = this.chunk;
    while (!this.gone && this.cursor < this.sim.lastEventId()) {
      if (this.cursor < this.sim.oldestEventId() - 1) return this.tooSlow();
      if (this.ws.bufferedAmount > this.highWater) return this.pause();
      if (budget <= 0) return this.schedule();
      for (const event of this.sim.eventsAfter(this.cursor, Math.min(budget, 256))) {
        this.cursor = event.id;
        budget -= 1;
        if (this.accepts(event)) {
          this.ws.send(frameOf(event));
          if (this.ws.bufferedAmount > this.highWater) break;
        }
      }
    }
  }

  private schedule(): void {
    this.scheduled = true;
    setImmediate(() => this.pump());
  }

  /** Waits for the socket to take what it holds; events meanwhile wait in the window. */
  private pause(): void {
    // 'drain' comes only after a write the socket refused; bytes held anywhere else: look again soon.
    if (!(this.socket as Duplex & { writableNeedDrain?: boolean }).writableNeedDrain) return this.schedule();
    this.pausedAt = this.sim.lastEventId();
    this.socket.once('drain', () => {
      this.pausedAt = undefined;
      this.pump();
    });
  }

  private tooSlow(): void {
    this.gone = true;
    this.onGone();
    this.ws.close(CLOSE_TOO_SLOW, 'consumer too slow: reconnect with ?since=<last event id>');
    const cut = setTimeout(() => this.ws.terminate(), this.grace).unref();
    this.ws.once('close', () => clearTimeout(cut));
  }
}
