import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// The templates' provided context (types only).
import type {} from '../../apps/server/src/testing/database-templates';
import { seedDemoIfEmpty } from '../../apps/server/src/demo/seed-demo';
import { type OwnedDatabase, testDatabases } from '../../apps/server/src/testing/test-databases';
import { connectorMeasurements, runConnectorBench } from './connectors-bench';

/**
 * The connectors bench, tiny (200 orders in a 10-minute peak, then the 10-minute outage), so it
 * cannot rot: every order placed on the two fake shops is stored once, and both figures are
 * within their limits.
 */
describe.each(testDatabases())('a tiny connectors bench on $name', (target) => {
  let database: OwnedDatabase;
  beforeAll(async () => {
    database = await target.open();
    await seedDemoIfEmpty(database.db);
  });
  afterAll(() => database?.drop());

  it('stores every order of both shops once, within 30 s at p95 and 2 minutes after the outage', async () => {
    const result = await runConnectorBench(database.db, {
      peakOrders: 200,
      peakMs: 600_000,
      outageMs: 600_000,
      afterMs: 60_000,
    });
    expect([result.latencies.length, result.gapOrders, result.twice, result.missing]).toEqual([
      200, 200, 0, 0,
    ]);
    // Pulled every 10 s: an order waits at most one interval, plus the pull's own work.
    expect(result.p95Ms).toBeGreaterThan(5_000);
    expect(result.p95Ms).toBeLessThan(30_000);
    // A connector failing through the outage is retried at most a minute after its last try.
    expect(result.catchUpMs).toBeLessThan(120_000);
    expect(connectorMeasurements(result).map((m) => m.meetsTarget)).toEqual([true, true]);
  });
});
