/** `--target URL` with `--admin-token` (or `TENDLC_ADMIN_TOKEN`): a running server to drive. */
export function remoteFlags(
  target: string | undefined,
  adminToken: string | undefined,
): { remote?: { url: string; adminToken: string }; error?: string } {
  if (target === undefined) return {};
  const token = adminToken ?? process.env.TENDLC_ADMIN_TOKEN;
  if (!token) return { error: '--target needs the admin token: --admin-token or TENDLC_ADMIN_TOKEN' };
  if (!/^https?:\/\/\S+$/u.test(target)) return { error: `--target '${target}' is not an http(s) URL` };
  return { remote: { url: target.replace(/\/+$/u, ''), adminToken: token } };
}
