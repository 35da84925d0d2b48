import { createHistoryDatabase } from './history-database';

/**
 * `tsx tests/bench/history/build-history-cli.ts <orders>`: builds a history database on the
 * Postgres at DATABASE_URL and keeps it (for EXPLAIN by hand); prints its URL.
 */
const orders = Number(process.argv[2] ?? 100_000);
const serverUrl = process.env.DATABASE_URL;
if (!serverUrl) throw new Error('Set DATABASE_URL to a Postgres server');
const built = await createHistoryDatabase(serverUrl, orders, new Date(), console.log);
console.log(`${orders.toLocaleString('en')} orders in ${built.buildMs} ms: ${built.url}`);
process.exit(0); // the admin connection of createPostgresDatabase stays open until drop
