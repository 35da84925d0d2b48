import { type SQL, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../db/database';
import { type ExportFile, exportFileName, verifyExportFile, writeExportFile } from './export-file';
import type { ExportPrune } from './policies';

/** A file's rows are read a day at a time (a day of order events is ~14,000 rows at 1M a year). */
const PAGE_SPAN_MS = 86_400_000;
/** Keys per statement reading the following tables' rows. */
const PAGE = 5_000;
/** Rows deleted per transaction: short, so no device's pull waits long on it. */
const DELETE_BATCH = 5_000;

/** A table exported and pruned with its parent's rows (order lines with their orders). */
export interface FollowingTable {
  table: string;
  /** The column naming the parent's key. */
  via: string;
}

/** What a month of one table came to. */
export interface MonthPruned {
  table: string;
  month: string;
  files: ExportFile[];
  pruned: number;
}

/**
 * The statement's end after the delete, reading the deleted rows from `gone` (it must select the
 * count as `n`); `file` is the export file they went to.
 */
export type AfterDelete = (gone: SQL, file: string) => SQL;

/**
 * Exports the finished rows of `table` dated before `cutoff`, one gzipped NDJSON file per month
 * (rows of the same month found later go in a further part), reads each file back and checks its
 * row count and checksum, records it in `retention_exports`, and only then deletes exactly the
 * rows exported, in short transactions (a long one would hold back every device's pull). Tables
 * that `follow` it are exported beside it and deleted first. Throws on the first file that fails:
 * nothing of that month is deleted.
 */
export async function exportAndPrune(
  db: Db,
  dir: string,
  table: string,
  policy: ExportPrune,
  cutoff: Date,
  options: { following?: FollowingTable[]; afterDelete?: AfterDelete } = {},
): Promise<MonthPruned[]> {
  const done: MonthPruned[] = [];
  for (const month of await monthsToPrune(db, table, policy, cutoff)) {
    const range = monthRange(month, cutoff);
    const part = await nextPart(db, table, month);
    const keys: string[] = [];
    const parent = await writeExportFile(
      dir,
      exportFileName(table, month, part),
      pagesOf(db, table, policy, range, keys),
    );
    const files = [parent];
    for (const child of options.following ?? []) {
      files.push(
        await writeExportFile(
          dir,
          exportFileName(child.table, month, part),
          childPages(db, child, policy.keyType, keys),
        ),
      );
    }
    for (const file of files) await verifyExportFile(dir, file);
    await recordFiles(
      db,
      [table, ...(options.following ?? []).map((c) => c.table)],
      month,
      part,
      files,
    );
    const pruned = await deleteExported(db, table, policy, range, keys, parent.file, options);
    await queryRows(
      db,
      sql`update retention_exports set pruned_rows = ${pruned}, pruned_at = now()
          where table_name = ${table} and month = ${month} and part = ${part}`,
    );
    done.push({ table, month, files, pruned });
  }
  return done;
}

interface MonthRange {
  from: string;
  to: string;
}

/**
 * The months (UTC, `YYYY-MM`) holding finished rows dated before the cutoff, oldest first: the
 * oldest such row, then the oldest from the next month on, and so on (one short read of the
 * time column's index per month, not a scan of the table).
 */
async function monthsToPrune(db: Db, table: string, policy: ExportPrune, cutoff: Date) {
  const time = sql.raw(policy.time);
  const months: string[] = [];
  let from: Date | null = null;
  for (;;) {
    const [row] = await queryRows<{ month: string | null }>(
      db,
      sql`select to_char(min(${time}) at time zone 'UTC', 'YYYY-MM') as month
          from ${sql.identifier(table)}
          where ${time} < ${cutoff.toISOString()}::timestamptz
            ${from ? sql`and ${time} >= ${from.toISOString()}::timestamptz` : sql``}
            and ${finished(policy)}`,
    );
    if (!row?.month) return months;
    months.push(row.month);
    from = nextMonth(row.month);
    if (from >= cutoff) return months;
  }
}

/** The first instant (UTC) of the month after `month` (`YYYY-MM`). */
export function nextMonth(month: string): Date {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, m, 1));
}

/** A month's bounds, the cutoff closing the last one (rows younger than it stay). */
function monthRange(month: string, cutoff: Date): MonthRange {
  const [year, m] = month.split('-').map(Number) as [number, number];
  const start = new Date(Date.UTC(year, m - 1, 1));
  const end = new Date(Date.UTC(year, m, 1));
  return {
    from: start.toISOString(),
    to: (end < cutoff ? end : cutoff).toISOString(),
  };
}

export const finished = (policy: ExportPrune) =>
  sql.raw(policy.finished ? `(${policy.finished})` : 'true');

function inRange(policy: ExportPrune, range: MonthRange) {
  const time = sql.raw(policy.time);
  return sql`${time} >= ${range.from}::timestamptz and ${time} < ${range.to}::timestamptz`;
}

/**
 * The rows of the month as JSON text, a day per page in time order (then key): each page is one
 * range of the time column's index, read once, whatever the planner guesses of its size (pages
 * by LIMIT read the rest of the month again for every page when it chose a bitmap scan). Their
 * keys go to `keys`.
 */
async function* pagesOf(
  db: Db,
  table: string,
  policy: ExportPrune,
  range: MonthRange,
  keys: string[],
): AsyncGenerator<string[]> {
  const key = sql.raw(`(${policy.key})`);
  const time = sql.raw(policy.time);
  const end = new Date(range.to).getTime();
  for (let day = new Date(range.from).getTime(); day < end; day += PAGE_SPAN_MS) {
    const page: MonthRange = {
      from: new Date(day).toISOString(),
      to: new Date(Math.min(day + PAGE_SPAN_MS, end)).toISOString(),
    };
    const rows = await queryRows<{ k: string; j: string }>(
      db,
      sql`select ${key}::text as k, row_to_json(${sql.identifier(table)})::text as j
          from ${sql.identifier(table)}
          where ${inRange(policy, page)} and ${finished(policy)}
          order by ${time}, ${key}`,
    );
    if (rows.length === 0) continue;
    for (const r of rows) keys.push(r.k);
    yield rows.map((r) => r.j);
  }
}

/** The rows of a following table whose parent key is among `keys`. */
async function* childPages(
  db: Db,
  child: FollowingTable,
  parentKeyType: ExportPrune['keyType'],
  keys: readonly string[],
): AsyncGenerator<string[]> {
  for (let i = 0; i < keys.length; i += PAGE) {
    const rows = await queryRows<{ j: string }>(
      db,
      sql`select row_to_json(${sql.identifier(child.table)})::text as j
          from ${sql.identifier(child.table)}
          where ${sql.identifier(child.via)} = any(${keyList(keys.slice(i, i + PAGE), parentKeyType)})
          order by ${sql.identifier(child.via)}`,
    );
    yield rows.map((r) => r.j);
  }
}

/**
 * Keys as one array, for `= any(…)`: looked up through the key's index (a bitmap scan), whatever
 * the planner guesses of the list's length (as `in (select …)` it guessed 100 and could scan the
 * whole month's range once per key).
 */
function keyList(keys: readonly string[], type: ExportPrune['keyType']) {
  return sql`array(select jsonb_array_elements_text(${JSON.stringify(keys)}::jsonb)::${sql.raw(type)})`;
}

export async function nextPart(db: Db, table: string, month: string) {
  const [row] = await queryRows<{ part: number }>(
    db,
    sql`select coalesce(max(part), 0)::int + 1 as part from retention_exports
        where table_name = ${table} and month = ${month}`,
  );
  return row?.part ?? 1;
}

export async function recordFiles(
  db: Db,
  tables: readonly string[],
  month: string,
  part: number,
  files: readonly ExportFile[],
) {
  const rows = files.map((f, i) => ({ ...f, table: tables[i]! }));
  await queryRows(
    db,
    sql`insert into retention_exports (table_name, month, part, file, rows, sha256)
        select "table", ${month}, ${part}, file, rows, sha256
        from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
          as r("table" text, file text, rows int, sha256 text)
        on conflict (table_name, month, part) do update
          set file = excluded.file, rows = excluded.rows, sha256 = excluded.sha256,
              exported_at = now()`,
  );
}

/**
 * Deletes exactly the exported rows that are still finished and in the month (a row that changed
 * since stays, and goes in a later part), children first, a batch per transaction.
 */
async function deleteExported(
  db: Db,
  table: string,
  policy: ExportPrune,
  range: MonthRange,
  keys: readonly string[],
  file: string,
  options: { following?: FollowingTable[]; afterDelete?: AfterDelete },
): Promise<number> {
  let pruned = 0;
  const key = sql.raw(`(${policy.key})`);
  for (let i = 0; i < keys.length; i += DELETE_BATCH) {
    const batch = keyList(keys.slice(i, i + DELETE_BATCH), policy.keyType);
    pruned += await db.transaction(async (tx) => {
      // Locked first, so a row that changed since (no longer finished) keeps its children too.
      const deletable = await queryRows<{ k: string }>(
        tx,
        sql`select ${key}::text as k from ${sql.identifier(table)}
            where ${key} = any(${batch}) and ${inRange(policy, range)} and ${finished(policy)}
            for update`,
      );
      if (deletable.length === 0) return 0;
      const these = keyList(
        deletable.map((r) => r.k),
        policy.keyType,
      );
      for (const child of options.following ?? []) {
        await tx.execute(
          sql`delete from ${sql.identifier(child.table)} where ${sql.identifier(child.via)} = any(${these})`,
        );
      }
      const gone = sql`gone`;
      const [row] = await queryRows<{ n: number }>(
        tx,
        sql`with gone as (
              delete from ${sql.identifier(table)} where ${key} = any(${these}) returning *
            )
            ${options.afterDelete ? options.afterDelete(gone, file) : sql`select count(*)::int as n from gone`}`,
      );
      return Number(row?.n ?? 0);
    });
  }
  return pruned;
}
