import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openDatabase, queryRows } from '../db/database';
import { aSeededAppPerFile } from '../testing/test-app';
import { hasPostgres, testDatabases } from '../testing/test-databases';
import { pullDueConnectors, startConnectorScheduler } from './connector-scheduler';
import { loadConnector } from './connector-store';
import { pullConnector } from './pull-connector';
import { TestClock, aScriptedConnector } from './testing/connector-fixtures';
import { ScriptedPlatform, aPlatformOrder } from './testing/scripted-platform';

describe.each(testDatabases())('the connector scheduler on $name', (target) => {
  const fx = aSeededAppPerFile(target);
  const clock = new TestClock();

  it('pulls the connectors that are due, and a paused one not at all', async () => {
    const due = await aScriptedConnector(fx.database.db, clock);
    const paused = await aScriptedConnector(fx.database.db, clock, { platform: due.platform });
    await fx.database.db.execute(
      sql`update connectors set status = 'paused' where id = ${paused.connector.id}`,
    );
    due.platform.place(aPlatformOrder(due.connector.cursor, { shopId: due.shopId }));
    clock.advance(1_000);
    const reports = await pullDueConnectors(fx.database, due.runtime);
    const mine = reports.filter((r) => r.taken.accepted > 0);
    expect(mine.map((r) => r.taken.accepted)).toEqual([1]);
    const again = await pullDueConnectors(fx.database, due.runtime);
    expect(again).toEqual([]);
    expect((await loadConnector(fx.database.db, paused.connector.id))?.lastPullAt).toBeNull();
    clock.advance(10_000);
    expect((await pullDueConnectors(fx.database, due.runtime)).length).toBeGreaterThanOrEqual(1);
  });

  it('raises a red alert once when a connector falls behind, and clears it when caught up', async () => {
    const c = await aScriptedConnector(fx.database.db, clock, { shopId: 'shop-lagging' });
    c.platform.down = true;
    clock.advance(6 * 60_000);
    await pullConnector(c.runtime, c.connector.id);
    clock.advance(60_000);
    await pullConnector(c.runtime, c.connector.id);
    const open = () =>
      queryRows<{ message: string }>(
        fx.database.db,
        sql`select message from alerts where kind = 'connector-lag' and message like '淘宝 shop-lagging:%'
              and cleared_at is null`,
      );
    expect(await open()).toEqual([
      {
        message:
          '淘宝 shop-lagging: orders are 6 min behind the platform (last error: unavailable: platform answered 503) · 店铺订单拉取延迟',
      },
    ]);
    c.platform.down = false;
    await pullConnector(c.runtime, c.connector.id);
    expect(await open()).toEqual([]);
    expect((await loadConnector(fx.database.db, c.connector.id))?.lagAlertedAt).toBeNull();
  });

  it('runs in the background: a paid order is stored with nobody calling a pull', async () => {
    const c = await aScriptedConnector(fx.database.db, clock);
    await fx.database.db.execute(sql`
      update connectors set interval_seconds = 1, cursor = now(), next_pull_at = now() where id = ${c.connector.id}`);
    // Real time here: the round runs on timers.
    const now = () => new Date();
    const platform = new ScriptedPlatform(now);
    const runtime = { ...c.runtime, now, registry: { taobao: () => platform } };
    const errors: unknown[] = [];
    const stop = startConnectorScheduler(fx.database, runtime, {
      tickMs: 100,
      onError: (e) => errors.push(e),
    });
    try {
      const order = aPlatformOrder(new Date(), { shopId: c.shopId });
      const placedAt = Date.now();
      platform.place(order);
      let storedAt: number | null = null;
      while (storedAt === null && Date.now() - placedAt < 30_000) {
        const rows = await queryRows(
          fx.database.db,
          sql`select id from orders where channel_order_id = ${order.platformOrderId}`,
        );
        if (rows.length > 0) storedAt = Date.now();
        else await new Promise((r) => setTimeout(r, 50));
      }
      expect(errors).toEqual([]);
      // Stored by the background round alone (how fast is the bench's figure, not a test's).
      expect(storedAt).not.toBeNull();
    } finally {
      await stop();
    }
  });
});

/** Needs two real connections to one database: real Postgres only (as CI always has). */
describe.runIf(hasPostgres)(
  'the connector scheduler across two server processes (Postgres)',
  () => {
    const fx = aSeededAppPerFile(testDatabases().find((d) => d.name === 'postgres')!);
    const clock = new TestClock();

    it('two server processes never pull the same connector at once (advisory lock)', async () => {
      const c = await aScriptedConnector(fx.database.db, clock);
      await fx.database.db.execute(
        sql`update connectors set next_pull_at = 'infinity' where id <> ${c.connector.id}`,
      );
      const orders = Array.from({ length: 30 }, (_, k) =>
        aPlatformOrder(new Date(c.connector.cursor.getTime() + k * 1_000), { shopId: c.shopId }),
      );
      orders.forEach((o) => c.platform.place(o));
      clock.advance(60_000);
      c.platform.latencyMs = 150;
      const second = await openDatabase({ kind: 'postgres', url: fx.database.url! });
      try {
        const [a, b] = await Promise.all([
          pullDueConnectors(fx.database, c.runtime),
          pullDueConnectors(second, { ...c.runtime, db: second.db }),
        ]);
        expect([...a, ...b].map((r) => r.taken.accepted)).toEqual([30]);
        expect(c.platform.calls.filter((l) => l.startsWith('list '))).toHaveLength(1);
      } finally {
        await second.close();
      }
    });
  },
);
