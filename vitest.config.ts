import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Vitest's default is one worker fewer than the cores: one worker on a two-core machine, so
    // the unit, server, ops and sim files ran one at a time, mostly waiting on Postgres, PGlite
    // or a server process. Two at least. (The browser files run one at a time, after them.)
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
          globalSetup: ['tests/support/browser-setup.ts'],
          testTimeout: 180_000,
          // One browser file at a time, in a group of its own after the others (session 9).
          // Sharing the two workers with the rest (session 8) was faster while the suite was
          // small, but with 213 files a browser file ran beside the 50,000-row imports, the
          // failover drill or another browser: the page's timers starved, a simulated scanner
          // burst came slower than 40 ms a key and was read as typing, and sign-ins and pick
          // steps timed out (three such failures in a full run alone on the machine). Browser
          // files alone took ~1,035 s of file time; the others ~1,200 s over two workers.
          fileParallelism: false,
        },
      },
    ],
  },
});
