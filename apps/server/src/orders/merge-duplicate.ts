import { evaluateHolds } from '@wms/domain';
import type { OrderInput } from '@wms/protocol';
import { sql } from 'drizzle-orm';
import { type Tx, queryRows } from '../db/database';
import { holdContext } from '../holds/hold-context';
import { loadHoldRules } from '../holds/load-hold-rules';
import { raiseHolds } from '../holds/raise-holds';
import { readSetting } from '../inventory/hub-settings';
import { reserveStock } from '../inventory/reserve-stock';
import { type CleanOrder, cleanOrder } from './clean-order';
import { recordOrderSteps } from './order-timeline';

/**
 * M3.3: an order with the same phone and a SKU in common with one placed within the window
 * (and not yet waved) is merged into it: its lines are added and reserved, the earlier order is
 * flagged `suspected-duplicate`, and the hold rules run again on the merged order. Returns the
 * order merged into, or null.
 */
export async function mergeIfDuplicate(
  tx: Tx,
  clean: CleanOrder,
  now: Date,
  dedup?: { windowMinutes: number },
): Promise<string | null> {
  const { windowMinutes } = dedup ?? (await readSetting(tx, 'dedup'));
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
  await rerunHolds(tx, earlier, now);
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

/**
 * The merged order is a new order as far as the hold rules go (M4): more lines, a higher amount
 * may now trip a rule (M4.2 amount at a pickup station, M4.4 promotion below cost…). The rules
 * run again on the whole merged order; holds not already open on it are raised (an order already
 * waved is pulled out like any held order).
 */
async function rerunHolds(tx: Tx, order: { id: string; warehouseId: string }, now: Date) {
  const [stored] = await queryRows<{
    original: OrderInput;
    paid: number;
    coupon: number;
    freight: number;
  }>(
    tx,
    sql`select original, paid_cents as paid, coupon_cents as coupon, freight_cents as freight
        from orders where id = ${order.id}`,
  );
  if (!stored) return;
  const lines = await queryRows<{ skuId: string; qty: number; unitPriceCents: number }>(
    tx,
    sql`select sku_id as "skuId", qty, unit_price_cents as "unitPriceCents"
        from order_lines where order_id = ${order.id} order by id`,
  );
  const merged = await cleanOrder(tx, {
    ...stored.original,
    paidCents: stored.paid,
    couponCents: stored.coupon,
    freightCents: stored.freight,
    lines,
  });
  const holdRules = await loadHoldRules(tx);
  const rules = holdRules.map((r) => r.rule);
  const context = await holdContext(tx, merged, rules, now, true);
  const open = await queryRows<{ kind: string }>(
    tx,
    sql`select kind from order_holds where order_id = ${order.id} and status = 'open'`,
  );
  const already = new Set(open.map((h) => h.kind));
  const holds = evaluateHolds(merged.facts, context, rules).filter(
    (h) => h.action === 'hold' && !already.has(h.kind),
  );
  await raiseHolds(tx, order, holds, holdRules, now);
}
