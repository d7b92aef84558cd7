import type { SimulatorService } from './service.js';

/** `GET /metrics`: counters in the Prometheus text format. */
export class Metrics {
  private requests = 0;
  private responses = new Map<string, number>();

  request(): void {
    this.requests += 1;
  }

  response(status: number): void {
    const cls = `${String(Math.floor(status / 100))}xx`;
    this.responses.set(cls, (this.responses.get(cls) ?? 0) + 1);
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
    ];
    return `${lines.join('\n')}\n`;
  }
}
