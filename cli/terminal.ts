/**
 * What the commands do differently on a terminal: colour (`NO_COLOR` wins, `FORCE_COLOR` forces
 * it) and a progress line on stderr (only on a TTY, outside CI, for more than one item).
 */
export function useColor(toFile: boolean): boolean {
  if (process.env.NO_COLOR) return false;
  if (process.env.FORCE_COLOR && process.env.FORCE_COLOR !== '0') return true;
  return !toFile && process.stdout.isTTY === true;
}

/** Reports `i/total label` as work goes; `done >= total` clears the line. */
export function progressLine(total: number): (done: number, label: string) => void {
  if (total < 2 || !process.stderr.isTTY || process.env.CI) return () => undefined;
  return (done, label) => {
    process.stderr.write(
      done >= total ? '\r\u001b[K' : `\r\u001b[K${String(done + 1)}/${String(total)} ${label}`,
    );
  };
}
