import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../apps/server/src/db/database';
import { TEMPLATE_ENV } from './server-process';

/**
 * Vitest global setup: one embedded database, migrated once per run, that every server process
 * of the tests starts from (a copy of its own) instead of running initdb and every migration.
 * The copy is still migrated at start (nothing left to do); tests that hand the server a data
 * folder of their own (shutdown, backup-restore) still start from scratch.
 */
export default async function serverDataTemplate() {
  // The ops and browser projects both name this setup; in one run the second reuses the first's
  // (Vitest runs every project's setups before any test and their teardowns after the last).
  if (process.env[TEMPLATE_ENV]) return () => {};
  const folder = mkdtempSync(join(tmpdir(), 'wms-server-template-'));
  const database = await openDatabase({ kind: 'pglite', dataDir: join(folder, 'pglite') });
  await database.close();
  process.env[TEMPLATE_ENV] = folder;
  return () => {
    delete process.env[TEMPLATE_ENV];
    rmSync(folder, { recursive: true, force: true });
  };
}
