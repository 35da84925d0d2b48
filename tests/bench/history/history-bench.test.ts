import { describe, expect, it } from 'vitest';
import { historyMeasurements, runHistoryBench } from './history-bench';

/**
 * The history bench's timing run, tiny (300 and 600 orders, two samples each), so the requests
 * it makes cannot rot: every request answers as the bench expects on both databases (a
 * Guangzhou supervisor traces Guangzhou's history orders; every timed wave build waves orders,
 * from the 20 taken in before it and the backlog), and the table has a row for each. It builds on the Postgres of
 * DATABASE_URL, as the bench does; figures are the bench's, not this test's.
 */
describe('the history bench, tiny', () => {
  it.runIf(process.env.DATABASE_URL)(
    'times every request at both sizes over a real server',
    async () => {
      const { rows, builds } = await runHistoryBench(
        process.env.DATABASE_URL!,
        { small: 300, large: 600, samples: 2, writeSamples: 1 },
        () => {},
      );
      expect(builds.map((b) => b.orders)).toEqual([300, 600]);
      expect(rows.map((r) => r.what)).toEqual([
        'GET /api/console/board',
        'GET /api/console/kpis',
        'GET /api/exceptions/queue',
        'GET /api/orders/:id/trace (a history order)',
        'GET /api/inventory/reconciliation',
        'GET /metrics',
        "a fresh picker's first pull",
        "a fresh supervisor's first pull",
        'POST /api/sync/push (100 picks)',
        'POST /api/orders/batch (500 orders)',
        'POST /api/waves/build (up to 20 orders)',
      ]);
      for (const row of rows) expect(row.large.bytes).toBeGreaterThan(0);
      // Each pull is measured twice (p95 and bytes), everything else once.
      expect(historyMeasurements(rows, 600)).toHaveLength(rows.length + 2);
    },
    300_000,
  );
});
