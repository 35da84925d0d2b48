import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasPostgres, type OwnedDatabase, testDatabases } from '../testing/test-databases';
import { parseDatabaseUrl } from './connection-url';
import { PrimaryLocator } from './primary-locator';

/** A real server answers the probe; a second host that refuses connections stands for a dead node. */
describe.runIf(hasPostgres)('finding the writable primary among several hosts (Postgres)', () => {
  let database: OwnedDatabase;
  let admin: postgres.Sql;
  let name: string;

  beforeAll(async () => {
    database = await testDatabases()
      .find((d) => d.name === 'postgres')!
      .open();
    name = new URL(database.url!).pathname.slice(1);
    admin = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
  });
  afterAll(async () => {
    await admin.unsafe(`alter database ${name} reset default_transaction_read_only`);
    await admin.end();
    await database.drop();
  });

  /** The test database listed after a dead host: `postgres://…@127.0.0.1:1,<host:port>/db`. */
  function twoHosts() {
    const url = new URL(database.url!);
    return parseDatabaseUrl(
      `postgres://${url.username}${url.password ? `:${url.password}` : ''}@127.0.0.1:1,${url.host}${url.pathname}`,
    );
  }

  it('skips a dead host and connects to the writable one, on its WAL timeline', async () => {
    const locator = new PrimaryLocator(twoHosts());
    const verdict = await locator.locate();
    const url = new URL(database.url!);
    expect(verdict).toMatchObject({
      kind: 'primary',
      host: { host: url.hostname, port: Number(url.port || 5432) },
    });
    expect(verdict.kind === 'primary' && verdict.timeline).toBeGreaterThanOrEqual(1);
    expect(locator.timeline).toBe(verdict.kind === 'primary' ? verdict.timeline : -1);
  });

  it('says database_read_only while the only live host refuses writes, and finds it again after', async () => {
    await admin.unsafe(`alter database ${name} set default_transaction_read_only = on`);
    const locator = new PrimaryLocator(twoHosts());
    const refused = await locator.locate();
    expect(refused.kind).toBe('database_read_only');
    expect(refused.kind !== 'primary' && refused.message).toMatch(
      /^No writable primary \(127\.0\.0\.1:1 unreachable .*is read-only\)$/,
    );
    await admin.unsafe(`alter database ${name} reset default_transaction_read_only`);
    expect((await locator.locate()).kind).toBe('primary');
  });

  it('says database_unreachable when no host answers', async () => {
    const locator = new PrimaryLocator(
      parseDatabaseUrl('postgres://wms@127.0.0.1:1,127.0.0.1:2/wms'),
    );
    expect((await locator.locate()).kind).toBe('database_unreachable');
  });
});
