/**
 * The key of an `Authorization: Bearer <key>` header. The scheme is case-insensitive (RFC 9110
 * §11.1), so `bearer` and `BEARER` work too; undefined when the header is absent or another scheme.
 */
export function bearerOf(header: string | undefined): string | undefined {
  const match = /^bearer[ \t]+(\S+)[ \t]*$/iu.exec(header ?? '');
  return match?.[1];
}
