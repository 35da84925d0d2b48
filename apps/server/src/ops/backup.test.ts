import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase, queryRows } from '../db/database';
import type { createApp } from '../app';
import { aLoggedInDevice, aPick, aSeededApp, pull, push } from '../testing/test-app';
import { type OwnedDatabase, testDatabases } from '../testing/test-databases';
import { restoreEmbeddedBackup } from './backup';

const eventIds = async (db: Database['db']) =>
  (
    await queryRows<{ id: string }>(db, sql`select id from scan_events order by device_id, seq`)
  ).map((r) => r.id);

describe.each(testDatabases())('back up and restore on $name', (target) => {
  let database: OwnedDatabase;
  let app: ReturnType<typeof createApp>;
  let stored: string[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'wms-backup-'));
  beforeAll(async () => {
    database = await target.open();
    ({ app } = await aSeededApp(database, database.backup ? { backup: database.backup } : {}));
    // Two pickers scan; every one of their events must come back from the backup.
    for (const badge of ['P-0001', 'P-0002']) {
      const picker = await aLoggedInDevice(app, badge);
      const lines = (await pull(app, picker)).lines.filter((l) => l.status === 'open');
      const { status } = await push(
        app,
        picker,
        lines.slice(0, 3).map((line) => aPick(picker, line)),
      );
      expect(status).toBe(200);
    }
    stored = await eventIds(database.db);
    expect(stored.length).toBeGreaterThanOrEqual(4);
  });
  afterAll(async () => {
    await database.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('only an admin may download a backup', async () => {
    const picker = await aLoggedInDevice(app, 'P-0001');
    const res = await app.request('/api/admin/backup', {
      headers: { authorization: `Bearer ${picker.token}` },
    });
    expect(res.status).toBe(403);
    expect((await app.request('/api/admin/backup')).status).toBe(401);
  });

  if (target.name === 'pglite')
    it('GET /api/admin/backup streams a tarball that restores with every scan event', async () => {
      const admin = await aLoggedInDevice(app, 'A-0001');
      // The backup is taken while pushes go on: it holds each of them whole or not at all.
      const busy = await aLoggedInDevice(app, 'P-0003');
      const busyLines = (await pull(app, busy)).lines.filter((l) => l.status === 'open');
      const [res, concurrent] = await Promise.all([
        app.request('/api/admin/backup', { headers: { authorization: `Bearer ${admin.token}` } }),
        push(
          app,
          busy,
          busyLines.slice(0, 2).map((line) => aPick(busy, line)),
        ),
      ]);
      expect(concurrent.status).toBe(200);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/gzip');
      expect(res.headers.get('content-disposition')).toMatch(
        /^attachment; filename="wms-backup-.*\.tar\.gz"$/,
      );
      const tarball = Buffer.from(await res.arrayBuffer());
      expect(tarball.subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b])); // gzip
      const file = join(dir, 'backup.tar.gz');
      writeFileSync(file, tarball);

      const restoredDir = join(dir, 'restored');
      await restoreEmbeddedBackup(file, restoredDir);
      await expect(restoreEmbeddedBackup(file, restoredDir)).rejects.toThrow(/already holds files/);
      const restored = await openDatabase({ kind: 'pglite', dataDir: restoredDir });
      try {
        const ids = await eventIds(restored.db);
        const busyIds = ids.filter((id) => !stored.includes(id));
        expect(ids.filter((id) => stored.includes(id))).toEqual(stored);
        // The concurrent push is in it entirely or not at all.
        expect([0, 2]).toContain(busyIds.length);
      } finally {
        await restored.close();
      }
    });

  if (target.name === 'postgres')
    it('pg_dump and pg_restore bring every scan event back; the route points at pg_dump', async () => {
      const admin = await aLoggedInDevice(app, 'A-0001');
      const res = await app.request('/api/admin/backup', {
        headers: { authorization: `Bearer ${admin.token}` },
      });
      expect(res.status).toBe(409);
      expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(
        /pg_dump/,
      );

      const file = join(dir, 'wms.dump');
      execFileSync('pg_dump', ['--format=custom', `--file=${file}`, database.url!]);
      const name = `wms_restore_${randomBytes(5).toString('hex')}`;
      const server = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
      await server.unsafe(`create database ${name}`);
      const target = new URL(database.url!);
      target.pathname = `/${name}`;
      try {
        execFileSync('pg_restore', ['--no-owner', `--dbname=${target.toString()}`, file]);
        const restored = await openDatabase({ kind: 'postgres', url: target.toString() });
        try {
          expect(await eventIds(restored.db)).toEqual(stored);
        } finally {
          await restored.close();
        }
      } finally {
        await server.unsafe(`drop database if exists ${name} with (force)`);
        await server.end();
      }
    });
});
