import { loadConfig } from '../env';
import { restoreEmbeddedBackup } from './backup';

/**
 * `npm run restore -- <backup.tar.gz>`: brings a backup of the embedded database (from
 * `GET /api/admin/backup`) up in DATA_DIR, which must not hold a database yet. Stop the server
 * first; start it afterwards.
 */
const [tarball] = process.argv.slice(2);
if (!tarball) {
  console.error('usage: npm run restore -- <backup.tar.gz>   (into DATA_DIR, which must be empty)');
  process.exit(2);
}
const config = loadConfig();
if (config.database.kind !== 'pglite' || !config.database.dataDir) {
  console.error('DATABASE_URL is set: restore a Postgres with pg_restore (see the README)');
  process.exit(2);
}
await restoreEmbeddedBackup(tarball, config.database.dataDir);
console.log(`Restored ${tarball} into ${config.database.dataDir}; start the server now.`);
