import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import postgres from 'postgres';
import { inject } from 'vitest';
import { type Database, openDatabase } from '../db/database';

/** A database a test file owns: PGlite in memory, or a fresh database on the Postgres server. */
export interface TestDatabase {
  name: 'pglite' | 'postgres';
  open: () => Promise<OwnedDatabase>;
}

export interface OwnedDatabase extends Database {
  /** The connection string of this test's own Postgres database (postgres only). */
  url: string | null;
  drop: () => Promise<void>;
}

const serverUrl = process.env.DATABASE_URL;

/**
 * The migrated, empty databases of `database-templates.ts` (the projects' global setup). Absent
 * (a project without that setup), each database is migrated from scratch.
 */
const templates = { pglite: inject('pgliteTemplate'), postgres: inject('postgresTemplate') };
let pgliteTemplate: Blob | undefined;

/**
 * The databases server tests run against: always PGlite, and real Postgres when DATABASE_URL is
 * set (CI sets it; under CI a missing DATABASE_URL is an error, not a silent skip).
 */
export function testDatabases(): TestDatabase[] {
  if (!serverUrl && process.env.CI === 'true') {
    throw new Error('CI must set DATABASE_URL so server tests also run on real Postgres');
  }
  const pglite: TestDatabase = {
    name: 'pglite',
    open: async () => {
      if (templates.pglite) pgliteTemplate ??= new Blob([readFileSync(templates.pglite)]);
      const database = await openDatabase({
        kind: 'pglite',
        dataDir: null,
        ...(pgliteTemplate && { loadDataDir: pgliteTemplate }),
      });
      return { ...database, url: null, drop: () => database.close() };
    },
  };
  return serverUrl
    ? [pglite, { name: 'postgres', open: () => openOwnPostgres(serverUrl) }]
    : [pglite];
}

export const hasPostgres = Boolean(serverUrl);

/**
 * Creates a database of its own on the server, so test files never collide: a copy of the
 * migrated template when there is one (opening it then finds nothing to migrate).
 */
async function openOwnPostgres(url: string): Promise<OwnedDatabase> {
  const name = `wms_test_${randomBytes(6).toString('hex')}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(
    templates.postgres
      ? `create database ${name} template ${templates.postgres}`
      : `create database ${name}`,
  );
  const own = new URL(url);
  own.pathname = `/${name}`;
  const database = await openDatabase({ kind: 'postgres', url: own.toString() });
  return {
    ...database,
    url: own.toString(),
    drop: async () => {
      await database.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}
