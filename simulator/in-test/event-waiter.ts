import type { Event as ApiEvent } from '../../engine/schemas/compiled/api-types.js';
import type { SimulatorService } from '../service.js';
import type { SimEvent } from '../simulation.js';
import { matchesType } from '../webhook-subscription.js';
import { eventView } from '../webhooks.js';

export interface WaitForOptions {
  /** Wall milliseconds to wait for it (default 2000), then reject with what was waited for. */
  timeout?: number;
  /** Look at events after this id (default: after the last event an earlier `waitFor` returned). */
  after?: number;
}

/** An event type (`campaign.approved`), a pattern (`message.*`), or a test of the event. */
export type EventMatch = string | ((event: ApiEvent) => boolean);

const DEFAULT_TIMEOUT_MS = 2000;

/**
 * `sim.waitFor(…)`: reads the event log as a consumer reads the stream, in order, from where the
 * last wait left off. An event that has already happened counts, so a test may wait after the
 * action that causes it (`clock.advance` fires everything due before it returns) or before it.
 */
export class EventWaiter {
  /** The id of the last event a wait returned: the next wait looks after it. */
  private cursor = 0;

  constructor(private readonly service: SimulatorService) {
    // A reset begins a new history whose ids start over: so does the reading.
    service.onNewHistory(() => (this.cursor = 0));
  }

  wait(match: EventMatch, options: WaitForOptions = {}): Promise<ApiEvent> {
    const test = typeof match === 'string' ? byType(match) : byPredicate(match);
    const after = options.after ?? this.cursor;
    const timeout = options.timeout ?? DEFAULT_TIMEOUT_MS;
    this.service.sync();
    try {
      const found = this.service.sim.eventsSince(after).find(test);
      if (found) return Promise.resolve(this.take(found));
    } catch (error) {
      return Promise.reject(error as Error);
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        off();
        reject(new Error(this.notFound(match, after, timeout)));
      }, timeout);
      const off = this.service.sim.onEvent((event) => {
        try {
          if (event.id <= after || !test(event)) return;
        } catch (error) {
          off();
          clearTimeout(timer);
          return reject(error as Error);
        }
        off();
        clearTimeout(timer);
        resolve(this.take(event));
      });
    });
  }

  private take(event: SimEvent): ApiEvent {
    this.cursor = Math.max(this.cursor, event.id);
    return eventView(event) as unknown as ApiEvent;
  }

  private notFound(match: EventMatch, after: number, timeout: number): string {
    const what = typeof match === 'string' ? `'${match}'` : 'an event the predicate accepts';
    const clock = this.service.clock.view();
    const recent = this.service.sim
      .eventsSince(after)
      .slice(-5)
      .map((e) => `${String(e.id)} ${e.type}`);
    return (
      `waitFor: no ${what} after event ${String(after)} within ${String(timeout)} ms ` +
      `(virtual now ${clock.now}, clock ${clock.mode}${clock.mode === 'manual' ? ': move it with sim.clock.advance' : ''}; ` +
      `${recent.length ? `the last events after it: ${recent.join(', ')}` : 'no event after it'})`
    );
  }
}

function byType(pattern: string): (event: SimEvent) => boolean {
  return (event) => matchesType(event.type, [pattern]);
}

function byPredicate(predicate: (event: ApiEvent) => boolean): (event: SimEvent) => boolean {
  return (event) => predicate(eventView(event) as unknown as ApiEvent);
}
