import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { queryRows } from '../db/database';
import { anIntegrationKey, anOrder } from '../testing/hub-fixtures';
import { aSeededAppPerFile, bodyOf, postJson } from '../testing/test-app';
import { testDatabases } from '../testing/test-databases';

describe.each(testDatabases())('intake under concurrency on $name', (target) => {
  const fx = aSeededAppPerFile(target);

  it('the same channel order sent 12 times at once is stored once', async () => {
    const key = await anIntegrationKey(fx.database.db);
    const order = anOrder({ channel: 'meituan', channelOrderId: 'MT-RACE-1' });
    const answers = await Promise.all(
      Array.from({ length: 12 }, async () =>
        bodyOf<{ orderId: string; created: boolean }>(
          await postJson(fx.app, '/api/orders', order, key),
        ),
      ),
    );
    expect(new Set(answers.map((a) => a.orderId)).size).toBe(1);
    expect(answers.filter((a) => a.created)).toHaveLength(1);
    const [rows] = await queryRows<{ n: number }>(
      fx.database.db,
      sql`select count(*)::int as n from orders where channel_order_id = 'MT-RACE-1'`,
    );
    expect(rows?.n).toBe(1);
  });

  it('duplicates sent at the same moment still ship together as one group', async () => {
    const key = await anIntegrationKey(fx.database.db);
    const consignee = { name: '黄强', phone: '13544445555' };
    const address = { province: '广东', city: '深圳', district: '南山区', detail: '科技园 9 号' };
    const answers = await Promise.all(
      Array.from({ length: 4 }, async () =>
        bodyOf<{ orderId: string; mergedInto: string | null }>(
          await postJson(fx.app, '/api/orders', anOrder({ consignee, address }), key),
        ),
      ),
    );
    const heads = answers.filter((a) => a.mergedInto === null);
    expect(heads).toHaveLength(1);
    expect(new Set(answers.map((a) => a.mergedInto ?? a.orderId))).toEqual(
      new Set([heads[0]!.orderId]),
    );
  });
});
