import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { signature } from '../../simulator/webhooks.js';

/** One POST the receiver took: the event it carried, its headers, and what the receiver answered. */
export interface Received {
  webhook: string;
  raw: string;
  event: Record<string, unknown>;
  signatureHeader: string | undefined;
  answered: number;
}

/** How a webhook's receiver answers: 2xx, or a failure for the next `times` deliveries (all, if unset). */
interface Failing {
  status: number;
  times?: number;
}

/**
 * The webhook receiver a scenario's subscriptions point at: a real HTTP server on 127.0.0.1, one
 * path per webhook, that records each delivery and answers 200, or the failure it was told to
 * give (`receiver: { webhook, fail }`). Started with the scenario's first subscription.
 */
export class WebhookReceiver {
  private readonly log: Received[] = [];
  private readonly failing = new Map<string, Failing>();

  private constructor(
    private readonly server: Server,
    readonly base: string,
  ) {}

  static async start(): Promise<WebhookReceiver> {
    // The handler needs the receiver, which needs the server's port: it is filled in once listening.
    const made: { receiver?: WebhookReceiver } = {};
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const status =
          made.receiver?.take(req.url ?? '', Buffer.concat(chunks).toString('utf8'), req.headers) ?? 404;
        res.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? 'ok' : 'failing');
      });
    });
    await new Promise<void>((done, fail) => {
      server.once('error', fail);
      server.listen(0, '127.0.0.1', () => done());
    });
    const { port } = server.address() as AddressInfo;
    made.receiver = new WebhookReceiver(server, `http://127.0.0.1:${String(port)}`);
    return made.receiver;
  }

  /** The URL a subscription named `webhook` delivers to. */
  url(webhook: string): string {
    return `${this.base}/hooks/${encodeURIComponent(webhook)}`;
  }

  /** From now on the webhook's deliveries get `status` (for the next `times` only); undefined: 200 again. */
  fail(webhook: string, failing: Failing | undefined): void {
    if (failing) this.failing.set(webhook, { ...failing });
    else this.failing.delete(webhook);
  }

  /** What the webhook's receiver took, in the order it came. */
  received(webhook: string): Received[] {
    return this.log.filter((r) => r.webhook === webhook);
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((done) => this.server.close(() => done()));
  }

  private take(url: string, raw: string, headers: Record<string, string | string[] | undefined>): number {
    const match = /^\/hooks\/([^/?]+)$/u.exec(url);
    if (!match) return 404;
    const webhook = decodeURIComponent(match[1]!);
    const failing = this.failing.get(webhook);
    let answered = 200;
    if (failing) {
      answered = failing.status;
      if (failing.times !== undefined && --failing.times <= 0) this.failing.delete(webhook);
    }
    let event: Record<string, unknown> = {};
    try {
      event = JSON.parse(raw) as Record<string, unknown>;
    } catch {
      // kept as received: an expectation on its data says what is missing
    }
    const header = headers['x-tendlc-signature'];
    this.log.push({
      webhook,
      raw,
      event,
      signatureHeader: Array.isArray(header) ? header[0] : header,
      answered,
    });
    return answered;
  }
}

/** Whether a delivery's `X-Tendlc-Signature` is the HMAC of its body with the subscription's secret. */
export function signedWith(received: Received, secret: string): boolean {
  const match = /^t=(\d+),v1=[0-9a-f]+$/u.exec(received.signatureHeader ?? '');
  if (!match) return false;
  return signature(secret, received.raw, Number(match[1])) === received.signatureHeader;
}
