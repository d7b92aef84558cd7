import type { SimulatorService } from './service.js';

/** `GET /metrics`: counters in the Prometheus text format. */
export class Metrics {
  private requests = 0;
  private responses = new Map<string, number>();
  private streams: () => { consumers: number; backlog: number } = () => ({ consumers: 0, backlog: 0 });

  /** Where the event stream's consumers are counted (the server sets it once the socket is up). */
  watchStreams(streams: () => { consumers: number; backlog: number }): void {
    this.streams = streams;
  }

  request(): void {
    this.requests += 1;
  }

  response(status: number): void {
    const cls = `${String(Math.floor(status / 100))}xx`;
    this.responses.set(cls, (this.responses.get(cls) ?? 0) + 1);
  }

  /** Requests received so far (the line `serve` prints when it stops). */
  get requestCount(): number {
    return this.requests;
  }

  /** Responses of a status class so far (`5xx`), for the reliability tests. */
  count(cls: string): number {
    return this.responses.get(cls) ?? 0;
  }

  render(service: SimulatorService): string {
    const byStatus = new Map<string, number>();
    for (const account of Object.values(service.sim.inspect().accounts))
      for (const m of account.messages.values()) byStatus.set(m.status, (byStatus.get(m.status) ?? 0) + 1);
    const lines = [
      '# HELP tendlc_requests_total HTTP requests received.',
      '# TYPE tendlc_requests_total counter',
      `tendlc_requests_total ${String(this.requests)}`,
      '# HELP tendlc_responses_total HTTP responses by status class.',
      '# TYPE tendlc_responses_total counter',
      ...[...this.responses].map(([cls, n]) => `tendlc_responses_total{class="${cls}"} ${String(n)}`),
      '# HELP tendlc_messages Messages held, by status.',
      '# TYPE tendlc_messages gauge',
      ...[...byStatus].map(([status, n]) => `tendlc_messages{status="${status}"} ${String(n)}`),
      '# HELP tendlc_scheduled_timers Timed events waiting on the virtual clock.',
      '# TYPE tendlc_scheduled_timers gauge',
      `tendlc_scheduled_timers ${String(service.sim.pendingTimers())}`,
      '# HELP tendlc_last_event_id The id of the last event.',
      '# TYPE tendlc_last_event_id gauge',
      `tendlc_last_event_id ${String(service.sim.lastEventId())}`,
      '# HELP tendlc_event_consumers WebSocket consumers of the event stream.',
      '# TYPE tendlc_event_consumers gauge',
      `tendlc_event_consumers ${String(this.streams().consumers)}`,
      '# HELP tendlc_event_backlog_bytes Bytes waiting in the sockets of the event stream consumers.',
      '# TYPE tendlc_event_backlog_bytes gauge',
      `tendlc_event_backlog_bytes ${String(this.streams().backlog)}`,
    ];
    return `${lines.join('\n')}\n`;
  }
}
