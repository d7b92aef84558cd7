/** A row of a scenario's parameter table: names to values. */
export type ParameterRow = Readonly<Record<string, unknown>>;

const PLACEHOLDER = /\{\{([A-Za-z_][A-Za-z0-9_]*)\}\}/gu;

/**
 * A value with `{{NAME}}` replaced by the row's values: a text that is only a placeholder takes
 * the value as it is (a number stays a number), one inside a text is written in. `{{number.…}}`
 * is the runner's own template, left for run time; any other unknown name is reported.
 */
export function substitute(value: unknown, row: ParameterRow, unknown: (name: string) => void): unknown {
  if (typeof value === 'string') {
    const whole = /^\{\{([A-Za-z_][A-Za-z0-9_]*)\}\}$/u.exec(value);
    if (whole && Object.hasOwn(row, whole[1]!)) return row[whole[1]!];
    return value.replace(PLACEHOLDER, (text, name: string) => {
      if (Object.hasOwn(row, name)) return String(row[name]);
      unknown(name);
      return text;
    });
  }
  if (Array.isArray(value)) return value.map((v) => substitute(v, row, unknown));
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, row, unknown)]));
  return value;
}

/** A row in a scenario's name, where the name does not already say it: `a=1, b=x`. */
export function describeRow(row: ParameterRow): string {
  return Object.entries(row)
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(', ');
}
