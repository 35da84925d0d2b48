import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../db/database';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A file holding the data folder of a migrated, empty PGlite database (`dumpDataDir`). */
    pgliteTemplate: string;
    /** A migrated, empty database on the Postgres server, to `create database … template` from. */
    postgresTemplate: string | null;
  }
}

/**
 * Vitest global setup: migrates one empty database of each kind once per run, so that each test
 * file copies it instead of migrating from scratch (PGlite's initdb and ~10 migrations cost
 * seconds per file). Every test file still owns its database: a copy, dropped after the file.
 */
export default async function databaseTemplates(project: TestProject) {
  const folder = mkdtempSync(join(tmpdir(), 'wms-test-template-'));
  const pgliteTemplate = join(folder, 'pglite.tar');
  const embedded = await openDatabase({ kind: 'pglite', dataDir: null });
  const dump = await embedded.backup?.('none');
  await embedded.close();
  if (!dump) throw new Error('PGlite gave no dump of its data folder');
  writeFileSync(pgliteTemplate, Buffer.from(await dump.arrayBuffer()));
  project.provide('pgliteTemplate', pgliteTemplate);

  const serverUrl = process.env.DATABASE_URL;
  let postgresTemplate: string | null = null;
  if (serverUrl) {
    postgresTemplate = `wms_template_${randomBytes(6).toString('hex')}`;
    const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${postgresTemplate}`);
    const url = new URL(serverUrl);
    url.pathname = `/${postgresTemplate}`;
    // Closed before any copy: Postgres copies a template only while no one is connected to it.
    await (await openDatabase({ kind: 'postgres', url: url.toString() })).close();
    await admin.end();
  }
  project.provide('postgresTemplate', postgresTemplate);

  return async () => {
    rmSync(folder, { recursive: true, force: true });
    if (serverUrl && postgresTemplate) {
      const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
      await admin.unsafe(`drop database if exists ${postgresTemplate} with (force)`);
      await admin.end();
    }
  };
}
