import { defineConfig } from 'vitest/config';

// Tests run against the TypeScript sources; CLI black-box tests spawn bin/tendlc.js, which needs the build.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/setup/compiled-schemas.ts'],
    setupFiles: ['test/setup/contract.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});
