import { sql } from 'drizzle-orm';

/**
 * The pull's horizon, as a parenthesised one-row query with an `xmin` column (xid8): every
 * transaction below it that could have written a change has finished, so its changes are visible
 * now or never, and a cursor may pass them.
 *
 * `pg_snapshot_xmin` alone is the oldest transaction still running anywhere in the Postgres
 * cluster, so a long write transaction in another database (a migration, a batch job, another
 * application on a shared server) would hold back every pull here. Transactions of another
 * database cannot write this one's change feed, so they are left out: the horizon is the oldest
 * running transaction not known to belong to another database, or the snapshot's xmax when
 * there is none. A transaction whose database cannot be told (a prepared transaction, or one that
 * has just ended) still counts, so the rule can only err towards waiting. When no transaction is
 * running (`xip` empty) the activity table is not read at all.
 */
export const SERVABLE_HORIZON = sql`(
  select coalesce(
           (select min(x) from pg_snapshot_xip(snap.v) x
             where not exists (
               select 1 from pg_stat_get_activity(null) a
               where a.backend_xid = xid(x)
                 and a.datid <> (select oid from pg_database where datname = current_database()))),
           pg_snapshot_xmax(snap.v)) as xmin
  from (select pg_current_snapshot() as v) snap)`;
