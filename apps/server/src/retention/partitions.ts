import { sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import { type Db, type Tx, isLockTimeout, queryRows } from '../db/database';
import { forgetCheckpointedRows } from '../inventory/ledger-checkpoint';
import { type ExportFile, exportFileName, verifyExportFile, writeExportFile } from './export-file';
import { type MonthPruned, finished, nextMonth, nextPart, recordFiles } from './export-and-prune';
import type { ExportPrune } from './policies';

/**
 * The tables partitioned by month on their time column (migration 0021, decision 011): the two
 * largest logs, which no idempotency relies on. Retention exports a month that is wholly past
 * its age and drops its partition, instead of deleting the rows one batch at a time.
 */
export const PARTITIONED_TABLES = ['stock_movements', 'order_events'] as const;
export type PartitionedTable = (typeof PARTITIONED_TABLES)[number];

export const isPartitioned = (table: string): table is PartitionedTable =>
  (PARTITIONED_TABLES as readonly string[]).includes(table);

/** Months created ahead of this one, so a month's first insert never waits for a round. */
export const PARTITIONS_AHEAD = 2;

/**
 * How long partition changes wait for their lock before giving up until the next round: a
 * waiting ALTER queues every insert behind it, so it must never wait long.
 */
const LOCK_TIMEOUT = '3s';

/** `stock_movements` + `2026-01` → `stock_movements_y2026m01`. */
export function partitionName(table: PartitionedTable, month: string): string {
  return `${table}_y${month.slice(0, 4)}m${month.slice(5, 7)}`;
}

/** The month (`YYYY-MM`, UTC) an instant falls in. */
const monthOf = (at: Date) => at.toISOString().slice(0, 7);

const bound = (at: Date) => sql.raw(`'${at.toISOString()}'`);

/** A table's monthly partitions, oldest first (the default partition is not one). */
export async function monthlyPartitions(
  db: Tx,
  table: PartitionedTable,
): Promise<{ name: string; month: string }[]> {
  const rows = await queryRows<{ name: string }>(
    db,
    sql`select c.relname as name from pg_inherits i join pg_class c on c.oid = i.inhrelid
        where i.inhparent = ${table}::regclass and c.relname like ${`${table}\\_y%`}
        order by c.relname`,
  );
  return rows.map(({ name }) => ({
    name,
    month: `${name.slice(-7, -3)}-${name.slice(-2)}`,
  }));
}

/**
 * Creates this month's partition and the next PARTITIONS_AHEAD months', and one for each month
 * the default partition holds rows of (an insert dated where no partition was: it did not fail,
 * it waited there), moving those rows in. Each partition is made apart and attached, so the
 * table itself is never locked against inserts; the rows moved are not inserted into the table
 * again (no trigger fires: the stock ledger's pool trigger must not count them twice). A lock not
 * had within a few seconds leaves that month for the next round. Returns the partitions made.
 */
export async function ensureMonthPartitions(
  db: Db,
  table: PartitionedTable,
  now: Date,
  logger?: Logger,
): Promise<string[]> {
  const time = sql.identifier('at');
  const fallback = sql.identifier(`${table}_default`);
  const wanted = new Set<string>();
  for (let i = 0; i <= PARTITIONS_AHEAD; i++) {
    wanted.add(monthOf(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + i, 1))));
  }
  const strays = await queryRows<{ month: string }>(
    db,
    sql`select distinct to_char(${time} at time zone 'UTC', 'YYYY-MM') as month from ${fallback}`,
  );
  for (const { month } of strays) wanted.add(month);
  const have = new Set((await monthlyPartitions(db, table)).map((p) => p.month));
  const made: string[] = [];
  for (const month of [...wanted].sort()) {
    if (have.has(month)) continue;
    const name = partitionName(table, month);
    const from = new Date(`${month}-01T00:00:00Z`);
    const to = nextMonth(month);
    try {
      await db.transaction(async (tx) => {
        await tx.execute(sql.raw(`set local lock_timeout = '${LOCK_TIMEOUT}'`));
        await tx.execute(
          sql`create table ${sql.identifier(name)} (like ${sql.identifier(table)} including defaults)`,
        );
        await tx.execute(sql`
          with moved as (
            delete from ${fallback} where ${time} >= ${bound(from)} and ${time} < ${bound(to)}
            returning *)
          insert into ${sql.identifier(name)} select * from moved`);
        await tx.execute(
          sql`alter table ${sql.identifier(table)} attach partition ${sql.identifier(name)}
              for values from (${bound(from)}) to (${bound(to)})`,
        );
      });
      made.push(name);
    } catch (error) {
      if (!isLockTimeout(error)) throw error;
      logger?.warn({ table, month }, 'partition not made (lock): next round');
    }
  }
  return made;
}

/**
 * Of a partitioned table: exports each month wholly older than `cutoff` (its finished rows, in
 * key order), reads the file back and checks it, records it, then in one short transaction
 * checks the month still holds exactly the rows exported, lets `beforeDrop` write what must
 * outlive it (the stock ledger's carried-forward rows) and detaches and drops the partition.
 * A month whose drop did not get its lock keeps its checked file, which the next round reuses.
 * Throws on a file that fails its check, or a month that changed since: nothing of it is dropped.
 */
export async function exportAndDropMonths(
  db: Db,
  dir: string,
  table: PartitionedTable,
  policy: ExportPrune,
  cutoff: Date,
  options: { beforeDrop?: BeforeDrop; logger?: Logger } = {},
): Promise<MonthPruned[]> {
  const done: MonthPruned[] = [];
  for (const { name, month } of await monthlyPartitions(db, table)) {
    if (nextMonth(month) > cutoff) break;
    const { file, part } = await exportedMonth(db, dir, table, policy, name, month);
    const pruned = await dropMonth(db, table, policy, name, file, options.beforeDrop, cutoff);
    if (pruned === null) {
      options.logger?.warn({ table, month }, 'partition not dropped (lock): next round');
      continue;
    }
    await queryRows(
      db,
      sql`update retention_exports set pruned_rows = ${pruned}, pruned_at = now()
          where table_name = ${table} and month = ${month} and part = ${part}`,
    );
    done.push({ table, month, files: [file], pruned });
  }
  return done;
}

/**
 * What must outlive a dropped month, written in the drop's transaction; `partition` is its name
 * (still attached), `carriedAt` the first instant of the month the cutoff falls in.
 */
export type BeforeDrop = (tx: Tx, partition: string, carriedAt: Date) => Promise<void>;

/** The month's checked export: one written earlier and not yet dropped, or a new one. */
async function exportedMonth(
  db: Db,
  dir: string,
  table: PartitionedTable,
  policy: ExportPrune,
  name: string,
  month: string,
): Promise<{ file: ExportFile; part: number }> {
  const [earlier] = await queryRows<ExportFile & { part: number }>(
    db,
    sql`select file, rows, sha256, part from retention_exports
        where table_name = ${table} and month = ${month} and pruned_at is null
        order by part desc limit 1`,
  );
  if (earlier) {
    try {
      await verifyExportFile(dir, earlier);
      const { part, ...file } = earlier;
      return { file, part };
    } catch {
      // Gone or changed: written again below, as a new part.
    }
  }
  const part = await nextPart(db, table, month);
  const file = await writeExportFile(
    dir,
    exportFileName(table, month, part),
    partitionPages(db, name, policy),
  );
  await verifyExportFile(dir, file);
  await recordFiles(db, [table], month, part, [file]);
  return { file, part };
}

/** A partition's finished rows as JSON text, page by page in key order. */
async function* partitionPages(
  db: Db,
  name: string,
  policy: ExportPrune,
): AsyncGenerator<string[]> {
  const key = sql.raw(`(${policy.key})`);
  const type = sql.raw(policy.keyType);
  let last: string | null = null;
  for (;;) {
    const rows: { k: string; j: string }[] = await queryRows<{ k: string; j: string }>(
      db,
      sql`select ${key}::text as k, row_to_json(m)::text as j from ${sql.identifier(name)} m
          where ${finished(policy)} ${last === null ? sql`` : sql`and ${key} > ${last}::${type}`}
          order by ${key} limit 5000`,
    );
    if (rows.length === 0) return;
    yield rows.map((r) => r.j);
    last = rows.at(-1)!.k;
    if (rows.length < 5000) return;
  }
}

/**
 * Drops an exported month: no insert reaches it from the first statement on (share lock), it
 * must hold exactly the rows exported, `beforeDrop` runs, then it is detached and dropped.
 * Returns the rows dropped, or null when a lock was not had in time (nothing changed).
 */
async function dropMonth(
  db: Db,
  table: PartitionedTable,
  policy: ExportPrune,
  name: string,
  file: ExportFile,
  beforeDrop: BeforeDrop | undefined,
  cutoff: Date,
): Promise<number | null> {
  const month = sql.identifier(name);
  try {
    return await db.transaction(async (tx) => {
      await tx.execute(sql.raw(`set local lock_timeout = '${LOCK_TIMEOUT}'`));
      await tx.execute(sql`lock table ${month} in share mode`);
      const [count] = await queryRows<{ n: number }>(
        tx,
        sql`select count(*)::int as n from ${month} where ${finished(policy)}`,
      );
      if (count!.n !== file.rows) {
        throw new Error(
          `${name}: ${count!.n} rows now, ${file.rows} in ${file.file}: not dropped (written to since the export?)`,
        );
      }
      await beforeDrop?.(tx, name, new Date(`${monthOf(cutoff)}-01T00:00:00Z`));
      await tx.execute(sql`alter table ${sql.identifier(table)} detach partition ${month}`);
      await tx.execute(sql`drop table ${month}`);
      return count!.n;
    });
  } catch (error) {
    if (isLockTimeout(error)) return null;
    throw error;
  }
}

/**
 * The stock ledger stays whole when a month is dropped: each slot's movements of the month,
 * with the carried-forward row it may hold, are added to the slot's carried-forward row dated
 * at the first instant of the cutoff's month (a partition that stays), which replaces any the
 * slot had elsewhere. Stock stays the sum of its ledger; the pool trigger skips the reason.
 * `ship` rows move no slot (the units left from a picker's hand): exported, never carried.
 */
export const carryStockForward: BeforeDrop = async (tx, partition, carriedAt) => {
  const month = sql.identifier(partition);
  // The rows going (the month's, and the carried-forward rows its slots had elsewhere) leave the
  // reconciliation checkpoint's sums; the new carried-forward rows come after its mark.
  await forgetCheckpointedRows(
    tx,
    sql`
    select warehouse_id, bin_id, sku_id, lot, expiry, status, delta, id, reason from ${month}
    union all
    select m.warehouse_id, m.bin_id, m.sku_id, m.lot, m.expiry, m.status, m.delta, m.id, m.reason
    from stock_movements m
    where m.reason = 'carried-forward' and m.tableoid <> ${partition}::regclass
      and exists (select 1 from ${month} p
                  where p.reason <> 'ship' and p.bin_id = m.bin_id and p.sku_id = m.sku_id
                    and p.lot is not distinct from m.lot and p.expiry is not distinct from m.expiry
                    and p.status = m.status)`,
  );
  await tx.execute(sql`
    with sums as (
      select warehouse_id, bin_id, sku_id, lot, expiry, status, sum(delta)::int as delta
      from ${month} where reason <> 'ship'
      group by warehouse_id, bin_id, sku_id, lot, expiry, status
    ), prior as (
      delete from stock_movements m using sums s
      where m.reason = 'carried-forward' and m.bin_id = s.bin_id and m.sku_id = s.sku_id
        and m.lot is not distinct from s.lot and m.expiry is not distinct from s.expiry
        and m.status = s.status
        and m.tableoid <> ${partition}::regclass
      returning m.bin_id, m.sku_id, m.lot, m.expiry, m.status, m.delta, m.at
    )
    insert into stock_movements (warehouse_id, bin_id, sku_id, lot, expiry, status, delta, reason, note, at)
    select s.warehouse_id, s.bin_id, s.sku_id, s.lot, s.expiry, s.status,
           s.delta + coalesce(p.delta, 0), 'carried-forward',
           'movements before this row are in the export files of stock_movements',
           greatest(${carriedAt.toISOString()}::timestamptz, p.at)
    from sums s
    left join (select bin_id, sku_id, lot, expiry, status, sum(delta)::int as delta, max(at) as at
               from prior group by bin_id, sku_id, lot, expiry, status) p
      on p.bin_id = s.bin_id and p.sku_id = s.sku_id and p.lot is not distinct from s.lot
     and p.expiry is not distinct from s.expiry and p.status = s.status`);
};
