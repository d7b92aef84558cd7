import type { HttpOptions, Provider } from './http.js';
import { mapTelnyxAccount } from './map-telnyx.js';
import { mapTwilioAccount } from './map-twilio.js';
import type { PulledConfig } from './pulled.js';
import { readTelnyxAccount, TELNYX_BASE_URL } from './telnyx.js';
import { readTwilioAccount } from './twilio.js';
import { writePulledConfig } from './write-config.js';

/** The credentials of each provider, as its SDK takes them. */
export type PullCredentials =
  { provider: 'twilio'; accountSid: string; authToken: string } | { provider: 'telnyx'; apiKey: string };

export interface PullOptions {
  /** The provider's API root: for Twilio the folder of its hosts (`…/twilio`), for Telnyx its `v2` root. */
  baseUrl?: string;
  /** The time the header states (default: now). */
  at?: Date;
  http?: Omit<HttpOptions, 'provider' | 'authorization'>;
  progress?: (what: string) => void;
  /** Items per page asked of the provider (default 50). */
  pageSize?: number;
}

/** A pulled account: the config, and the YAML text with its header. */
export interface PullResult extends PulledConfig {
  provider: Provider;
  text: string;
}

/** Reads a provider account through its API and writes it as an account config (a `PullError` when it cannot). */
export async function pullAccount(
  credentials: PullCredentials,
  options: PullOptions = {},
): Promise<PullResult> {
  const common = {
    ...(options.baseUrl === undefined ? {} : { baseUrl: options.baseUrl }),
    ...(options.http === undefined ? {} : { http: options.http }),
    ...(options.progress === undefined ? {} : { progress: options.progress }),
    ...(options.pageSize === undefined ? {} : { pageSize: options.pageSize }),
  };
  const at = options.at ?? new Date();
  if (credentials.provider === 'twilio') {
    const pulled = mapTwilioAccount(await readTwilioAccount({ ...common, ...credentials }));
    const text = writePulledConfig(pulled, {
      provider: 'twilio',
      baseUrl:
        options.baseUrl ??
        'https://api.twilio.com, https://messaging.twilio.com, https://trusthub.twilio.com',
      account: credentials.accountSid,
      at,
    });
    return { ...pulled, provider: 'twilio', text };
  }
  const pulled = mapTelnyxAccount(await readTelnyxAccount({ ...common, apiKey: credentials.apiKey }));
  const text = writePulledConfig(pulled, {
    provider: 'telnyx',
    baseUrl: options.baseUrl ?? TELNYX_BASE_URL,
    at,
  });
  return { ...pulled, provider: 'telnyx', text };
}
