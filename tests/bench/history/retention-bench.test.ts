import { describe, expect, it } from 'vitest';
import { formatRetentionBench, retentionMeasurements, runRetentionBench } from './retention-bench';

/**
 * The retention bench (`BENCH_ONLY=retention npm run bench`, retention-size-cli.ts), tiny (600
 * orders), so it cannot rot: the first round over a built history prunes all of it, exports it,
 * keeps the ledger whole, and the bench reports every step. It builds on the Postgres of
 * DATABASE_URL, as the bench does; the figures are the bench's, not this test's.
 */
describe('the retention bench, tiny', () => {
  it.runIf(process.env.DATABASE_URL)(
    'the first round over a history prunes all of it, in files, and says how long each step took',
    async () => {
      const result = await runRetentionBench(process.env.DATABASE_URL!, 600, () => {});
      expect(result.round.failures).toEqual([]);
      expect(result.left).toEqual({
        orders: 0,
        orderLines: 0,
        orderEvents: 0,
        scans: 0,
        movements: 0,
        drift: 0,
      });
      // 600 orders, 7 of them cancelled (every 97th): every one masked, then exported.
      expect(result.round.masked).toBeGreaterThanOrEqual(600);
      expect(result.pruned.get('orders')!.rows).toBeGreaterThanOrEqual(600);
      // The timelines and the ledger went by whole months (dropped partitions), in files.
      for (const table of ['order_events', 'stock_movements', 'scan_events_archive']) {
        expect(result.pruned.get(table)!.files).toBeGreaterThan(0);
        expect(result.tables.find((t) => t.table === table)!.bytesExported).toBeGreaterThan(0);
      }
      expect(Object.keys(result.round.timings)).toEqual(
        expect.arrayContaining(['partitions', 'archive', 'mask', 'orders', 'changes']),
      );
      expect(formatRetentionBench(result)).toContain('first retention round');
      expect(retentionMeasurements(result)).toHaveLength(2);
    },
    300_000,
  );
});
