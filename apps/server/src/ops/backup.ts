import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { PGlite } from '@electric-sql/pglite';

/**
 * Brings an embedded-database backup (the tarball of `GET /api/admin/backup`) up in `dataDir`,
 * which must not hold a database yet; start the server on it afterwards.
 */
export async function restoreEmbeddedBackup(tarball: string, dataDir: string): Promise<void> {
  if (existsSync(dataDir) && readdirSync(dataDir).length > 0) {
    throw new Error(`${dataDir} already holds files: restore into an empty folder`);
  }
  if (!existsSync(tarball)) throw new Error(`no backup file at ${tarball}`);
  mkdirSync(dirname(dataDir), { recursive: true });
  const blob = new Blob([readFileSync(tarball)]);
  const client = new PGlite(dataDir, { loadDataDir: blob });
  await client.waitReady;
  await client.query('select 1');
  await client.close();
}
