import { randomUUID } from 'node:crypto';
import { availableQty, isBelowSafetyLevel } from '@wms/domain';
import { sql } from 'drizzle-orm';
import { type Tx, queryRows } from '../db/database';
import { emitWebhook } from '../webhooks/emit-webhook';
import { expiredUnits } from './expired-units';
import { readSetting } from './hub-settings';

export interface ReservationOutcome {
  skuId: string;
  qty: number;
  reserved: boolean;
  available: number;
}

interface PoolRow {
  physical: number;
  expired: number;
  reserved: number;
  inbound: number;
  inboundCoefficientBp: number;
}

/**
 * Reserves an order's units in its warehouse's pool. Each SKU is one conditional UPDATE (the
 * row lock makes concurrent orders queue and re-check `available`), taken in SKU order so two
 * orders never deadlock. A SKU that is short is not refused: a cross-warehouse transfer alert is
 * raised instead. A SKU that falls below its safety level raises a replenishment alert.
 */
export async function reserveStock(
  tx: Tx,
  order: { id: string; warehouseId: string },
  lines: readonly { skuId: string; qty: number }[],
  now: Date,
  /** In peak protection the safety-level check, which is not core to intake, is shed. */
  options: { shedNonCore?: boolean; safety?: { factor: number; windowDays: number } } = {},
): Promise<ReservationOutcome[]> {
  const bySku = new Map<string, number>();
  for (const l of lines) bySku.set(l.skuId, (bySku.get(l.skuId) ?? 0) + l.qty);
  const outcomes: ReservationOutcome[] = [];
  for (const [skuId, qty] of [...bySku].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const expired = expiredUnits('inventory_pool', now);
    const [row] = await queryRows<PoolRow>(
      tx,
      sql`
      update inventory_pool set reserved = reserved + ${qty}
      where warehouse_id = ${order.warehouseId} and sku_id = ${skuId}
        and physical - ${expired} - reserved + (inbound * inbound_coefficient_bp) / 10000 >= ${qty}
      returning physical, ${expired} as expired, reserved, inbound,
                inbound_coefficient_bp as "inboundCoefficientBp"`,
    );
    if (row) {
      await tx.execute(sql`
        insert into reservations (warehouse_id, order_id, sku_id, qty, created_at)
        values (${order.warehouseId}, ${order.id}, ${skuId}, ${qty}, ${now.toISOString()}::timestamptz)`);
      outcomes.push({ skuId, qty, reserved: true, available: availableQty(row) });
      if (!options.shedNonCore) {
        const safety = options.safety ?? (await readSetting(tx, 'safety'));
        await checkSafetyLevel(tx, order.warehouseId, skuId, availableQty(row), safety, now);
      }
    } else {
      const available = await availableIn(tx, order.warehouseId, skuId, now);
      outcomes.push({ skuId, qty, reserved: false, available });
      await raiseTransferAlert(tx, order, skuId, qty, available, now);
    }
  }
  return outcomes;
}

/**
 * Gives an order's active reservations back to the pool (cancel, or a hold that cancels). The
 * pool rows are locked first, in (warehouse, SKU) order as batch intake locks them, so a cancel
 * and an intake batch over the same SKUs cannot deadlock.
 */
export async function releaseReservations(tx: Tx, orderId: string): Promise<void> {
  await tx.execute(sql`
    select 1 from inventory_pool p
    where (p.warehouse_id, p.sku_id) in (select warehouse_id, sku_id from reservations
                                         where order_id = ${orderId} and status = 'active')
    order by p.warehouse_id, p.sku_id
    for update of p`);
  await tx.execute(sql`
    with released as (
      update reservations set status = 'released'
      where order_id = ${orderId} and status = 'active'
      returning warehouse_id, sku_id, qty
    ), per_sku as (
      select warehouse_id, sku_id, sum(qty)::int as qty from released group by warehouse_id, sku_id
    )
    update inventory_pool p set reserved = p.reserved - s.qty
    from per_sku s where p.warehouse_id = s.warehouse_id and p.sku_id = s.sku_id`);
}

export async function availableIn(
  tx: Tx,
  warehouseId: string,
  skuId: string,
  now: Date,
): Promise<number> {
  const [row] = await queryRows<PoolRow>(
    tx,
    sql`select physical, ${expiredUnits('p', now)} as expired, reserved, inbound,
               inbound_coefficient_bp as "inboundCoefficientBp"
        from inventory_pool p where warehouse_id = ${warehouseId} and sku_id = ${skuId}`,
  );
  return row ? availableQty(row) : 0;
}

async function raiseTransferAlert(
  tx: Tx,
  order: { id: string; warehouseId: string },
  skuId: string,
  qty: number,
  available: number,
  now: Date,
) {
  const [donor] = await queryRows<{ warehouseId: string; available: number }>(
    tx,
    sql`
    select * from (
      select warehouse_id as "warehouseId",
             physical - ${expiredUnits('p', now)} - reserved
               + (inbound * inbound_coefficient_bp) / 10000 as available
      from inventory_pool p
      where sku_id = ${skuId} and warehouse_id <> ${order.warehouseId}
    ) d where available >= ${qty}
    order by available desc limit 1`,
  );
  const message = donor
    ? `${order.warehouseId} lacks ${qty}× ${skuId} for order ${order.id} (available ${available}): transfer from ${donor.warehouseId} (available ${donor.available})`
    : `${order.warehouseId} lacks ${qty}× ${skuId} for order ${order.id} (available ${available}) and no warehouse has enough: replenish`;
  await raiseAlert(
    tx,
    { warehouseId: order.warehouseId, kind: 'transfer', skuId, orderId: order.id, message },
    now,
  );
}

async function checkSafetyLevel(
  tx: Tx,
  warehouseId: string,
  skuId: string,
  available: number,
  safety: { factor: number; windowDays: number },
  now: Date,
) {
  const since = new Date(now.getTime() - safety.windowDays * 86_400_000);
  const [sales] = await queryRows<{ sold: number; alerted: boolean }>(
    tx,
    sql`
    select coalesce(sum(qty), 0)::int as sold,
           exists (select 1 from alerts a where a.warehouse_id = ${warehouseId} and a.sku_id = ${skuId}
                   and a.kind = 'replenish' and a.raised_at > ${new Date(now.getTime() - 86_400_000).toISOString()}::timestamptz) as alerted
    from reservations
    where warehouse_id = ${warehouseId} and sku_id = ${skuId} and created_at > ${since.toISOString()}::timestamptz`,
  );
  if (!sales || sales.alerted) return;
  if (!isBelowSafetyLevel(available, sales.sold, safety.windowDays, safety.factor)) return;
  const daily = (sales.sold / safety.windowDays).toFixed(1);
  const message = `${skuId} in ${warehouseId}: only ${available} left, below ${safety.factor} × ${daily} a day: replenish`;
  await raiseAlert(tx, { warehouseId, kind: 'replenish', skuId, orderId: null, message }, now);
}

export async function raiseAlert(
  tx: Tx,
  alert: {
    warehouseId: string;
    kind:
      | 'transfer'
      | 'replenish'
      | 'peak'
      | 'orders-waiting'
      | 'return-rate'
      | 'sync-lag'
      | 'retention-export'
      | 'connector-revoked'
      | 'connector-lag';
    skuId: string | null;
    orderId: string | null;
    message: string;
  },
  now: Date,
) {
  const id = randomUUID();
  await tx.execute(sql`
    insert into alerts (id, warehouse_id, kind, sku_id, order_id, message, raised_at)
    values (${id}, ${alert.warehouseId}, ${alert.kind}, ${alert.skuId}, ${alert.orderId}, ${alert.message}, ${now.toISOString()}::timestamptz)`);
  await emitWebhook(tx, 'alert.raised', { alertId: id, ...alert }, now);
}
