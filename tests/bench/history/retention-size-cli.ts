import { formatRetentionBench, runRetentionBench } from './retention-bench';

/**
 * `tsx tests/bench/history/retention-size-cli.ts [orders]`: how big a history gets, and what the
 * first retention round makes of it (retention-bench.ts). Builds `orders` orders of history
 * (2,740 a day) on the Postgres at DATABASE_URL, measures every table, runs one round dated 432
 * days later (everything past every age), timing each step, and measures the export files and
 * what is left after VACUUM. The README's yearly figures scale these per-order sizes.
 */
const orders = Number(process.argv[2] ?? 20_000);
const serverUrl = process.env.DATABASE_URL;
if (!serverUrl) throw new Error('Set DATABASE_URL to a Postgres server');
// BENCH_RETENTION_DATABASE=<url of a history database of `orders` orders>: a copy of it is measured.
const result = await runRetentionBench(
  serverUrl,
  orders,
  console.log,
  process.env.BENCH_RETENTION_DATABASE,
);
console.log(`\n${formatRetentionBench(result)}`);
process.exit(0);
