import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { type Tx, queryRows } from '../db/database';
import { moveStock } from '../inventory/stock-ledger';

/** Infant formula (SKU-00191…00200): the cold-chain customer's kind of goods, by lot and expiry. */
const FORMULA = Array.from({ length: 10 }, (_, i) => `SKU-${String(191 + i).padStart(5, '0')}`);
const DAY = 86_400_000;

/**
 * Issue 16's demo: the infant formula SKUs on no demo wave are lot-tracked (shelf life 180 days,
 * at least 7 left to ship). In each warehouse they have their home bin split into a short-
 * dated lot (expires in 5 days) and a later one (in 120 days), and 2 units of an expired lot sit
 * in the reserve bin (never allocated). One GZ order asks for more than is pickable: it waits as
 * `backordered` with its transfer alert until stock arrives.
 */
export async function seedInventoryDemo(tx: Tx, now: Date): Promise<void> {
  const ids = JSON.stringify(FORMULA);
  await tx.execute(sql`
    update skus set lot_tracked = true, shelf_life_days = 180, min_remaining_shelf_life_days = 7
    where id in (select jsonb_array_elements_text(${ids}::jsonb))
      -- the demo waves' lines were planned without lots: those SKUs stay untracked
      and not exists (select 1 from pick_lines p where p.sku_id = skus.id)`);
  const slots = await queryRows<{ warehouseId: string; binId: string; skuId: string; qty: number }>(
    tx,
    sql`select s.warehouse_id as "warehouseId", s.bin_id as "binId", s.sku_id as "skuId", s.qty
        from stock s
        where s.sku_id in (select jsonb_array_elements_text(${ids}::jsonb))
          and s.lot is null and s.qty > 0
          and not exists (select 1 from pick_lines p where p.sku_id = s.sku_id)
        order by s.warehouse_id, s.sku_id, s.qty desc, s.bin_id`,
  );
  const day = (offset: number) => new Date(now.getTime() + offset * DAY).toISOString().slice(0, 10);
  const code = now.toISOString().slice(2, 10).replaceAll('-', '');
  const moves = slots.flatMap((s) => {
    const untracked = { ...s, lot: null, expiry: null, status: 'available' as const };
    const lot = (suffix: string, expiry: string, delta: number) => ({
      ...untracked,
      lot: `${code}${suffix}`,
      expiry,
      delta,
      reason: 'lot-correction' as const,
      note: 'demo: lots of the cold-chain SKUs',
    });
    const out = { ...untracked, delta: -s.qty, reason: 'lot-correction' as const };
    if (s.qty === 24) return [out, lot('X', day(-3), 2), lot('B', day(120), s.qty - 2)];
    const soon = Math.min(6, s.qty);
    return [out, lot('A', day(5), soon), lot('B', day(120), s.qty - soon)].filter(
      (m) => m.delta !== 0,
    );
  });
  await moveStock(tx, moves, now);
  await seedBackorder(tx, now);
}

async function seedBackorder(tx: Tx, now: Date) {
  const skuId = FORMULA[FORMULA.length - 1] ?? '';
  const orderId = `SO-DEMO-BACKORDER`;
  await tx.execute(sql`
    insert into orders (id, warehouse_id, channel, channel_order_id, status, consignee_name, province, city,
                        carrier, placed_at)
    values (${orderId}, 'GZ', 'mini-program', 'MP-DEMO-0001', 'backordered', '陈静', '广东省', '广州市',
            'ZTO', ${now.toISOString()}::timestamptz)`);
  await tx.execute(sql`
    insert into order_lines (id, order_id, sku_id, qty, unit_price_cents)
    values (${`${orderId}-1`}, ${orderId}, ${skuId}, 500, 25800)`);
  const [pickable] = await queryRows<{ qty: number }>(
    tx,
    sql`select coalesce(sum(qty), 0)::int as qty from stock
        where warehouse_id = 'GZ' and sku_id = ${skuId} and status = 'available'
          and (expiry is null or expiry >= ${now.toISOString().slice(0, 10)}::date + 7)`,
  );
  const short = [{ skuId, qty: 500, allocatable: pickable?.qty ?? 0 }];
  await tx.execute(sql`
    insert into order_events (order_id, kind, detail, at)
    values (${orderId}, 'backordered', ${JSON.stringify({ short })}::jsonb, ${now.toISOString()}::timestamptz)`);
  await tx.execute(sql`
    insert into alerts (id, warehouse_id, kind, sku_id, order_id, message, raised_at)
    values (${randomUUID()}, 'GZ', 'transfer', ${skuId}, ${orderId},
            ${`GZ cannot pick order ${orderId} now: 500× ${skuId}. Transfer or replenish; the order joins a wave once stock arrives`},
            ${now.toISOString()}::timestamptz)`);
}
