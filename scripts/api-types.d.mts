/** The declarations of every component schema of a bundled OpenAPI document, as a `.d.ts` module's text. */
export declare function apiTypes(bundle: unknown, source?: string): string;
