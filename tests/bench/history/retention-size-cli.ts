import { readdirSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import postgres from 'postgres';
import { openDatabase } from '../../../apps/server/src/db/database';
import { RETENTION_DEFAULTS } from '../../../apps/server/src/retention/policies';
import { runRetention } from '../../../apps/server/src/retention/run-retention';
import { createHistoryDatabase } from './history-database';

/**
 * `tsx tests/bench/history/retention-size-cli.ts [orders]`: how big a history gets, and what a
 * retention round makes of it. Builds `orders` orders of history (2,740 a day) on the Postgres at
 * DATABASE_URL, measures every table, then runs one retention round dated 401 days later (all of
 * it past every age: masked, exported, pruned), timing it and measuring the export files and what
 * is left after VACUUM. The README's yearly figures scale these per-order sizes.
 */
const orders = Number(process.argv[2] ?? 20_000);
const serverUrl = process.env.DATABASE_URL;
if (!serverUrl) throw new Error('Set DATABASE_URL to a Postgres server');
const built = await createHistoryDatabase(serverUrl, orders, new Date(), console.log);
const sizes = async () => {
  const sql = postgres(built.url, { max: 1, onnotice: () => {} });
  try {
    await sql.unsafe('vacuum full');
    const tables = await sql<{ table: string; rows: string; bytes: string }[]>`
      select relname as table, n_live_tup::text as rows, pg_total_relation_size(relid)::text as bytes
      from pg_stat_user_tables order by pg_total_relation_size(relid) desc`;
    const [db] = await sql<
      { bytes: string }[]
    >`select pg_database_size(current_database())::text as bytes`;
    return { tables, total: Number(db!.bytes) };
  } finally {
    await sql.end();
  }
};
const before = await sizes();
const exportDir = await mkdtemp(join(tmpdir(), 'wms-retention-size-'));
const database = await openDatabase({ kind: 'postgres', url: built.url });
const started = performance.now();
const round = await runRetention({
  database,
  config: { ...RETENTION_DEFAULTS, exportDir },
  now: new Date(Date.now() + 401 * 86_400_000),
  logger: pino({ level: 'debug' }),
});
const roundMs = Math.round(performance.now() - started);
await database.close();
const after = await sizes();
const exported = new Map<string, number>();
for (const table of readdirSync(exportDir)) {
  const folder = join(exportDir, table);
  const bytes = readdirSync(folder).reduce((sum, f) => sum + statSync(join(folder, f)).size, 0);
  exported.set(table, bytes);
}
const mb = (bytes: number) => (bytes / 1e6).toFixed(1);
console.log(
  `\n${orders} orders; retention round ${roundMs} ms; failures: ${JSON.stringify(round.failures)}`,
);
console.log('table | rows before | MB before | MB after | MB exported (gz)');
for (const t of before.tables) {
  const left = after.tables.find((a) => a.table === t.table);
  console.log(
    `${t.table} | ${t.rows} | ${mb(Number(t.bytes))} | ${mb(Number(left?.bytes ?? 0))} | ${mb(exported.get(t.table) ?? 0)}`,
  );
}
const gz = [...exported.values()].reduce((a, b) => a + b, 0);
console.log(`database ${mb(before.total)} MB → ${mb(after.total)} MB; exports ${mb(gz)} MB`);
await rm(exportDir, { recursive: true, force: true });
await built.drop();
process.exit(0);
