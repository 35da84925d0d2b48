import postgres from 'postgres';
import { openDatabase } from '../../../apps/server/src/db/database';
import { advanceLedgerCheckpoint } from '../../../apps/server/src/inventory/ledger-checkpoint';
import { seedDemoIfEmpty } from '../../../apps/server/src/demo/seed-demo';
import {
  PARTITIONED_TABLES,
  ensureMonthPartitions,
} from '../../../apps/server/src/retention/partitions';
import { createPostgresDatabase } from '../../sim/sim-database';
import { buildHistory } from './build-history';
import { historyOf } from './history-sql';

const DAY = 86_400_000;

/**
 * A database of its own on the Postgres at `serverUrl`, migrated and demo-seeded by the server's
 * own code, with `orders` orders of history added in bulk. `drop` removes it.
 */
export async function createHistoryDatabase(
  serverUrl: string,
  orders: number,
  now: Date,
  log: (line: string) => void = () => {},
): Promise<{ url: string; buildMs: number; drop: () => Promise<void> }> {
  const own = await createPostgresDatabase(serverUrl);
  const started = performance.now();
  const database = await openDatabase({ kind: 'postgres', url: own.url });
  const shape = historyOf(orders, now);
  try {
    await seedDemoIfEmpty(database.db);
    // The months of the history have their partitions, as a server running all year made them
    // ahead (the ledger's opening receipts are dated a day before the first order).
    const days = Math.ceil(orders / shape.ordersPerDay) + 2;
    const first = new Date(now.getTime() - days * DAY);
    for (
      let month = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), 1));
      month <= now;
      month = new Date(Date.UTC(month.getUTCFullYear(), month.getUTCMonth() + 1, 1))
    ) {
      for (const table of PARTITIONED_TABLES)
        await ensureMonthPartitions(database.db, table, month);
    }
  } finally {
    await database.close();
  }
  // One connection: the builder's helper table and the order of the statements.
  const connection = postgres(own.url, { max: 1, onnotice: () => {} });
  try {
    await connection.unsafe('set synchronous_commit = off');
    await buildHistory((text) => connection.unsafe(text), shape, log);
  } finally {
    await connection.end();
  }
  // The reconciliation checkpoint, where the nightly retention round of a year's server left it.
  const built = await openDatabase({ kind: 'postgres', url: own.url });
  try {
    await advanceLedgerCheckpoint(built.db, 0);
  } finally {
    await built.close();
  }
  return { url: own.url, buildMs: Math.round(performance.now() - started), drop: own.drop };
}
