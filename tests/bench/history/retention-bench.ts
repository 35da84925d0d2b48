import { readdirSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { openDatabase } from '../../../apps/server/src/db/database';
import { RETENTION_DEFAULTS } from '../../../apps/server/src/retention/policies';
import {
  type RetentionRound,
  runRetention,
} from '../../../apps/server/src/retention/run-retention';
import type { Measurement } from '../server-bench';
import { createHistoryDatabase } from './history-database';

const DAY = 86_400_000;

/**
 * The round is dated this long after the history: all of it is past every age, and every month
 * of it wholly past the history age (400 days), so the partitioned ledger and timelines drop
 * whole months. Channel keys (800 days) stay.
 */
export const DAYS_LATER = 432;

/** One table's size, in the database and in its export files. */
export interface TableSize {
  table: string;
  rows: number;
  bytesBefore: number;
  bytesAfter: number;
  bytesExported: number;
}

export interface RetentionBenchResult {
  orders: number;
  buildMs: number;
  roundMs: number;
  round: RetentionRound;
  /** Rows pruned and files written per table (following tables count their files only). */
  pruned: Map<string, { rows: number; files: number }>;
  tables: TableSize[];
  totalBefore: number;
  totalAfter: number;
  /** What of the history is still in the database after the round (all 0: all pruned). */
  left: HistoryLeft;
}

/** Rows of the history left after the round, and stock slots not the sum of their ledger. */
export interface HistoryLeft {
  orders: number;
  orderLines: number;
  orderEvents: number;
  scans: number;
  movements: number;
  drift: number;
}

/** Table sizes after VACUUM FULL, a partitioned table's months summed under its name. */
async function sizes(url: string) {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await sql.unsafe('vacuum full');
    await sql.unsafe('analyze');
    const tables = await sql<{ table: string; rows: string; bytes: string }[]>`
      select coalesce(p.relname, s.relname) as table, sum(s.n_live_tup)::text as rows,
             sum(pg_total_relation_size(s.relid))::text as bytes
      from pg_stat_user_tables s
      left join pg_inherits i on i.inhrelid = s.relid
      left join pg_class p on p.oid = i.inhparent
      group by 1 order by sum(pg_total_relation_size(s.relid)) desc`;
    const [db] = await sql<
      { bytes: string }[]
    >`select pg_database_size(current_database())::text as bytes`;
    const [left] = await sql<Record<keyof HistoryLeft, string>[]>`
      select (select count(*) from orders where id like 'HO-%')::text as orders,
             (select count(*) from order_lines where order_id like 'HO-%')::text as "orderLines",
             (select count(*) from order_events where order_id like 'HO-%')::text as "orderEvents",
             ((select count(*) from scan_events where payload->>'pickLineId' like 'PL-HO-%')
              + (select count(*) from scan_events_archive
                 where payload->>'pickLineId' like 'PL-HO-%'))::text as scans,
             (select count(*) from stock_movements where reason <> 'carried-forward')::text as movements,
             (select count(*) from stock s where s.qty <> (
                select coalesce(sum(m.delta), 0) from stock_movements m
                where m.bin_id = s.bin_id and m.sku_id = s.sku_id and m.status = s.status
                  and m.lot is not distinct from s.lot
                  and m.expiry is not distinct from s.expiry))::text as drift`;
    const historyLeft = Object.fromEntries(
      Object.entries(left!).map(([k, v]) => [k, Number(v)]),
    ) as unknown as HistoryLeft;
    return { tables, total: Number(db!.bytes), left: historyLeft };
  } finally {
    await sql.end();
  }
}

/**
 * Builds `orders` orders of history on the Postgres at `serverUrl` (2,740 a day), measures every
 * table, runs one retention round dated DAYS_LATER days on (the first round over that history:
 * masked, exported, checked, pruned), timing each step, and measures the files and what is
 * left. The database is dropped after.
 */
export async function runRetentionBench(
  serverUrl: string,
  orders: number,
  log: (line: string) => void = console.log,
  /** A history database built earlier (build-history-cli.ts): a copy of it is measured. */
  builtEarlier?: string,
): Promise<RetentionBenchResult> {
  const built = builtEarlier
    ? await copyOfDatabase(serverUrl, builtEarlier)
    : await createHistoryDatabase(serverUrl, orders, new Date(), log);
  const exportDir = await mkdtemp(join(tmpdir(), 'wms-retention-bench-'));
  try {
    const before = await sizes(built.url);
    const database = await openDatabase({ kind: 'postgres', url: built.url });
    const started = performance.now();
    let round: RetentionRound;
    try {
      round = await runRetention({
        database,
        config: { ...RETENTION_DEFAULTS, exportDir },
        now: new Date(Date.now() + DAYS_LATER * DAY),
      });
    } finally {
      await database.close();
    }
    const roundMs = Math.round(performance.now() - started);
    const after = await sizes(built.url);
    const exported = new Map<string, number>();
    for (const table of readdirSync(exportDir)) {
      const folder = join(exportDir, table);
      const bytes = readdirSync(folder).reduce((sum, f) => sum + statSync(join(folder, f)).size, 0);
      exported.set(table, bytes);
    }
    const pruned = new Map<string, { rows: number; files: number }>();
    for (const month of round.months) {
      const sum = pruned.get(month.table) ?? { rows: 0, files: 0 };
      pruned.set(month.table, {
        rows: sum.rows + month.pruned,
        files: sum.files + month.files.length,
      });
    }
    return {
      orders,
      buildMs: built.buildMs,
      roundMs,
      round,
      pruned,
      tables: before.tables.map((t) => ({
        table: t.table,
        rows: Number(t.rows),
        bytesBefore: Number(t.bytes),
        bytesAfter: Number(after.tables.find((a) => a.table === t.table)?.bytes ?? 0),
        bytesExported: exported.get(t.table) ?? 0,
      })),
      totalBefore: before.total,
      totalAfter: after.total,
      left: after.left,
    };
  } finally {
    await rm(exportDir, { recursive: true, force: true });
    await built.drop();
  }
}

const mb = (bytes: number) => (bytes / 1e6).toFixed(1);

/** The figures as text tables: the round's steps, then every table's sizes. */
export function formatRetentionBench(result: RetentionBenchResult): string {
  const { round } = result;
  const lines = [
    `${result.orders.toLocaleString('en')} orders (built in ${Math.round(result.buildMs / 1000)} s); ` +
      `first retention round ${(result.roundMs / 1000).toFixed(1)} s ` +
      `(${((result.roundMs / result.orders) * 1000).toFixed(0)} µs an order); ` +
      `failures: ${JSON.stringify(round.failures)}`,
    `archived ${round.archived?.moved ?? 0} scan events, masked ${round.masked} orders, ` +
      `pruned ${round.changesPruned} feed rows`,
    'step | ms | rows pruned | export files',
  ];
  for (const [step, ms] of Object.entries(round.timings)) {
    const p = result.pruned.get(step);
    lines.push(`${step} | ${ms} | ${p?.rows ?? ''} | ${p?.files ?? ''}`);
  }
  lines.push('table | rows before | MB before | MB after | MB exported (gz)');
  for (const t of result.tables) {
    lines.push(
      `${t.table} | ${t.rows} | ${mb(t.bytesBefore)} | ${mb(t.bytesAfter)} | ${mb(t.bytesExported)}`,
    );
  }
  const gz = result.tables.reduce((sum, t) => sum + t.bytesExported, 0);
  lines.push(
    `database ${mb(result.totalBefore)} MB → ${mb(result.totalAfter)} MB; exports ${mb(gz)} MB`,
  );
  return lines.join('\n');
}

/** For `npm run bench`: the first round's time per order against its budget. */
export function retentionMeasurements(result: RetentionBenchResult): Measurement[] {
  const perOrder = result.roundMs / result.orders;
  return [
    {
      name: `retention: first round over ${result.orders.toLocaleString('en')} orders of history, per order`,
      value: Math.round(perOrder * 1000),
      unit: 'µs',
      reference: 'target ≤ 1,000 µs (1M orders in under 17 minutes; was ~30,000 µs)',
      meetsTarget: perOrder <= 1 && result.round.failures.length === 0,
    },
    {
      name: `retention: database after the round (${result.orders.toLocaleString('en')} orders pruned)`,
      value: Math.round(result.totalAfter / 1e6),
      unit: 'MB',
      reference: `was ${Math.round(result.totalBefore / 1e6)} MB before the round`,
      meetsTarget: null,
    },
  ];
}

/** A copy of a kept database (CREATE DATABASE … TEMPLATE), dropped after: the original stays. */
async function copyOfDatabase(
  serverUrl: string,
  url: string,
): Promise<{ url: string; buildMs: number; drop: () => Promise<void> }> {
  const source = new URL(url).pathname.slice(1);
  const name = `${source}_retention_${Date.now().toString(36)}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  const started = performance.now();
  await admin.unsafe(`create database "${name}" template "${source}"`);
  const copy = new URL(url);
  copy.pathname = `/${name}`;
  return {
    url: copy.toString(),
    buildMs: Math.round(performance.now() - started),
    drop: async () => {
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end();
    },
  };
}
