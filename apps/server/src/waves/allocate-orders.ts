import { randomUUID } from 'node:crypto';
import {
  type AllocatedPick,
  type ShortSku,
  type SkuAllocationRule,
  type StockSlot,
  allocateOrder,
} from '@wms/domain';
import { type SQL, sql } from 'drizzle-orm';
import { type Tx, queryRows } from '../db/database';
import { insertAlerts } from '../inventory/batch-pool';
import { recordOrderSteps } from '../orders/order-timeline';
import { emitWebhooks } from '../webhooks/emit-webhook';

export interface OrderLineToWave {
  orderId: string;
  orderLineId: string;
  skuId: string;
  qty: number;
  carrier: string | null;
  /** The ship-together group's first order (the order itself when it ships alone). */
  groupId?: string;
}

/** An order whose every line is allocated: its picks, bin and lot named. */
export interface AllocatedOrder {
  orderId: string;
  carrier: string | null;
  picks: (AllocatedPick & { orderLineId: string; skuId: string })[];
}

/**
 * Serialises every allocation of a warehouse's stock (wave builds, short-pick reallocation):
 * each reads what open lines plan and adds lines of its own, so two at once would plan the same
 * units twice. A transaction-scoped advisory lock, released at commit.
 */
export async function lockAllocation(tx: Tx, warehouseId: string): Promise<void> {
  await tx.execute(
    sql`select pg_advisory_xact_lock(hashtext('allocation'), hashtext(${warehouseId}))`,
  );
}

/**
 * Pickable stock in a warehouse, one row per bin, SKU and lot (`sku_id, bin_id, bin_code, zone,
 * path_seq, lot, expiry, free`): `available` units in active bins less what open pick lines of
 * open waves still plan from the same bin and lot. `skus` narrows it to a set of SKU ids (a
 * query of `sku_id`), or null for every SKU. The one definition of "free to plan": allocation
 * reads it per slot, the wave build's backorder filter per SKU.
 */
export function pickableStock(warehouseId: string, skus: SQL | null): SQL {
  const ofSkus = (column: SQL) => (skus ? sql`and ${column} in (${skus})` : sql``);
  return sql`
    select s.sku_id, s.bin_id, b.code as bin_code, b.zone, b.path_seq, s.lot, s.expiry,
           (s.qty - coalesce(p.qty, 0))::int as free
    from stock s
    join bins b on b.id = s.bin_id and b.active
    left join (
      select pl.bin_id, pl.sku_id, pl.lot, pl.expiry, sum(pl.qty - pl.picked_qty)::int as qty
      from pick_lines pl
      where pl.status = 'open' and pl.warehouse_id = ${warehouseId} ${ofSkus(sql`pl.sku_id`)}
      group by pl.bin_id, pl.sku_id, pl.lot, pl.expiry
    ) p on p.bin_id = s.bin_id and p.sku_id = s.sku_id
      and p.lot is not distinct from s.lot and p.expiry is not distinct from s.expiry
    where s.warehouse_id = ${warehouseId} and s.status = 'available' ${ofSkus(sql`s.sku_id`)}`;
}

/** `pickableStock` of `skuIds`, per SKU (see there). */
export async function pickableSlots(
  tx: Tx,
  warehouseId: string,
  skuIds: readonly string[],
): Promise<Map<string, StockSlot[]>> {
  const skus = sql`select jsonb_array_elements_text(${JSON.stringify([...new Set(skuIds)])}::jsonb)`;
  const rows = await queryRows<StockSlot>(
    tx,
    sql`
    select sku_id as "skuId", bin_id as "binId", bin_code as "binCode", zone,
           path_seq as "pathSeq", lot, to_char(expiry, 'YYYY-MM-DD') as expiry, free
    from (${pickableStock(warehouseId, skus)}) slots`,
  );
  const bySku = new Map<string, StockSlot[]>();
  for (const r of rows) bySku.set(r.skuId, [...(bySku.get(r.skuId) ?? []), r]);
  return bySku;
}

/** How each SKU of `skuIds` is allocated (FEFO, minimum remaining shelf life). */
export async function allocationRules(
  tx: Tx,
  skuIds: readonly string[],
): Promise<(skuId: string) => SkuAllocationRule> {
  const rows = await queryRows<SkuAllocationRule & { id: string }>(
    tx,
    sql`select id, lot_tracked as "lotTracked", min_remaining_shelf_life_days as "minRemainingShelfLifeDays"
        from skus where id in (select jsonb_array_elements_text(${JSON.stringify([...new Set(skuIds)])}::jsonb))`,
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  return (skuId) => byId.get(skuId) ?? { lotTracked: false, minRemainingShelfLifeDays: null };
}

/**
 * Allocates orders oldest first, each whole or not at all, from the same slots, so no unit is
 * planned twice; orders that cannot be covered now come back as short.
 */
export async function allocateOrders(
  tx: Tx,
  warehouseId: string,
  lines: readonly OrderLineToWave[],
  today: string,
) {
  const skuIds = lines.map((l) => l.skuId);
  const slots = await pickableSlots(tx, warehouseId, skuIds);
  const ruleOf = await allocationRules(tx, skuIds);
  const byOrder = new Map<string, OrderLineToWave[]>();
  for (const l of lines) byOrder.set(l.orderId, [...(byOrder.get(l.orderId) ?? []), l]);
  const allocated: AllocatedOrder[] = [];
  const short: { orderId: string; short: ShortSku[] }[] = [];
  for (const [orderId, orderLines] of byOrder) {
    const result = allocateOrder(
      orderLines.map((l) => ({ lineId: l.orderLineId, skuId: l.skuId, qty: l.qty })),
      slots,
      ruleOf,
      today,
    );
    if (result.kind === 'short') {
      short.push({ orderId, short: result.short });
      continue;
    }
    allocated.push({
      orderId,
      carrier: orderLines[0]?.carrier ?? null,
      picks: result.picks.map((p) => ({
        ...p,
        orderLineId: p.lineId,
        skuId: p.slot.skuId,
      })),
    });
  }
  return { allocated, short };
}

/**
 * Orders that could not be allocated wait as `backordered`: the first time, with a `backordered`
 * step in their trace (what is short) and a transfer alert unless one is raised for the order
 * already. They are tried again at every wave build, and join a wave once stock arrives.
 */
export async function backorder(
  tx: Tx,
  warehouseId: string,
  orders: readonly { orderId: string; short: ShortSku[] }[],
  now: Date,
): Promise<void> {
  if (orders.length === 0) return;
  const newly = await queryRows<{ id: string; alerted: boolean }>(
    tx,
    sql`
    update orders o set status = 'backordered'
    where o.id in (select jsonb_array_elements_text(${JSON.stringify(orders.map((o) => o.orderId))}::jsonb))
      and o.status = 'received'
    returning o.id, exists (select 1 from alerts a where a.order_id = o.id and a.kind = 'transfer') as alerted`,
  );
  if (newly.length === 0) return;
  const byId = new Map(orders.map((o) => [o.orderId, o.short]));
  await recordOrderSteps(
    tx,
    newly.map((o) => ({ orderId: o.id, kind: 'backordered', detail: { short: byId.get(o.id) } })),
    now,
  );
  const alerts = newly
    .filter((o) => !o.alerted)
    .map((o) => ({
      id: randomUUID(),
      warehouseId,
      kind: 'transfer' as const,
      skuId: byId.get(o.id)?.[0]?.skuId ?? null,
      orderId: o.id,
      message: `${warehouseId} cannot pick order ${o.id} now: ${(byId.get(o.id) ?? [])
        .map((s) => `${s.qty}× ${s.skuId} (pickable ${s.allocatable})`)
        .join(', ')}. Transfer or replenish; the order joins a wave once stock arrives`,
    }));
  await insertAlerts(tx, alerts, now);
  await emitWebhooks(
    tx,
    alerts.map(({ id, ...alert }) => ({ type: 'alert.raised', data: { alertId: id, ...alert } })),
    now,
  );
}
