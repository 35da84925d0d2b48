import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import postgres from 'postgres';

/** Read access to the server's database after a run, for the invariant checks. */
export interface SimDatabase {
  query<Row>(text: string): Promise<Row[]>;
  close(): Promise<void>;
}

/** A fresh database of its own on the Postgres server (dropped by `drop`). */
export async function createPostgresDatabase(serverUrl: string) {
  const name = `wms_sim_${randomBytes(5).toString('hex')}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

export function openPostgres(url: string): SimDatabase {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  return { query: (text) => sql.unsafe(text) as never, close: () => sql.end({ timeout: 5 }) };
}

/** The embedded database the server kept in `dataDir` (the server must be stopped first). */
export async function openEmbedded(dataDir: string): Promise<SimDatabase> {
  const db = new PGlite(join(dataDir, 'pglite'));
  await db.waitReady;
  return {
    query: async <Row>(text: string) => (await db.query<Row>(text)).rows,
    close: () => db.close(),
  };
}
