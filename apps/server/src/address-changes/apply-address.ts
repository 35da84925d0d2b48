import { evaluateHolds, routeOrder } from '@wms/domain';
import type { OrderInput } from '@wms/protocol';
import { sql } from 'drizzle-orm';
import { type Tx, queryRows } from '../db/database';
import { loadHoldRules } from '../holds/load-hold-rules';
import { raiseHolds } from '../holds/raise-holds';
import { releaseReservations, reserveStock } from '../inventory/reserve-stock';
import { cleanOrder, loadSkuFacts } from '../orders/clean-order';
import { recordOrderSteps } from '../orders/order-timeline';
import { loadRoutingRules } from '../routing/load-routing-rules';
import { emitWebhook } from '../webhooks/emit-webhook';

/** The hold rules an address decides (the counted rules are not re-run by an address change). */
const ADDRESS_RULES = new Set(['pickup-station-amount', 'address-keywords', 'address-review']);

/** An order as an address change reads it (locked by the caller). */
export interface OrderForChange {
  id: string;
  warehouseId: string;
  channel: string;
  status: string;
  routeRuleId: string | null;
  original: OrderInput;
  province: string;
  city: string;
  district: string | null;
  addressDetail: string | null;
}

export async function lockOrderForChange(tx: Tx, orderId: string) {
  const [order] = await queryRows<OrderForChange>(
    tx,
    sql`select id, warehouse_id as "warehouseId", channel, status, route_rule_id as "routeRuleId",
               original, province, city, district, address_detail as "addressDetail"
        from orders where id = ${orderId} for update`,
  );
  return order;
}

/** The address as one line, for the trace and the page. */
export function addressLine(a: {
  province: string;
  city: string;
  district: string | null;
  addressDetail?: string | null;
  detail?: string;
}) {
  return `${a.province}${a.city}${a.district ?? ''}${a.addressDetail ?? a.detail ?? ''}`;
}

/**
 * Gives an order its new address (confirmed by the customer or by the marketplace): cleaned as
 * at intake, routed again (a new warehouse moves its reservation there), and checked again by
 * the hold rules an address decides; the trace records old → new. The caller closes the change's
 * own hold first; the order goes back to `received` (or `unrouted`) when no hold is left open.
 */
export async function applyAddress(
  tx: Tx,
  order: OrderForChange,
  address: OrderInput['address'],
  by: string,
  now: Date,
) {
  const input: OrderInput = { ...order.original, address };
  const skus = await loadSkuFacts(
    tx,
    input.lines.map((l) => l.skuId),
  );
  const clean = cleanOrder(input, skus);
  const route = routeOrder(clean.facts, await loadRoutingRules(tx));
  const warehouseId = route?.rule.warehouseId ?? order.warehouseId;
  const before = addressLine(order);
  const after = addressLine({ ...clean });
  await tx.execute(sql`
    update orders set province = ${clean.province}, city = ${clean.city},
      district = ${clean.district}, address_detail = ${clean.detail},
      warehouse_id = ${warehouseId}, carrier = ${route?.rule.carrier ?? null},
      route_rule_id = ${route?.rule.id ?? null}, route_reason = ${route?.reason ?? null}
    where id = ${order.id}`);
  const lines = await queryRows<{ skuId: string; qty: number }>(
    tx,
    sql`select sku_id as "skuId", qty from order_lines where order_id = ${order.id} order by id`,
  );
  if (warehouseId !== order.warehouseId) {
    await releaseReservations(tx, order.id);
    await reserveStock(tx, { id: order.id, warehouseId }, lines, now);
  }
  await recordOrderSteps(
    tx,
    [
      {
        orderId: order.id,
        kind: 'address-changed',
        detail: {
          from: before,
          to: after,
          by,
          changes: clean.changes,
          warehouseId,
          rerouted: warehouseId !== order.warehouseId,
        },
      },
    ],
    now,
  );
  const rules = await loadHoldRules(tx);
  const hits = [
    ...clean.reviews,
    ...evaluateHolds(
      clean.facts,
      { sameIdOrdersToday: 0, sameAddressOrdersInWindow: 0, peak: false },
      rules.map((r) => r.rule),
    ),
  ].filter((h) => h.action === 'hold' && ADDRESS_RULES.has(h.kind));
  await raiseHolds(tx, { id: order.id, warehouseId }, hits, rules, now);
  const status = await settleStatus(tx, order.id, route !== null);
  await emitWebhook(
    tx,
    'order.address-changed',
    { orderId: order.id, from: before, to: after, status, warehouseId, by },
    now,
  );
  return { status, warehouseId };
}

/** A held order with no open hold left goes on: `received`, or `unrouted` without a route. */
export async function settleStatus(tx: Tx, orderId: string, routed: boolean): Promise<string> {
  const [row] = await queryRows<{ status: string }>(
    tx,
    sql`update orders set status = case
          when exists (select 1 from order_holds where order_id = ${orderId} and status = 'open') then 'held'
          when ${routed} then 'received' else 'unrouted' end
        where id = ${orderId} and status = 'held'
        returning status`,
  );
  if (row) return row.status;
  const [current] = await queryRows<{ status: string }>(
    tx,
    sql`select status from orders where id = ${orderId}`,
  );
  return current?.status ?? 'held';
}
