import { mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import type { SQL } from 'drizzle-orm';
import type {
  PgDatabase,
  PgDialect,
  PgQueryResultHKT,
  PgSession,
  PgTransaction,
} from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { parseDatabaseUrl } from './connection-url';
import { pipelineBegin } from './pipelined-begin';
import {
  CONNECT_TIMEOUT_S,
  type PrimaryVerdict,
  PrimaryLocator,
  reconnectBackoff,
} from './primary-locator';
import { type UndeclaredClientOptions, listenResiliently } from './resilient-listen';
import * as schema from './schema';

export type Schema = typeof schema;
/** The drizzle database, whichever driver is behind it. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction, or the database itself where no transaction is needed. */
export type Tx = PgTransaction<PgQueryResultHKT, Schema> | Db;

export interface Database {
  db: Db;
  driver: 'pglite' | 'postgres';
  /**
   * Calls `onPayload` for every NOTIFY on `channel`, from this or any other server instance.
   * After the connection was lost and LISTEN is re-established (a failover), `onResumed` runs:
   * notices sent in between are lost.
   */
  listen: (
    channel: string,
    onPayload: (payload: string) => void,
    onResumed?: () => void,
  ) => Promise<() => Promise<void>>;
  /**
   * A server database only: the writable primary connections go to, or why there is none
   * (`/readyz`'s reason). Never throws.
   */
  primary?: () => Promise<PrimaryVerdict>;
  close: () => Promise<void>;
  /**
   * The embedded database only: a gzipped tarball of its data folder, taken between
   * transactions (no transaction half-done in it) while the server keeps running. Tests take
   * it uncompressed ('none'), as a template to copy.
   */
  backup?: (compression?: 'gzip' | 'none') => Promise<Blob>;
  /**
   * Runs `work` holding the advisory lock `key` on a connection of its own (Postgres), so of
   * several server instances only one does it at a time; null when another holds it. The
   * embedded database has one instance by construction: `work` simply runs.
   */
  whileHolding: <T>(key: number, work: () => Promise<T>) => Promise<T | null>;
}

export type DatabaseConfig =
  | {
      kind: 'pglite';
      dataDir: string | null;
      /** A data folder (`dumpDataDir`) to start from instead of an empty one (tests). */
      loadDataDir?: Blob;
    }
  | {
      kind: 'postgres';
      url: string;
      /**
       * Straight to Postgres when `url` goes through pgbouncer in transaction mode: LISTEN and the
       * migration's session lock need a session of their own. Absent: `url` is used.
       */
      directUrl?: string;
    };

const migrationsFolder = fileURLToPath(new URL('../../drizzle', import.meta.url));
/** The `when` of the newest migration this build ships: a ready database has applied it. */
export const latestMigrationMillis: number = Math.max(
  ...(
    JSON.parse(readFileSync(`${migrationsFolder}/meta/_journal.json`, 'utf8')) as {
      entries: { when: number }[];
    }
  ).entries.map((e) => e.when),
);
/** Held while migrating, so several instances starting at once migrate one at a time. */
const MIGRATION_LOCK = 72_410_001;

/** Opens the database named by `config` and brings its schema up to date. */
export async function openDatabase(config: DatabaseConfig): Promise<Database> {
  return config.kind === 'pglite'
    ? openPglite(config.dataDir, config.loadDataDir)
    : openPostgres(config.url, config.directUrl);
}

async function openPglite(dataDir: string | null, loadDataDir?: Blob): Promise<Database> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const options = loadDataDir ? { loadDataDir } : {};
  const client = dataDir ? new PGlite(dataDir, options) : new PGlite(options);
  const db = drizzlePglite(client, { schema });
  await migratePglite(db, { migrationsFolder });
  return {
    db: db as unknown as Db,
    driver: 'pglite',
    listen: (channel, onPayload) => client.listen(channel, onPayload),
    close: () => client.close(),
    // Inside a transaction of its own: PGlite runs one transaction at a time, so none is open.
    backup: (compression = 'gzip') => client.transaction(() => client.dumpDataDir(compression)),
    whileHolding: (_key, work) => work(),
  };
}

async function openPostgres(url: string, directUrl?: string): Promise<Database> {
  // Several hosts (a primary and its standbys): every new connection goes to the writable
  // primary of the moment, found by the locator (see primary-locator.ts).
  const pooled = locatedClient(url, 10);
  const direct = directUrl ? locatedClient(directUrl, 1) : pooled;
  const client = pooled.client;
  const db = drizzlePostgres(client, { schema });
  await migrateUnderLock(direct.client);
  if (direct !== pooled) await direct.client.end({ timeout: 5 });
  pipelineBegin(db, client);
  return {
    db: db as unknown as Db,
    driver: 'postgres',
    listen: async (channel, onPayload, onResumed) => {
      const listening = await listenResiliently(
        direct.firstHost,
        direct.locator.socket,
        channel,
        onPayload,
        onResumed ?? (() => {}),
      );
      return listening.stop;
    },
    primary: () => pooled.locator.locate(),
    close: () => client.end({ timeout: 5 }),
    whileHolding: async (key, work) => {
      const holder = await client.reserve();
      try {
        const [row] = await holder<
          { locked: boolean }[]
        >`select pg_try_advisory_lock(${key}) as locked`;
        if (!row?.locked) return null;
        try {
          return await work();
        } finally {
          await holder`select pg_advisory_unlock(${key})`;
        }
      } finally {
        holder.release();
      }
    },
  };
}

function locatedClient(url: string, max: number) {
  const parsed = parseDatabaseUrl(url);
  const locator = new PrimaryLocator(parsed);
  const firstHost = parsed.forHost(parsed.hosts[0]!);
  const options: Record<string, unknown> & UndeclaredClientOptions = {
    max,
    onnotice: () => {},
    // JIT compiling costs ~50 ms per statement and pays off only for long analytic queries: a
    // pull of 1,000 lines (one statement with a rough row estimate) crossed jit_above_cost and
    // spent most of its time compiling. Our statements are short OLTP ones.
    connection: { jit: 'off' },
    socket: locator.socket,
    backoff: reconnectBackoff,
    connect_timeout: CONNECT_TIMEOUT_S,
  };
  const client = postgres(firstHost, options as postgres.Options<Record<string, never>>);
  return { client, locator, firstHost };
}

/** Migrates while holding a session advisory lock, so instances starting together take turns. */
async function migrateUnderLock(client: postgres.Sql) {
  const db = drizzlePostgres(client, { schema });
  const lockHolder = await client.reserve();
  try {
    await lockHolder`select pg_advisory_lock(${MIGRATION_LOCK})`;
    await migratePostgres(db, { migrationsFolder });
  } finally {
    await lockHolder`select pg_advisory_unlock(${MIGRATION_LOCK})`;
    lockHolder.release();
  }
}

/** Runs raw SQL and returns its rows, hiding the drivers' different result shapes. */
export async function queryRows<Row>(tx: Tx, query: SQL): Promise<Row[]> {
  const result: unknown = await tx.execute(query);
  if (Array.isArray(result)) return result as Row[];
  return (result as { rows: Row[] }).rows;
}

/**
 * `queryRows` for a statement of fixed text run on every request (values only as parameters):
 * on Postgres a named prepared statement, parsed and planned once per connection instead of on
 * every run. The pull's one statement cost Postgres about 2.8 ms of CPU unprepared and 1.1 ms
 * prepared (most of it planning a dozen CTEs and subqueries). A statement whose text varies from
 * call to call must not use this: each text is kept as a statement of its own on the connection.
 * PGlite runs it as `queryRows` does.
 */
export async function queryRowsPrepared<Row>(tx: Tx, query: SQL): Promise<Row[]> {
  // drizzle prepares a raw statement only through its session (`db.execute` never does).
  const { dialect, session } = tx as unknown as { dialect: PgDialect; session: PgSession };
  const prepared = session.prepareQuery(dialect.sqlToQuery(query), undefined, 'named', false);
  const result: unknown = await prepared.execute();
  if (Array.isArray(result)) return result as Row[];
  return (result as { rows: Row[] }).rows;
}

/** Postgres's lock_not_available (55P03), as either driver reports it. */
export function isLockTimeout(error: unknown): boolean {
  for (let e: unknown = error; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === '55P03') return true;
  }
  return false;
}
