import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Vitest's default is one worker fewer than the cores: one worker on a two-core machine, so
    // the unit, server, ops and sim files ran one at a time, mostly waiting on Postgres, PGlite
    // or a server process. Two at least. (The browser files still run one at a time, after them.)
    maxWorkers: Math.max(2, availableParallelism() - 1),
    projects: [
      {
        extends: true,
        test: {
          name: 'unit+server',
          include: ['packages/*/src/**/*.test.ts', 'apps/*/src/**/*.test.ts'],
          // One migrated database of each kind, copied by every server test file.
          globalSetup: ['apps/server/src/testing/database-templates.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'sim',
          // With the history bench's tiny build (it builds databases, as the sim does).
          include: [
            'tests/sim/**/*.test.ts',
            'tests/bench/history/*.test.ts',
            'tests/bench/connectors-bench.test.ts',
          ],
          testTimeout: 240_000,
        },
      },
      {
        extends: true,
        test: {
          // The real server process: health, migrations, shutdown, TLS, backups.
          name: 'ops',
          include: ['tests/ops/**/*.test.ts'],
          globalSetup: ['tests/support/server-data-template.ts'],
          testTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['tests/**/*.browser.test.ts'],
          globalSetup: ['tests/support/build-pwa.ts', 'tests/support/server-data-template.ts'],
          testTimeout: 180_000,
          // Browser files share the run's workers with the others instead of running one at a
          // time after them: a browser file mostly waits (on its server, on Chromium's frames),
          // and a group of its own made the suite ~440 s longer. With the same worker count all
          // four projects form one group, the slowest files first.
        },
      },
    ],
  },
});
