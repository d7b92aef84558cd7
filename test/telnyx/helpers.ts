import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Telnyx from 'telnyx';
import type { Simulator } from '../../simulator/start-simulator.js';

/** A webhook as a receiver got it: the raw body and the headers, for the SDK's verifier. */
export interface Received {
  body: string;
  headers: Record<string, string>;
}

/** A real local HTTP receiver that keeps what it is sent (and answers 200). */
export interface Receiver {
  url: string;
  received: Received[];
  close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      received.push({ body, headers: flat(req.headers) });
      res.end('ok');
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${String(port)}/hooks`,
    received,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

function flat(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(headers))
    if (value !== undefined) out[key] = Array.isArray(value) ? value.join(', ') : value;
  return out;
}

/** The Telnyx SDK pointed at the simulator, as an integrator would set it up. */
export function telnyxClient(sim: Simulator, account = 'acme', apiKey?: string): Telnyx {
  const { telnyx } = sim.providers[account]!;
  return new Telnyx({
    apiKey: apiKey ?? telnyx.apiKey,
    publicKey: telnyx.publicKey,
    baseURL: `${sim.url}/telnyx/v2`,
    maxRetries: 0,
  });
}

/** The request body of an error the SDK threw: Telnyx's envelope. */
export function errorsOf(error: unknown): Array<{
  code: string;
  title: string;
  detail?: string;
  source?: { pointer?: string };
  meta?: { rule?: string; error_code?: number };
}> {
  const body = (error as { error?: { errors?: unknown } }).error;
  return (body?.errors ?? []) as never;
}

/** The brand and campaign fields of a realty firm that the registry accepts. */
export const brandParams = {
  entityType: 'PRIVATE_PROFIT' as const,
  displayName: 'Harbor Realty',
  companyName: 'Harbor Realty LLC',
  ein: '12-3456789',
  country: 'US',
  email: 'compliance@harbor.example',
  vertical: 'REAL_ESTATE' as const,
  website: 'https://harbor.example',
};

export function campaignParams(brandId: string, samples?: string[]) {
  const [sample1, sample2] = samples ?? [
    'Harbor Realty: your showing at 12 Pine St is confirmed for 3pm. Reply STOP to opt out.',
    'Harbor Realty: a new listing matches your search. Reply STOP to opt out.',
  ];
  return {
    brandId,
    usecase: 'ACCOUNT_NOTIFICATION',
    description: 'Showing confirmations and listing alerts for Harbor Realty clients who ask for them.',
    messageFlow: 'Clients opt in on harbor.example/alerts by checking a box that is not pre-checked.',
    sample1: sample1!,
    sample2: sample2!,
    optoutMessage: 'Harbor Realty: you are unsubscribed and will get no more texts.',
    helpMessage: 'Harbor Realty: help at harbor.example/help or reply STOP to opt out.',
    optoutKeywords: 'STOP,END',
    helpKeywords: 'HELP',
    embeddedLink: samples?.some((s) => s.includes('http')) ?? false,
  };
}
