import type { EventOutcome, StockMovedEvent } from '@wms/protocol';
import { sql } from 'drizzle-orm';
import { type Tx, queryRows } from '../db/database';
import { forbidden } from '../http/api-error';
import { moveInLedger } from './stock-moves';

/** Who may move stock from a handheld: the warehouse's floor staff, not admins or integrations. */
const MOVERS: ReadonlySet<string> = new Set(['picker', 'supervisor']);

/**
 * Applies a handheld's `stock-moved@1` in the push's transaction, through the same rule as the
 * supervisors' route (`moveInLedger`): two ledger rows naming the event, or nothing and the
 * outcome `move-refused` when the source has fewer units free. Applied once: the push stores the
 * event with its outcome, and a replay is answered from there. Bins or a SKU unknown in the
 * caller's warehouse (another warehouse's codes) are `unknown-line`, nothing moved. A user who
 * may not move stock is refused with 403 and nothing of the push is stored.
 */
export async function applyStockMoved(
  tx: Tx,
  warehouseId: string,
  event: StockMovedEvent,
  now: Date,
): Promise<EventOutcome> {
  const move = event.payload;
  const [user] = await queryRows<{ role: string }>(
    tx,
    sql`select role from users where id = ${event.userId} and warehouse_id = ${warehouseId}`,
  );
  if (!user || !MOVERS.has(user.role))
    throw forbidden(
      `Only pickers and supervisors move stock from a handheld; ${event.userId} is ${user?.role ?? 'unknown'}`,
    );
  const bins = await queryRows<{ id: string; code: string }>(
    tx,
    sql`select id, code from bins where warehouse_id = ${warehouseId}
        and code in (${move.fromBinCode}, ${move.toBinCode})`,
  );
  const binId = (code: string) => bins.find((b) => b.code === code)?.id;
  const fromBinId = binId(move.fromBinCode);
  const toBinId = binId(move.toBinCode);
  if (!fromBinId || !toBinId) return 'unknown-line';
  const attempt = await moveInLedger(
    tx,
    { warehouseId, userId: event.userId, eventId: event.id },
    {
      fromBinId,
      toBinId,
      skuId: move.skuId,
      lot: move.lot,
      expiry: move.expiry,
      qty: move.qty,
      status: 'available',
      toLot: move.toLot,
      toExpiry: move.toExpiry,
    },
    now,
  );
  return attempt.kind === 'moved' ? 'applied' : 'move-refused';
}
