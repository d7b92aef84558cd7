import { createRequire } from 'node:module';
import type twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient.js';

/**
 * The piece of an integrator's twilio-node setup that points it at the simulator. twilio-node has
 * no base-URL option; its `httpClient` option takes any object with `request(opts)`. This one
 * is twilio's own `RequestClient`, with the request's URL rewritten from Twilio's three hosts to the
 * simulator's prefixes, so everything else (auth, form encoding, paging, errors) is the SDK's:
 *
 *     const client = twilio(accountSid, authToken, { httpClient: twilioHttpClient(sim.url) });
 *
 * `https://api.twilio.com/…` → `${baseUrl}/twilio/api/…`, `https://messaging.twilio.com/…` →
 * `${baseUrl}/twilio/messaging/…`, `https://trusthub.twilio.com/…` → `${baseUrl}/twilio/trusthub/…`
 * (a region or edge in the host name, `api.sydney.au1.twilio.com`, maps the same). Any other URL is
 * left as it is.
 */

const TWILIO_HOST = /^https?:\/\/(api|messaging|trusthub)(?:\.[a-z0-9-]+)*\.twilio\.com(?=[/?]|$)/iu;

/** Twilio's URL as the simulator at `baseUrl` serves it. */
export function simulatorUri(uri: string, baseUrl: string): string {
  const base = baseUrl.replace(/\/+$/u, '');
  return uri.replace(TWILIO_HOST, (_m, host: string) => `${base}/twilio/${host.toLowerCase()}`);
}

/**
 * An `httpClient` for `twilio(accountSid, authToken, { httpClient })` that sends every request to
 * the simulator at `baseUrl` (`http://127.0.0.1:4100`): a twilio `RequestClient` (made with
 * `options`: timeouts, retries) whose requests go to the simulator. The `twilio` package is the
 * integrator's own: tendlc loads it from there when this is called, and does not depend on it.
 */
export function twilioHttpClient(
  baseUrl: string,
  options?: RequestClient.RequestClientOptions,
): RequestClient {
  const sdk = createRequire(import.meta.url)('twilio') as typeof twilio;
  class SimulatorRequestClient extends sdk.RequestClient {
    override request<TData>(opts: RequestClient.RequestOptions<TData>) {
      return super.request<TData>({ ...opts, uri: simulatorUri(opts.uri, baseUrl) });
    }
  }
  return new SimulatorRequestClient(options);
}
