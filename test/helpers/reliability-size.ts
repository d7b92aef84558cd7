/** The size of a reliability test: the full figure of RELIABILITY.md under `npm run reliability`, else the CI one. */
export function reliabilitySize(full: number, ci: number): number {
  return process.env.TENDLC_FULL === '1' ? full : ci;
}
