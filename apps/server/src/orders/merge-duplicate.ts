import { sql } from 'drizzle-orm';
import { type Tx, queryRows } from '../db/database';
import { readSetting } from '../inventory/hub-settings';
import { reserveStock } from '../inventory/reserve-stock';
import type { CleanOrder } from './clean-order';
import { recordOrderSteps } from './order-timeline';

/**
 * M3.3: an order with the same phone and a SKU in common with one placed within the window
 * (and not yet waved) is merged into it: its lines are added and reserved, the earlier order is
 * flagged `suspected-duplicate`. Returns the order merged into, or null.
 */
export async function mergeIfDuplicate(
  tx: Tx,
  clean: CleanOrder,
  now: Date,
): Promise<string | null> {
  const { windowMinutes } = await readSetting(tx, 'dedup');
  const placedAt = new Date(clean.input.placedAt);
  const windowMs = windowMinutes * 60_000;
  const skuIds = clean.input.lines.map((l) => l.skuId);
  // Orders of one phone take turns from here to commit, so two duplicates sent at the same
  // moment still see each other (the second waits, then reads the first as committed).
  await tx.execute(sql`select pg_advisory_xact_lock(72410003, hashtext(${clean.phone}))`);
  const [earlier] = await queryRows<{
    id: string;
    warehouseId: string;
    status: string;
    lines: number;
  }>(
    tx,
    sql`
    select o.id, o.warehouse_id as "warehouseId", o.status,
           (select count(*)::int from order_lines l where l.order_id = o.id) as lines
    from orders o
    where o.phone = ${clean.phone}
      and o.placed_at between ${new Date(placedAt.getTime() - windowMs).toISOString()}::timestamptz
                          and ${new Date(placedAt.getTime() + windowMs).toISOString()}::timestamptz
      and o.status in ('received', 'held', 'unrouted')
      and exists (select 1 from order_lines l where l.order_id = o.id
                  and l.sku_id in (select jsonb_array_elements_text(${JSON.stringify(skuIds)}::jsonb)))
    order by o.placed_at, o.id limit 1
    for update of o`,
  );
  if (!earlier) return null;
  const lines = clean.input.lines.map((l, i) => ({
    id: `${earlier.id}-${earlier.lines + i + 1}`,
    order_id: earlier.id,
    sku_id: l.skuId,
    qty: l.qty,
    unit_price_cents: l.unitPriceCents,
  }));
  await tx.execute(sql`
    insert into order_lines (id, order_id, sku_id, qty, unit_price_cents)
    select id, order_id, sku_id, qty, unit_price_cents
    from jsonb_to_recordset(${JSON.stringify(lines)}::jsonb)
      as r(id text, order_id text, sku_id text, qty int, unit_price_cents int)`);
  await tx.execute(sql`
    update orders set
      flags = case when flags ? 'suspected-duplicate' then flags else flags || '["suspected-duplicate"]'::jsonb end,
      paid_cents = paid_cents + ${clean.input.paidCents},
      coupon_cents = coupon_cents + ${clean.input.couponCents},
      freight_cents = freight_cents + ${clean.input.freightCents}
    where id = ${earlier.id}`);
  const detail = {
    channel: clean.input.channel,
    channelOrderId: clean.input.channelOrderId,
    phone: clean.phone,
    skuIds,
    flag: 'suspected duplicate / promotion abuse',
  };
  await recordOrderSteps(tx, [{ orderId: earlier.id, kind: 'deduplicated', detail }], now);
  if (earlier.status !== 'unrouted') {
    const reserved = await reserveStock(
      tx,
      { id: earlier.id, warehouseId: earlier.warehouseId },
      clean.input.lines,
      now,
    );
    await recordOrderSteps(
      tx,
      reserved.map((r) => ({
        orderId: earlier.id,
        kind: r.reserved ? 'reserved' : 'reservation-short',
        detail: { ...r },
      })),
      now,
    );
  }
  return earlier.id;
}
