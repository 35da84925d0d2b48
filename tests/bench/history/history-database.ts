import postgres from 'postgres';
import { openDatabase } from '../../../apps/server/src/db/database';
import { seedDemoIfEmpty } from '../../../apps/server/src/demo/seed-demo';
import { createPostgresDatabase } from '../../sim/sim-database';
import { buildHistory } from './build-history';
import { historyOf } from './history-sql';

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
  try {
    await seedDemoIfEmpty(database.db);
  } finally {
    await database.close();
  }
  // One connection: the builder's helper table and the order of the statements.
  const connection = postgres(own.url, { max: 1, onnotice: () => {} });
  try {
    await connection.unsafe('set synchronous_commit = off');
    await buildHistory((text) => connection.unsafe(text), historyOf(orders, now), log);
  } finally {
    await connection.end();
  }
  return { url: own.url, buildMs: Math.round(performance.now() - started), drop: own.drop };
}
