import {
  FULL_HISTORY_SIZES,
  formatHistoryTable,
  runHistoryBench,
  timeHistoryDatabase,
} from './history-bench';

/** `tsx tests/bench/history/history-bench-cli.ts [large] [small]`: the history bench alone. */
const serverUrl = process.env.DATABASE_URL;
if (!serverUrl) throw new Error('Set DATABASE_URL to a Postgres server');
const sizes = {
  ...FULL_HISTORY_SIZES,
  large: Number(process.argv[2] ?? FULL_HISTORY_SIZES.large),
  small: Number(process.argv[3] ?? FULL_HISTORY_SIZES.small),
  samples: Number(process.env.BENCH_HISTORY_SAMPLES ?? FULL_HISTORY_SIZES.samples),
};
// BENCH_HISTORY_DATABASE=<url of a kept history database of `large` orders>: times it alone
// (after the checkout's migrations), without building anything.
// The sign-in timing serves the production build of the PWA (BENCH_HISTORY_SIGN_INS=0: none).
sizes.signIns = Number(process.env.BENCH_HISTORY_SIGN_INS ?? FULL_HISTORY_SIZES.signIns);
if (sizes.signIns > 0 && process.env.BENCH_HISTORY_NO_BUILD !== '1')
  await (await import('../../support/build-pwa')).default();
const kept = process.env.BENCH_HISTORY_DATABASE;
if (kept) {
  await timeHistoryDatabase(kept, sizes.large, sizes, console.log);
  process.exit(0);
}
// BENCH_HISTORY_BUILT=<small url>,<large url>: both sizes built earlier (build-history-cli.ts),
// timed side by side in this run.
const [small, large] = (process.env.BENCH_HISTORY_BUILT ?? '').split(',');
const { rows, builds } = await runHistoryBench(
  serverUrl,
  sizes,
  console.log,
  process.env.BENCH_HISTORY_KEEP === '1',
  small && large ? { small, large } : undefined,
);
console.log(builds.map((b) => `built ${b.orders} orders in ${b.ms} ms`).join('\n'));
console.log(formatHistoryTable(rows, sizes.small, sizes.large));
process.exit(0);
