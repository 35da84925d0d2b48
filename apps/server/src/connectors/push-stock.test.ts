import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { queryRows } from '../db/database';
import { aSeededAppPerFile } from '../testing/test-app';
import { testDatabases } from '../testing/test-databases';
import { loadConnector } from './connector-store';
import { RECONCILE_MS, pushChannelStock } from './push-stock';
import { TestClock, aScriptedConnector } from './testing/connector-fixtures';

describe.each(testDatabases())('stock out to the channels on $name', (target) => {
  const fx = aSeededAppPerFile(target);
  const clock = new TestClock();
  const available = async (skuId: string) =>
    (
      await queryRows<{ qty: number }>(
        fx.database.db,
        sql`select coalesce(sum(physical - reserved + floor(inbound * inbound_coefficient_bp / 10000.0)), 0)::int as qty
            from inventory_pool where sku_id = ${skuId}`,
      )
    )[0]!.qty;

  it("pushes what each mapped code may sell, less the shop's buffer; then only changes; all once a day", async () => {
    const c = await aScriptedConnector(fx.database.db, clock, { shopId: 'shop-stock' });
    await fx.database.db.execute(sql`
      insert into channel_sku_codes (warehouse_id, channel, shop_id, code, sku_id)
      values ('GZ', 'taobao', 'shop-stock', 'TB-碗-白', 'SKU-00014')`);
    await fx.database.db.execute(
      sql`update connectors set stock_buffer = 2 where id = ${c.connector.id}`,
    );
    const connector = async () => (await loadConnector(fx.database.db, c.connector.id))!;
    const cup = Math.max(0, (await available('SKU-00121')) - 2);
    const bowl = Math.max(0, (await available('SKU-00014')) - 2);
    expect(await pushChannelStock(c.runtime, await connector())).toEqual({
      pushed: 2,
      reconciled: true,
    });
    expect(c.platform.stockPushes).toEqual([
      [
        { code: 'TB-CUP-RED', qty: cup },
        { code: 'TB-碗-白', qty: bowl },
      ].sort((a, b) => (a.code < b.code ? -1 : 1)),
    ]);
    expect(await pushChannelStock(c.runtime, await connector())).toEqual({
      pushed: 0,
      reconciled: false,
    });
    await fx.database.db.execute(sql`
      update inventory_pool set reserved = reserved + 1
      where sku_id = 'SKU-00014' and warehouse_id = (select warehouse_id from inventory_pool where sku_id = 'SKU-00014' limit 1)`);
    await pushChannelStock(c.runtime, await connector());
    expect(c.platform.stockPushes[1]).toEqual([{ code: 'TB-碗-白', qty: Math.max(0, bowl - 1) }]);
    clock.advance(RECONCILE_MS);
    expect(await pushChannelStock(c.runtime, await connector())).toEqual({
      pushed: 2,
      reconciled: true,
    });
  });
});
