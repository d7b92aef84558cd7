import { relative, resolve } from 'node:path';
import { readConfigFile } from '../simulator/files/config-file.js';
import { fuzz } from '../validator/fuzz/fuzz.js';
import { EXAMPLES_DIR } from '../simulator/files/package-root.js';
import { listProfiles, loadProfile } from '../simulator/files/profile-file.js';
import { remoteFlags } from './target-flags.js';

export interface FuzzFlags {
  runs: string;
  steps: string;
  seed?: string;
  target?: string;
  adminToken?: string;
  out: string;
  config?: string;
  profile: string;
  latency: 'realistic' | 'fast' | 'instant';
}

/** Runs `tendlc fuzz` and returns its exit code: 0 clean, 1 a counterexample written, 2 usage. */
export async function runFuzz(flags: FuzzFlags): Promise<number> {
  const usage = (message: string): number => {
    process.stderr.write(`tendlc fuzz: ${message}\n`);
    return 2;
  };
  const runs = Number(flags.runs);
  const steps = Number(flags.steps);
  if (!Number.isInteger(runs) || runs < 1)
    return usage(`--runs '${flags.runs}' is not a positive whole number`);
  if (!Number.isInteger(steps) || steps < 1)
    return usage(`--steps '${flags.steps}' is not a positive whole number`);
  // A run is replayed from its seed; without one, a fresh one is drawn and printed.
  const seed = flags.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(flags.seed);
  if (!Number.isInteger(seed) || seed < 0)
    return usage(`--seed '${String(flags.seed)}' is not a whole number`);
  const { remote, error } = remoteFlags(flags.target, flags.adminToken);
  if (error) return usage(error);
  const configFile = resolve(flags.config ?? resolve(EXAMPLES_DIR, 'acme.yaml'));
  // A shipped profile goes by its name; a file by its path, which the regression scenario written
  // under --out gives relative to itself.
  const shipped = listProfiles().includes(`${flags.profile}.yaml`);
  const profileFile = shipped ? undefined : resolve(flags.profile);
  const profile = loadProfile(flags.profile);
  if (!profile.ok) return usage(profile.error);
  const read = readConfigFile(configFile, profile.profile);
  if (!read.ok) return usage(`--config cannot be loaded:\n  ${read.errors.slice(0, 10).join('\n  ')}`);
  if (read.configs.length !== 1)
    return usage(`--config ${configFile} holds ${String(read.configs.length)} accounts; fuzz one`);
  const out = resolve(flags.out);
  process.stdout.write(
    `tendlc fuzz: ${String(runs)} runs of up to ${String(steps)} steps, seed ${String(seed)}${remote ? `, against ${remote.url}` : ''}\n`,
  );
  try {
    const report = await fuzz({
      runs,
      steps,
      seed,
      account: read.configs[0]!,
      accountRef: relative(out, configFile) || configFile,
      latency: flags.latency,
      profile: profileFile ?? flags.profile,
      profileRef: profileFile ? relative(resolve(flags.out), profileFile) : flags.profile,
      out,
      ...(remote ? { remote } : {}),
    });
    if (!report.failure) {
      process.stdout.write(
        `${String(report.runs)} runs, no invariant broken (${String(Math.round(report.ms))} ms)\n`,
      );
      return 0;
    }
    const f = report.failure;
    process.stdout.write(
      [
        `✗ ${f.violation}`,
        `  after ${String(f.steps.length)} steps (shrunk); seed ${String(f.seed)}, path ${f.path}`,
        `  written to ${relative(process.cwd(), f.file)}; replay it with: tendlc scenario run ${relative(process.cwd(), f.file)}`,
        '',
      ].join('\n'),
    );
    return 1;
  } catch (error) {
    return usage(error instanceof Error ? error.message : String(error));
  }
}
