/**
 * Why the simulator refuses a command. The HTTP layer maps `kind` to a status
 * (forbidden 403, not-found 404, conflict 409, invalid 400, unprocessable 422) and copies
 * `rule` into the error body, so the refusal names the same id `tendlc lint` reports.
 */
export type RefusalKind = 'invalid' | 'forbidden' | 'not-found' | 'conflict' | 'unprocessable';

export interface Refusal {
  readonly kind: RefusalKind;
  /** The rule id from the catalog, when a rule refuses; absent for plain not-found or invalid input. */
  readonly rule?: string;
  /** A 10DLC registration error code where the real registry has one (30991, 30930, 30963, 21720). */
  readonly errorCode?: number;
  readonly message: string;
  readonly details?: Readonly<Record<string, unknown>>;
}

/** A refusal by a catalog rule. */
export function refuse(
  kind: RefusalKind,
  rule: string | undefined,
  message: string,
  details?: Record<string, unknown>,
  errorCode?: number,
): Refusal {
  return {
    kind,
    message,
    ...(rule === undefined ? {} : { rule }),
    ...(details === undefined ? {} : { details }),
    ...(errorCode === undefined ? {} : { errorCode }),
  };
}
