/** Seconds a client is told to wait after the disk refused a write (`Retry-After`). */
export const STORAGE_RETRY_AFTER_S = 5;

/**
 * The disk refused to take an entry (full, read-only, gone): nothing was changed, and nothing is
 * acknowledged. The HTTP face answers it 503 `storage_unavailable` with `Retry-After`.
 */
export class StorageUnavailable extends Error {
  override readonly name = 'StorageUnavailable';

  constructor(
    message: string,
    /** The file-system error code (`ENOSPC`, `EIO`…), when there was one. */
    readonly reason?: string,
  ) {
    super(message);
  }
}

/** The error code of a Node file-system error, or a short description of anything else. */
export function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string') return code;
  return error instanceof Error ? error.message : String(error);
}
