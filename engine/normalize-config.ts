import type { AccountConfig } from './account-config.js';
import { normalizePhone } from './phone.js';

/**
 * Normalises every phone number of a schema-valid account config to E.164, in place of a copy.
 * A number that does not normalise is kept as written: `recipient-us-10-digit` reports it.
 */
export function normalizeConfig(config: AccountConfig): AccountConfig {
  const e164 = (value: string): string => {
    const result = normalizePhone(value);
    return result.ok ? result.e164 : value;
  };
  return {
    ...config,
    ...(config.numbers && { numbers: config.numbers.map((n) => ({ ...n, e164: e164(n.e164) })) }),
    ...(config.outreach && {
      outreach: config.outreach.map((o) => ({
        ...o,
        ...(o.numbers && { numbers: o.numbers.map(e164) }),
        ...(o.recipients && { recipients: o.recipients.map((r) => ({ ...r, to: e164(r.to) })) }),
      })),
    }),
  };
}
