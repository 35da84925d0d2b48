import { resolve } from 'node:path';
import { loadRestoreConfig } from '../env';
import { restoreEmbeddedBackup } from './backup';

/**
 * `npm run restore -- <backup.tar.gz>`: brings a backup of the embedded database (from
 * `GET /api/admin/backup`) up in DATA_DIR, which must not hold a database yet. Stop the server
 * first; start it afterwards. A relative path is taken from where the command was typed.
 */
const [given] = process.argv.slice(2);
if (!given) {
  console.error('usage: npm run restore -- <backup.tar.gz>   (into DATA_DIR, which must be empty)');
  process.exit(2);
}
const config = loadRestoreConfig();
if (!config.pgliteDir) {
  console.error('DATABASE_URL is set: restore a Postgres with pg_restore (see the README)');
  process.exit(2);
}
const tarball = resolve(config.base, given);
try {
  await restoreEmbeddedBackup(tarball, config.pgliteDir);
} catch (err) {
  console.error(`Restore failed: ${(err as Error).message}`);
  process.exit(1);
}
console.log(
  `Restored ${tarball} into ${config.pgliteDir}. Start the server with the same AUTH_SECRET as ` +
    'before (or copy auth-secret from the old DATA_DIR) so signed-in devices stay signed in.',
);
