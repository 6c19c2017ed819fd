import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    globalSetup: ['./test/support/global-setup.ts'],
    setupFiles: ['./test/support/setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Tests never print secrets; keep the reporter terse so CI logs stay readable.
    reporters: ['default', './test/support/summary-reporter.ts'],
  },
});
