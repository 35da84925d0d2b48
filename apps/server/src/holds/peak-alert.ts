import { sql } from 'drizzle-orm';
import { type Tx, queryRows } from '../db/database';
import { raiseAlert } from '../inventory/reserve-stock';

const PEAK_ALERT_EVERY_MS = 15 * 60_000;

/** Tells people intake is in peak protection (M4.8), at most once per quarter hour per warehouse. */
export async function raisePeakAlert(tx: Tx, warehouseId: string, now: Date): Promise<void> {
  const since = new Date(now.getTime() - PEAK_ALERT_EVERY_MS).toISOString();
  const [recent] = await queryRows<{ n: number }>(
    tx,
    sql`select count(*)::int as n from alerts where warehouse_id = ${warehouseId} and kind = 'peak' and raised_at > ${since}::timestamptz`,
  );
  if ((recent?.n ?? 0) > 0) return;
  const message =
    'Peak protection: orders reach us late; safety-level checks are paused, orders queue by time, VIP and high-value orders go to manual review';
  await raiseAlert(tx, { warehouseId, kind: 'peak', skuId: null, orderId: null, message }, now);
}
