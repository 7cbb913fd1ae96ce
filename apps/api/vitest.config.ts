import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'api',
    // test/cluster and test/faults run the built app: npm run test:cluster, npm run test:faults.
    include: ['src/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    // Records the SQL each module sends (test/sql-recorder.ts, checked against queries/*.sql).
    setupFiles: ['test/sql-recorder.ts'],
    // Each test file gets its own database (see test/database.ts); files run in parallel.
    pool: 'forks',
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
