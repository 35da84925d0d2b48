import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../support/server-process';
import { FULL_SIZES, formatTable, machine, runServerBench } from './bench-suite';
import type { Measurement } from './server-bench';

/**
 * `npm run bench`: the server's and the device's figures against their limits, printed as tables
 * and written to tests/artifacts/bench.json. The server on real Postgres when DATABASE_URL is set
 * (a database of its own), else the embedded PGlite (in memory). `BENCH_ONLY=push,pull,intake,
 * connectors,devices,instances,device` runs a part (`history`, the year-of-history bench on Postgres, runs
 * only when named: BENCH_HISTORY_ORDERS sets its size, 1,000,000 by default; `retention`, the first
 * retention round over a history on Postgres, likewise: BENCH_RETENTION_ORDERS, 200,000 by default); BENCH_SERVER_PROFILE=<dir> writes a CPU profile of the
 * server process of the 200-device part there. Exits non-zero when a gated budget is missed.
 */
const only = process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(',')) : undefined;
const sizes = {
  ...FULL_SIZES,
  pushBatchesPerDevice: Number(process.env.BENCH_BATCHES ?? FULL_SIZES.pushBatchesPerDevice),
};
const server = await runServerBench(
  process.env.DATABASE_URL,
  sizes,
  only,
  process.env.BENCH_SERVER_PROFILE,
);
const results: { section: string; results: Measurement[] }[] = [
  { section: `Server — ${server.database}`, results: server.results },
];
if (!only || only.has('device')) {
  const { FULL_DEVICE_SIZES, runDeviceBench } = await import('./device-bench');
  results.push({
    section: 'Device — headless Chromium, CPU slowed 4× (CDP)',
    results: await runDeviceBench(
      { ...FULL_DEVICE_SIZES, build: process.env.BENCH_BUILD !== '0' },
      process.env.DATABASE_URL,
    ),
  });
}
if (only?.has('history')) {
  // A year of history (issue 19): Postgres only, minutes to build; run it on its own.
  const history = await import('./history/history-bench');
  const historySizes = {
    ...history.FULL_HISTORY_SIZES,
    large: Number(process.env.BENCH_HISTORY_ORDERS ?? history.FULL_HISTORY_SIZES.large),
  };
  if (process.env.DATABASE_URL) {
    // The sign-in timing serves the production build of the PWA, as `npm start` does.
    await (await import('../support/build-pwa')).default();
    const { rows, builds } = await history.runHistoryBench(process.env.DATABASE_URL, historySizes);
    results.push({
      section: `A year of history — ${builds.map((b) => `${b.orders.toLocaleString('en')} orders built in ${Math.round(b.ms / 1000)} s`).join(', ')}`,
      results: history.historyMeasurements(rows, historySizes.large),
    });
    console.log(`\n${history.formatHistoryTable(rows, historySizes.small, historySizes.large)}`);
  } else console.log('\nhistory: skipped, it needs Postgres (DATABASE_URL)');
}
if (only?.has('retention')) {
  // The first retention round over a history (issue 25): Postgres only, minutes; on its own.
  if (process.env.DATABASE_URL) {
    const retention = await import('./history/retention-bench');
    const result = await retention.runRetentionBench(
      process.env.DATABASE_URL,
      Number(process.env.BENCH_RETENTION_ORDERS ?? 200_000),
    );
    console.log(`\n${retention.formatRetentionBench(result)}`);
    results.push({
      section: `Retention — the first round over ${result.orders.toLocaleString('en')} orders of history`,
      results: retention.retentionMeasurements(result),
    });
  } else console.log('\nretention: skipped, it needs Postgres (DATABASE_URL)');
}
console.log(`\n${machine()}`);
for (const { section, results: rows } of results) console.log(formatTable(section, rows));
mkdirSync(join(repoRoot, 'tests/artifacts'), { recursive: true });
writeFileSync(
  join(repoRoot, 'tests/artifacts/bench.json'),
  JSON.stringify(
    { date: new Date().toISOString(), database: server.database, machine: machine(), results },
    null,
    2,
  ),
);
const failed = results.flatMap((s) => s.results).filter((m) => m.gate && m.meetsTarget === false);
if (failed.length > 0) {
  console.error(`\nFAIL: over budget — ${failed.map((m) => m.name).join('; ')}`);
  process.exitCode = 1;
}
