import { eq, sql } from 'drizzle-orm';
import { queryRows } from '../db/database';
import { connectors, connectorStock } from '../db/schema';
import { expiredUnits } from '../inventory/expired-units';
import type { ConnectorRow } from './connector-store';
import { type ConnectorRuntime, platformCalls } from './pull-connector';

/** Codes per platform call: platforms cap a batch update (TOP and WeChat at 50–100 SKUs). */
const BATCH = 50;
/** Once a day every code is pushed, changed or not: what the platform holds cannot drift. */
export const RECONCILE_MS = 24 * 3_600_000;

/**
 * Stock out to the channels (M3.7, issue 27): what a shop may sell of each of its mapped codes is
 * what the hub has available for the SKU across its warehouses (orders are routed to any of
 * them), less the connector's safety buffer, never below zero. Only quantities that changed since
 * the last push are sent, in batches (rate-limit answers are waited out by `PlatformCalls`);
 * every code once a day. A batch the platform refused is sent again at the next pass.
 */
export async function pushChannelStock(rt: ConnectorRuntime, connector: ConnectorRow) {
  const now = rt.now();
  const reconcile =
    !connector.stockReconciledAt ||
    now.getTime() - connector.stockReconciledAt.getTime() >= RECONCILE_MS;
  const wanted = await sellable(rt, connector, now);
  const told = new Map(
    (
      await rt.db
        .select({ code: connectorStock.code, qty: connectorStock.qty })
        .from(connectorStock)
        .where(eq(connectorStock.connectorId, connector.id))
    ).map((r) => [r.code, r.qty]),
  );
  const changed = wanted.filter((w) => reconcile || told.get(w.code) !== w.qty);
  if (changed.length === 0) return { pushed: 0, reconciled: false };
  const calls = platformCalls(rt, connector);
  for (let i = 0; i < changed.length; i += BATCH) {
    const batch = changed.slice(i, i + BATCH);
    await calls.call((creds) => calls.adapter.pushStock(creds, batch));
    await rt.db
      .insert(connectorStock)
      .values(batch.map((b) => ({ connectorId: connector.id, ...b, pushedAt: now })))
      .onConflictDoUpdate({
        target: [connectorStock.connectorId, connectorStock.code],
        set: { qty: sql`excluded.qty`, pushedAt: sql`excluded.pushed_at` },
      });
  }
  if (reconcile)
    await rt.db
      .update(connectors)
      .set({ stockReconciledAt: now })
      .where(eq(connectors.id, connector.id));
  return { pushed: changed.length, reconciled: reconcile };
}

/** Each of the shop's codes (its own mapping before the channel's) and what it may sell. */
async function sellable(rt: ConnectorRuntime, c: ConnectorRow, now: Date) {
  return queryRows<{ code: string; qty: number }>(
    rt.db,
    sql`
    with codes as (
      select distinct on (code) code, sku_id from channel_sku_codes
      where channel = ${c.channel} and shop_id in (${c.shopId}, '')
      order by code, shop_id desc
    )
    select codes.code, greatest(0, coalesce(sum(
             p.physical - ${expiredUnits('p', now)} - p.reserved
               + floor(p.inbound * p.inbound_coefficient_bp / 10000.0)
           ), 0) - ${c.stockBuffer})::int as qty
    from codes left join inventory_pool p on p.sku_id = codes.sku_id
    group by codes.code
    order by codes.code`,
  );
}
