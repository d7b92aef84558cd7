import { catalog } from '../engine/catalog.js';
import type { Severity } from '../engine/finding.js';
import { loadProfile } from '../simulator/files/profile-file.js';
import { lintText } from '../validator/lint.js';
import { PullError } from '../validator/pull/http.js';
import { pullAccount, type PullCredentials } from '../validator/pull/pull-account.js';
import { formatStylish } from '../validator/reporters/stylish.js';
import { writeOutput } from './output-file.js';

export interface PullFlags {
  baseUrl?: string;
  accountSid?: string;
  authToken?: string;
  apiKey?: string;
  out?: string;
  lint?: boolean;
  failOn: Severity;
  profile: string;
  now?: string;
}

const RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

/**
 * Runs `tendlc pull` and returns its exit code: 0 written (and, with --lint, clean), 1 lint
 * findings at or above --fail-on, 2 a usage error or a provider that could not be read.
 */
export async function runPull(provider: 'twilio' | 'telnyx', flags: PullFlags): Promise<number> {
  const fail = (message: string): number => {
    process.stderr.write(`tendlc pull: ${message}\n`);
    return 2;
  };
  const credentials = credentialsOf(provider, flags);
  if (typeof credentials === 'string') return fail(credentials);
  const now = flags.now === undefined ? Date.now() : Date.parse(flags.now);
  if (Number.isNaN(now)) return fail(`--now '${String(flags.now)}' is not a date such as 2026-11-01`);
  const profile = flags.lint ? loadProfile(flags.profile, process.cwd()) : undefined;
  if (profile && !profile.ok) return fail(profile.error);
  const baseUrl = flags.baseUrl ?? ((provider === 'telnyx' && process.env.TELNYX_BASE_URL) || undefined);
  if (baseUrl !== undefined && !/^https?:\/\/[^/]/u.test(baseUrl))
    return fail(
      `--base-url '${baseUrl}' is not an http(s) URL such as http://127.0.0.1:4100/${provider === 'twilio' ? 'twilio' : 'telnyx/v2'}`,
    );
  const progress = progressOf(provider);
  let result;
  try {
    result = await pullAccount(credentials, { ...(baseUrl === undefined ? {} : { baseUrl }), progress });
  } catch (error) {
    progress(undefined);
    if (error instanceof PullError) return fail(error.message);
    throw error;
  } finally {
    progress(undefined);
  }
  if (flags.out) {
    const failed = writeOutput(flags.out, result.text);
    if (failed) return fail(`--out ${failed}`);
  } else process.stdout.write(result.text);
  if (!profile?.ok) return 0;
  const file = flags.out ?? `<${provider}>`;
  const lint = lintText(result.text, file, { rules: catalog, profile: profile.profile, now });
  // The config took stdout; the report goes beside it on stderr, or to stdout when the config went to a file.
  const report = formatStylish([lint], false);
  (flags.out ? process.stdout : process.stderr).write(report);
  return lint.diagnostics.some((d) => RANK[d.severity] >= RANK[flags.failOn]) ? 1 : 0;
}

function credentialsOf(provider: 'twilio' | 'telnyx', flags: PullFlags): PullCredentials | string {
  if (provider === 'twilio') {
    const accountSid = flags.accountSid ?? process.env.TWILIO_ACCOUNT_SID;
    const authToken = flags.authToken ?? process.env.TWILIO_AUTH_TOKEN;
    if (!accountSid || !authToken)
      return 'Twilio needs an account SID and an auth token: --account-sid and --auth-token, or TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN';
    return { provider, accountSid, authToken };
  }
  const apiKey = flags.apiKey ?? process.env.TELNYX_API_KEY;
  if (!apiKey) return 'Telnyx needs an API key: --api-key, or TELNYX_API_KEY';
  return { provider, apiKey };
}

/** A progress line on stderr, on a TTY outside CI only; `undefined` clears it. */
function progressOf(provider: string): (what: string | undefined) => void {
  if (!process.stderr.isTTY || process.env.CI) return () => undefined;
  let shown = false;
  return (what) => {
    if (what === undefined) {
      if (shown) process.stderr.write('\r\u001b[K');
      shown = false;
      return;
    }
    shown = true;
    process.stderr.write(`\r\u001b[Kpulling ${provider}: ${what}…`);
  };
}
