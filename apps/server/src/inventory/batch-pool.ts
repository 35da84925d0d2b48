import { randomUUID } from 'node:crypto';
import { availableQty, isBelowSafetyLevel } from '@wms/domain';
import { sql } from 'drizzle-orm';
import { type Tx, queryRowsPrepared } from '../db/database';
import { expiredUnits } from './expired-units';
import type { ReservationOutcome } from './reserve-stock';

interface PoolRow {
  physical: number;
  /** Units of expired lots in the bins: physical, never available (issue 16). */
  expired: number;
  reserved: number;
  inbound: number;
  inboundCoefficientBp: number;
}

export interface AlertRow {
  id: string;
  warehouseId: string;
  kind: 'transfer' | 'replenish' | 'peak' | 'presale-delay';
  skuId: string | null;
  orderId: string | null;
  message: string;
}

const key = (warehouseId: string, skuId: string) => `${warehouseId}\u0000${skuId}`;

/**
 * The pool rows a batch of orders reserves from, locked for the rest of the transaction and kept
 * in memory: the orders reserve one after the other against it exactly as `reserveStock` would
 * one order at a time (conditional on `available`, a short SKU raising a transfer alert, a SKU
 * below its safety level a replenishment alert), and the batch writes the sum once. The rows are
 * locked in (warehouse, SKU) order with `FOR UPDATE`, so concurrent batches queue on them and
 * re-read what the one before committed: no oversell.
 */
export class BatchPool {
  /** Units reserved per pool row by this batch, and the reservation rows to insert. */
  readonly reservedDelta = new Map<string, { warehouseId: string; skuId: string; qty: number }>();
  readonly reservations: { warehouseId: string; orderId: string; skuId: string; qty: number }[] =
    [];

  private constructor(
    private readonly rows: Map<string, PoolRow & { warehouseId: string; skuId: string }>,
    private readonly sales: Map<string, { sold: number; alerted: boolean }>,
    private readonly safety: { factor: number; windowDays: number },
  ) {}

  /** Locks the rows of `pairs` and reads every warehouse's row of their SKUs (transfer donors). */
  static async lock(
    tx: Tx,
    pairs: readonly { warehouseId: string; skuId: string }[],
    safety: { factor: number; windowDays: number },
    now: Date,
  ): Promise<BatchPool> {
    const unique = [...new Map(pairs.map((p) => [key(p.warehouseId, p.skuId), p])).values()];
    if (unique.length === 0) return new BatchPool(new Map(), new Map(), safety);
    const json = JSON.stringify(unique.map((p) => ({ w: p.warehouseId, s: p.skuId })));
    // Every warehouse's row of these SKUs, unlocked, for the transfer alert's donor (M3.6)…
    const skuIds = JSON.stringify([...new Set(unique.map((p) => p.skuId))]);
    const donors = await queryRowsPrepared<PoolRow & { warehouseId: string; skuId: string }>(
      tx,
      sql`select warehouse_id as "warehouseId", sku_id as "skuId", physical,
                 ${expiredUnits('p', now)} as expired, reserved, inbound,
                 inbound_coefficient_bp as "inboundCoefficientBp"
          from inventory_pool p
          where sku_id = any(array(select jsonb_array_elements_text(${skuIds}::jsonb)))`,
    );
    // …then the rows reserved from, locked in (warehouse, SKU) order and read once locked.
    const locked = await queryRowsPrepared<PoolRow & { warehouseId: string; skuId: string }>(
      tx,
      sql`select warehouse_id as "warehouseId", sku_id as "skuId", physical,
                 ${expiredUnits('p', now)} as expired, reserved, inbound,
                 inbound_coefficient_bp as "inboundCoefficientBp"
          from inventory_pool p
          where (warehouse_id, sku_id) in
                (select w, s from jsonb_to_recordset(${json}::jsonb) as r(w text, s text))
          order by warehouse_id, sku_id
          for update`,
    );
    const rows = [...donors, ...locked];
    const since = new Date(now.getTime() - safety.windowDays * 86_400_000).toISOString();
    const dayAgo = new Date(now.getTime() - 86_400_000).toISOString();
    const sales = await queryRowsPrepared<{
      warehouseId: string;
      skuId: string;
      sold: number;
      alerted: boolean;
    }>(
      tx,
      sql`select r.w as "warehouseId", r.s as "skuId",
                 (select coalesce(sum(qty), 0)::int from reservations
                  where warehouse_id = r.w and sku_id = r.s and created_at > ${since}::timestamptz) as sold,
                 exists (select 1 from alerts a where a.warehouse_id = r.w and a.sku_id = r.s
                         and a.kind = 'replenish' and a.raised_at > ${dayAgo}::timestamptz) as alerted
          from jsonb_to_recordset(${json}::jsonb) as r(w text, s text)`,
    );
    return new BatchPool(
      new Map(rows.map((r) => [key(r.warehouseId, r.skuId), r])),
      new Map(sales.map((s) => [key(s.warehouseId, s.skuId), s])),
      safety,
    );
  }

  /**
   * Reserves an order's lines (summed per SKU, in SKU order), as `reserveStock` does. Returns
   * the outcomes and the alerts raised, in the order they were raised.
   */
  reserve(
    order: { id: string; warehouseId: string },
    lines: readonly { skuId: string; qty: number }[],
    options: { shedNonCore: boolean },
  ): { outcomes: ReservationOutcome[]; alerts: AlertRow[] } {
    const bySku = new Map<string, number>();
    for (const l of lines) bySku.set(l.skuId, (bySku.get(l.skuId) ?? 0) + l.qty);
    const outcomes: ReservationOutcome[] = [];
    const alerts: AlertRow[] = [];
    for (const [skuId, qty] of [...bySku].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const k = key(order.warehouseId, skuId);
      const row = this.rows.get(k);
      if (row && availableQty(row) >= qty) {
        row.reserved += qty;
        const delta = this.reservedDelta.get(k) ?? { warehouseId: row.warehouseId, skuId, qty: 0 };
        delta.qty += qty;
        this.reservedDelta.set(k, delta);
        this.reservations.push({ warehouseId: order.warehouseId, orderId: order.id, skuId, qty });
        const available = availableQty(row);
        outcomes.push({ skuId, qty, reserved: true, available });
        const sales = this.sales.get(k) ?? { sold: 0, alerted: false };
        sales.sold += qty;
        this.sales.set(k, sales);
        if (options.shedNonCore || sales.alerted) continue;
        const { windowDays, factor } = this.safety;
        if (!isBelowSafetyLevel(available, sales.sold, windowDays, factor)) continue;
        sales.alerted = true;
        const daily = (sales.sold / windowDays).toFixed(1);
        alerts.push({
          id: randomUUID(),
          warehouseId: order.warehouseId,
          kind: 'replenish',
          skuId,
          orderId: null,
          message: `${skuId} in ${order.warehouseId}: only ${available} left, below ${factor} × ${daily} a day: replenish`,
        });
      } else {
        const available = row ? availableQty(row) : 0;
        outcomes.push({ skuId, qty, reserved: false, available });
        alerts.push(this.transferAlert(order, skuId, qty, available));
      }
    }
    return { outcomes, alerts };
  }

  private transferAlert(
    order: { id: string; warehouseId: string },
    skuId: string,
    qty: number,
    available: number,
  ): AlertRow {
    let donor: { warehouseId: string; available: number } | null = null;
    for (const row of this.rows.values()) {
      if (row.skuId !== skuId || row.warehouseId === order.warehouseId) continue;
      const free = availableQty(row);
      if (free >= qty && (!donor || free > donor.available))
        donor = { warehouseId: row.warehouseId, available: free };
    }
    const message = donor
      ? `${order.warehouseId} lacks ${qty}× ${skuId} for order ${order.id} (available ${available}): transfer from ${donor.warehouseId} (available ${donor.available})`
      : `${order.warehouseId} lacks ${qty}× ${skuId} for order ${order.id} (available ${available}) and no warehouse has enough: replenish`;
    return {
      id: randomUUID(),
      warehouseId: order.warehouseId,
      kind: 'transfer',
      skuId,
      orderId: order.id,
      message,
    };
  }

  /** Writes what the batch reserved: the pool rows' sums, then the reservation rows. */
  async write(tx: Tx, now: Date): Promise<void> {
    if (this.reservations.length === 0) return;
    const deltas = [...this.reservedDelta.values()].map((d) => ({
      w: d.warehouseId,
      s: d.skuId,
      qty: d.qty,
    }));
    await queryRowsPrepared(
      tx,
      sql`
      update inventory_pool p set reserved = p.reserved + r.qty
      from jsonb_to_recordset(${JSON.stringify(deltas)}::jsonb) as r(w text, s text, qty int)
      where p.warehouse_id = r.w and p.sku_id = r.s`,
    );
    const rows = this.reservations.map((r, seq) => ({
      seq,
      w: r.warehouseId,
      o: r.orderId,
      s: r.skuId,
      qty: r.qty,
    }));
    await queryRowsPrepared(
      tx,
      sql`
      insert into reservations (warehouse_id, order_id, sku_id, qty, created_at)
      select w, o, s, qty, ${now.toISOString()}::timestamptz
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(seq int, w text, o text, s text, qty int)
      order by seq`,
    );
  }
}

/** Inserts alerts raised by a batch, in one statement (their webhooks go with the batch's). */
export async function insertAlerts(tx: Tx, alerts: readonly AlertRow[], now: Date) {
  if (alerts.length === 0) return;
  const rows = alerts.map((a, seq) => ({ seq, ...a }));
  await queryRowsPrepared(
    tx,
    sql`
    insert into alerts (id, warehouse_id, kind, sku_id, order_id, message, raised_at)
    select id::uuid, "warehouseId", kind, "skuId", "orderId", message, ${now.toISOString()}::timestamptz
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
      as r(seq int, id text, "warehouseId" text, kind text, "skuId" text, "orderId" text, message text)
    order by seq`,
  );
}
