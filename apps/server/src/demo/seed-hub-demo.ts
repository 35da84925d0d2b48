import { DEFAULT_ROUTING_RULES, ENGINE_ASSEMBLY_SKUS } from '@wms/domain';
import { sql } from 'drizzle-orm';
import { type Db, type Tx, queryRows } from '../db/database';
import * as t from '../db/schema';
import { ensureHubDefaults } from '../holds/ensure-hold-defaults';

/** The Hangzhou warehouses the seeds' Xiaoshan rule routes to (no bins: no picking demo there). */
export const HUB_WAREHOUSES = [
  { id: 'HZ', name: 'Hangzhou own warehouse', nameZh: '杭州直营仓', city: '杭州' },
  {
    id: 'HZCLOUD',
    name: 'Hangzhou third-party cloud warehouse',
    nameZh: '杭州第三方云仓',
    city: '杭州',
  },
] as const;

const COST_BY_CATEGORY: Record<string, number> = {
  auto: 8_000,
  apparel: 4_000,
  baby: 3_000,
  home: 2_000,
};

/** Adds the hub's demo data to a demo database made before the hub existed (no routing rules yet). */
export async function seedHubDemoIfMissing(db: Db): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(72410002)`);
    const [rules] = await queryRows<{ n: number }>(
      tx,
      sql`select count(*)::int as n from routing_rules`,
    );
    const [demo] = await queryRows<{ n: number }>(
      tx,
      sql`select count(*)::int as n from warehouses where id = 'GZ'`,
    );
    if ((rules?.n ?? 0) === 0 && (demo?.n ?? 0) > 0) await seedHubDemo(tx);
  });
}

/**
 * The hub's demo data: the seeds' hold and routing rules, unit costs, and the inventory pool
 * (each demo warehouse's bin stock as physical; 50 of everything in Hangzhou).
 */
export async function seedHubDemo(tx: Tx): Promise<void> {
  await ensureHubDefaults(tx);
  await tx
    .insert(t.warehouses)
    .values([...HUB_WAREHOUSES])
    .onConflictDoNothing();
  await tx
    .insert(t.routingRules)
    .values([...DEFAULT_ROUTING_RULES])
    .onConflictDoNothing();
  for (const [category, cents] of Object.entries(COST_BY_CATEGORY)) {
    await tx.execute(
      sql`update skus set cost_cents = ${cents} where category = ${category} and cost_cents is null`,
    );
  }
  await tx.execute(sql`
    update skus set cost_cents = 40000
    where cost_cents is null and id in (select jsonb_array_elements_text(${JSON.stringify(ENGINE_ASSEMBLY_SKUS)}::jsonb))`);
  await tx.execute(sql`
    insert into inventory_pool (warehouse_id, sku_id, physical)
    select warehouse_id, sku_id, sum(qty)::int from stock group by warehouse_id, sku_id
    on conflict do nothing`);
  await tx.execute(sql`
    insert into inventory_pool (warehouse_id, sku_id, physical)
    select w.id, s.id, 50 from skus s cross join (values ('HZ'), ('HZCLOUD')) as w(id)
    on conflict do nothing`);
}
