import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app';
import { PokeHub } from '../sync/poke-hub';
import { latestMigrationMillis } from '../db/database';
import { TEST_SECRET } from '../testing/test-app';
import { type OwnedDatabase, testDatabases } from '../testing/test-databases';
import { Lifecycle } from './lifecycle';

const METRICS_TOKEN = 'health-test-metrics-token';

function anApp(database: OwnedDatabase, lifecycle?: Lifecycle) {
  return createApp({
    metricsToken: METRICS_TOKEN,
    db: database.db,
    pokes: new PokeHub(),
    authSecret: TEST_SECRET,
    tokenTtlMs: 3_600_000,
    pwaDist: null,
    now: () => new Date(),
    ...(lifecycle ? { lifecycle } : {}),
  });
}

async function readyz(app: ReturnType<typeof anApp>) {
  const res = await app.request('/readyz');
  return { status: res.status, body: (await res.json()) as { status: string; reason?: string } };
}

describe.each(testDatabases())('health and readiness on $name', (target) => {
  let database: OwnedDatabase;
  beforeAll(async () => {
    database = await target.open();
  });
  afterAll(() => database.drop());

  it('/healthz answers while the process is up; /readyz when the schema is current', async () => {
    const app = anApp(database);
    const health = await app.request('/healthz');
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    expect(await readyz(app)).toEqual({ status: 200, body: { status: 'ready' } });
  });

  it('/readyz is 503 migrations_pending while the newest migration is not applied', async () => {
    const app = anApp(database);
    await database.db.execute(
      sql`update drizzle.__drizzle_migrations set created_at = created_at - 1 where created_at = ${latestMigrationMillis}`,
    );
    const pending = await readyz(app);
    expect(pending.status).toBe(503);
    expect(pending.body.reason).toBe('migrations_pending');
    await database.db.execute(
      sql`update drizzle.__drizzle_migrations set created_at = ${latestMigrationMillis} where created_at = ${latestMigrationMillis - 1}`,
    );
    expect((await readyz(app)).status).toBe(200);
  });

  it('/readyz is 503 shutting_down once draining starts', async () => {
    const lifecycle = new Lifecycle();
    const app = anApp(database, lifecycle);
    expect((await readyz(app)).status).toBe(200);
    await lifecycle.drain();
    expect(await readyz(app)).toMatchObject({ status: 503, body: { reason: 'shutting_down' } });
    expect((await app.request('/healthz')).status).toBe(200);
  });

  // Only a server database can be taken away from a running app (PGlite lives in the process).
  if (target.name === 'postgres')
    it('/readyz is 503 database_unreachable while the database refuses connections, and recovers', async () => {
      const app = anApp(database);
      const name = new URL(database.url!).pathname.slice(1);
      const admin = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
      try {
        await admin.unsafe(`alter database ${name} allow_connections false`);
        await admin`select pg_terminate_backend(pid) from pg_stat_activity where datname = ${name}`;
        const down = await readyz(app);
        expect(down.status).toBe(503);
        expect(down.body.reason).toBe('database_unreachable');
        // Metrics are still served (the database gauges keep their last value).
        const scrape = await app.request('/metrics', {
          headers: { authorization: `Bearer ${METRICS_TOKEN}` },
        });
        expect(scrape.status).toBe(200);
        expect(await scrape.text()).toContain(
          'wms_http_requests_total{method="GET",route="/readyz",status="503"} 1',
        );
        await admin.unsafe(`alter database ${name} allow_connections true`);
        expect(await readyz(app)).toEqual({ status: 200, body: { status: 'ready' } });
      } finally {
        await admin.unsafe(`alter database ${name} allow_connections true`);
        await admin.end();
      }
    });
});
