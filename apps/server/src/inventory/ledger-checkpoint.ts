import { type SQL, sql } from 'drizzle-orm';
import { type Db, type Tx, isLockTimeout, queryRows } from '../db/database';

/**
 * The stock ledger's checkpoint (issue 19). Reconciliation checks every slot against the sum of
 * its ledger rows; at a year of history that is millions of rows summed on every check. Instead,
 * `stock_ledger_sums` holds each slot's sum of the rows up to `stock_ledger_mark.through_id`,
 * and a check adds only the rows after it (`ledgerSlotSums`).
 *
 * What makes the mark exact: ids come from one sequence, taken while the inserting transaction
 * holds its table lock. `advanceLedgerCheckpoint` takes a share lock on the ledger for an
 * instant, so every transaction that could still commit a row below the new mark has finished,
 * reads the highest id, and lets go; the sums then take in the rows between the old mark and the
 * new one. Rows are never updated or deleted but by retention, which takes a dropped month's
 * checkpointed rows out of the sums in the drop's own transaction (`forgetCheckpointedRows`).
 * What a checkpoint trusts: that nobody rewrote a checkpointed ledger row since it was summed.
 * A write to `stock` around the ledger is still seen, at any age.
 */

/** Rows past the mark before a check moves it on (a few days of a busy warehouse's picks). */
export const CHECKPOINT_EVERY_ROWS = 20_000;

/** How long a move of the mark waits for in-flight ledger writes; then it is left for later. */
const LOCK_WAIT = '500ms';

/** `ship` rows move no slot (units leave from a picker's hand), here as in `stock`. */
const MOVES_A_SLOT = sql`reason <> 'ship'`;

/** Each slot's ledger sum of one warehouse: the checkpoint plus the rows after its mark. */
export function ledgerSlotSums(warehouseId: string): SQL {
  return sql`
    select bin_id, sku_id, lot, expiry, status, sum(qty)::int as qty from (
      select bin_id, sku_id, lot, expiry, status, qty from stock_ledger_sums
      where warehouse_id = ${warehouseId}
      union all
      select bin_id, sku_id, lot, expiry, status, delta from stock_movements
      where warehouse_id = ${warehouseId} and ${MOVES_A_SLOT}
        and id > (select through_id from stock_ledger_mark)
    ) s
    group by bin_id, sku_id, lot, expiry, status`;
}

/**
 * Moves the mark to the ledger's newest row when more than `minRows` rows lie past it. Returns
 * the new mark, or null when it stayed (few rows, or in-flight writes held the lock too long).
 */
export async function advanceLedgerCheckpoint(
  db: Db,
  minRows = CHECKPOINT_EVERY_ROWS,
): Promise<number | null> {
  const [state] = await queryRows<{ mark: number; newest: number | null }>(
    db,
    sql`select (select through_id from stock_ledger_mark)::float8 as mark,
               (select max(id) from stock_movements)::float8 as newest`,
  );
  if (!state || state.newest === null || state.newest - state.mark <= minRows) return null;
  const newest = await settledNewestId(db);
  if (newest === null) return null;
  return db.transaction(async (tx) => {
    const [mark] = await queryRows<{ throughId: number }>(
      tx,
      sql`select through_id::float8 as "throughId" from stock_ledger_mark for update`,
    );
    if (!mark || mark.throughId >= newest) return null;
    await tx.execute(sql`
      insert into stock_ledger_sums as t (warehouse_id, bin_id, sku_id, lot, expiry, status, qty)
      select warehouse_id, bin_id, sku_id, lot, expiry, status, sum(delta)::int
      from stock_movements
      where id > ${mark.throughId} and id <= ${newest} and ${MOVES_A_SLOT}
      group by warehouse_id, bin_id, sku_id, lot, expiry, status
      order by bin_id collate "C", sku_id collate "C", lot collate "C" nulls first, expiry nulls first, status collate "C"
      on conflict (bin_id, sku_id, lot, expiry, status) do update set qty = t.qty + excluded.qty`);
    await tx.execute(sql`delete from stock_ledger_sums where qty = 0`);
    await tx.execute(sql`update stock_ledger_mark set through_id = ${newest}, at = now()`);
    return newest;
  });
}

/**
 * The newest ledger id below which no row can still appear: read under a share lock, which
 * waits for every transaction writing the ledger to end and lets go at once.
 */
async function settledNewestId(db: Db): Promise<number | null> {
  try {
    return await db.transaction(async (tx) => {
      await tx.execute(sql.raw(`set local lock_timeout = '${LOCK_WAIT}'`));
      await tx.execute(sql`lock table stock_movements in share mode`);
      const [row] = await queryRows<{ newest: number | null }>(
        tx,
        sql`select max(id)::float8 as newest from stock_movements`,
      );
      return row?.newest ?? null;
    });
  } catch (error) {
    if (isLockTimeout(error)) return null;
    throw error;
  }
}

/**
 * Retention drops ledger rows (a month's partition, and the carried-forward rows it replaces):
 * those at or below the mark leave the checkpoint with them, in the caller's transaction. `rows`
 * selects the rows to forget (`warehouse_id, bin_id, sku_id, lot, expiry, status, delta, id,
 * reason`).
 */
export async function forgetCheckpointedRows(tx: Tx, rows: SQL): Promise<void> {
  await tx.execute(sql`select 1 from stock_ledger_mark for update`);
  await tx.execute(sql`
    insert into stock_ledger_sums as t (warehouse_id, bin_id, sku_id, lot, expiry, status, qty)
    select warehouse_id, bin_id, sku_id, lot, expiry, status, -sum(delta)::int from (${rows}) r
    where r.id <= (select through_id from stock_ledger_mark) and r.reason <> 'ship'
    group by warehouse_id, bin_id, sku_id, lot, expiry, status
    order by bin_id collate "C", sku_id collate "C", lot collate "C" nulls first, expiry nulls first, status collate "C"
    on conflict (bin_id, sku_id, lot, expiry, status) do update set qty = t.qty + excluded.qty`);
  await tx.execute(sql`delete from stock_ledger_sums where qty = 0`);
}
