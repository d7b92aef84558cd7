import { stringify } from 'yaml';
import type { Provider } from './http.js';
import type { PulledConfig } from './pulled.js';

/** Where and when a config was pulled, for its header. */
export interface PullSource {
  provider: Provider;
  /** The API root read (the real host, or a simulator's face). */
  baseUrl: string;
  /** The provider account: a Twilio account SID; for Telnyx, what the key reaches. */
  account?: string;
  at: Date;
}

const NAMES: Record<Provider, string> = { twilio: 'Twilio', telnyx: 'Telnyx' };

/**
 * The account config as YAML, under a header that says where and when it was pulled and which
 * values are defaults (what the provider does not know), so that a reader of a finding can tell
 * a registered fact from a stated default.
 */
export function writePulledConfig(pulled: PulledConfig, source: PullSource): string {
  const name = NAMES[source.provider];
  const header = [
    `Pulled from ${name}${source.account ? ` account ${source.account}` : ''} at ${source.baseUrl}`,
    `on ${source.at.toISOString()} by \`tendlc pull ${source.provider}\`.`,
    `Brands, campaigns, numbers and assignments are as ${name} gave them; numbers carry`,
    `\`origin: ${source.provider}\`, so the platform's own rules do not apply to them.`,
    `Defaults (values ${name} does not give):`,
    ...pulled.defaults.map((d) => `  - ${d}`),
  ];
  const body = stringify(pulled.config, { lineWidth: 0, aliasDuplicateObjects: false });
  return `${header.map((line) => `# ${line}`.trimEnd()).join('\n')}\n${body}`;
}
