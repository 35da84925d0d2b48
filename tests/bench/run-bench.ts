import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../../apps/server/src/server';
import { repoRoot } from '../support/server-process';
import { benchPull, benchPushIngest, type Measurement } from './server-bench';

/**
 * `npm run bench`: the server's figures against their limits, printed as a table and written to
 * tests/artifacts/bench.json. Real Postgres when DATABASE_URL is set (a database of its own),
 * else the embedded PGlite (in memory).
 */
const postgresUrl = process.env.DATABASE_URL;
const { createPostgresDatabase } = await import('../sim/sim-database');
const own = postgresUrl ? await createPostgresDatabase(postgresUrl) : null;
if (own) process.env.DATABASE_URL = own.url;
const server = await startServer({
  mode: 'production',
  port: 0,
  host: '127.0.0.1',
  database: own ? { kind: 'postgres', url: own.url } : { kind: 'pglite', dataDir: null },
  authSecret: 'bench-secret-bench-secret-bench-secret-0123',
  tokenTtlMs: 3_600_000,
  seedDemo: true,
  pwaDist: '/nonexistent',
});
const results: Measurement[] = [];
try {
  results.push(...(await benchPushIngest(server, Number(process.env.BENCH_BATCHES ?? 10))));
  results.push(...(await benchPull(server, 10_000)));
} finally {
  await server.close();
  await own?.drop();
}
const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`;
const database = own ? 'Postgres (DATABASE_URL)' : 'PGlite (embedded, in memory)';
console.log(`\n${database} — ${machine}\n`);
console.log(`${'measure'.padEnd(58)} ${'figure'.padStart(12)}  reference`);
for (const m of results) {
  const mark = m.meetsTarget === null ? ' ' : m.meetsTarget ? '✓' : '✗';
  console.log(
    `${mark} ${m.name.padEnd(56)} ${`${m.value.toLocaleString('en')} ${m.unit}`.padStart(12)}  ${m.reference}`,
  );
}
mkdirSync(join(repoRoot, 'tests/artifacts'), { recursive: true });
writeFileSync(
  join(repoRoot, 'tests/artifacts/bench.json'),
  JSON.stringify({ date: new Date().toISOString(), database, machine, results }, null, 2),
);
