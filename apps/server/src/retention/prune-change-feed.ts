import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../db/database';
import { SERVABLE_HORIZON } from '../sync/servable-horizon';

const BATCH = 10_000;

/**
 * A tick of the txid clock: now, this transaction's id and the feed's highest id. The feed has
 * no time column (a hot insert path); the clock says which txids are older than a day.
 */
export async function tickTxidClock(db: Db, now: Date): Promise<void> {
  await queryRows(
    db,
    sql`insert into txid_clock (at, txid, last_change_id)
        select ${now.toISOString()}::timestamptz, pg_current_xact_id(),
               coalesce((select max(id) from changes), 0)
        on conflict (at) do nothing`,
  );
}

/**
 * Prunes the change feed written before `cutoff`: every row below the newest clock tick at or
 * before it (its txid, and ids up to the feed's highest then, for the key range). The horizon is
 * raised first, in its own transaction, so from then on a cursor below it is answered with a
 * reset (pull.ts): a device never pulls across a gap. Deletes go in short batches. Returns the
 * rows deleted.
 */
export async function pruneChangeFeed(db: Db, cutoff: Date): Promise<number> {
  const [tick] = await queryRows<{ txid: string; lastChangeId: string | number }>(
    db,
    sql`select least(c.txid, s.xmin)::text as txid, c.last_change_id as "lastChangeId"
        from txid_clock c, ${SERVABLE_HORIZON} s
        where c.at <= ${cutoff.toISOString()}::timestamptz
        order by c.at desc limit 1`,
  );
  if (!tick) return 0;
  await queryRows(
    db,
    sql`insert into retention_horizons (name, below_txid) values ('changes', ${tick.txid}::xid8)
        on conflict (name) do update
          set below_txid = greatest(retention_horizons.below_txid, excluded.below_txid),
              pruned_at = now()`,
  );
  let pruned = 0;
  for (;;) {
    const [row] = await queryRows<{ n: number }>(
      db,
      sql`with gone as (
            delete from changes where id in (
              select id from changes
              where id <= ${Number(tick.lastChangeId)} and txid < ${tick.txid}::xid8
              order by id limit ${BATCH})
            returning 1)
          select count(*)::int as n from gone`,
    );
    const n = Number(row?.n ?? 0);
    pruned += n;
    if (n < BATCH) break;
  }
  // Ticks older than the one used are not needed again.
  await queryRows(
    db,
    sql`delete from txid_clock where at < (select max(at) from txid_clock
                                          where at <= ${cutoff.toISOString()}::timestamptz)`,
  );
  return pruned;
}
