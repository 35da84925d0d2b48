import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, startServerProcess } from '../support/server-process';
import { createPostgresDatabase, openPostgres } from '../sim/sim-database';

const serverUrl = process.env.DATABASE_URL;
const journal = JSON.parse(
  readFileSync(join(repoRoot, 'apps/server/drizzle/meta/_journal.json'), 'utf8'),
) as { entries: { when: number; tag: string }[] };

describe('several instances starting at once on one fresh Postgres', () => {
  // Only a server database is shared by several processes (PGlite belongs to one).
  if (serverUrl)
    it('both come up, and every migration is applied exactly once', async () => {
      const pg = await createPostgresDatabase(serverUrl);
      const env = {
        DATABASE_URL: pg.url,
        AUTH_SECRET: 'a-shared-secret-of-at-least-32-chars!!',
        LOG_LEVEL: 'warn',
      };
      const started = await Promise.allSettled([
        startServerProcess(env),
        startServerProcess(env),
        startServerProcess(env),
      ]);
      try {
        const failed = started.filter((s) => s.status === 'rejected');
        expect(failed.map((f) => String(f.reason))).toEqual([]);
        for (const s of started) {
          if (s.status !== 'fulfilled') continue;
          const ready = await fetch(`${s.value.url}/readyz`);
          expect(ready.status).toBe(200);
        }
        const db = openPostgres(pg.url);
        try {
          const applied = await db.query<{ created_at: string; n: string }>(
            'select created_at::text, count(*)::text as n from drizzle.__drizzle_migrations group by created_at order by created_at',
          );
          expect(applied).toEqual(
            journal.entries.map((e) => ({ created_at: String(e.when), n: '1' })),
          );
          const [warehouses] = await db.query<{ n: string }>(
            'select count(*)::text as n from warehouses',
          );
          // The demo was seeded once, not once per instance.
          expect(Number(warehouses!.n)).toBeGreaterThan(0);
          const [dupes] = await db.query<{ n: string }>(
            'select count(*)::text as n from (select id from users group by id having count(*) > 1) d',
          );
          expect(dupes!.n).toBe('0');
        } finally {
          await db.close();
        }
      } finally {
        for (const s of started) if (s.status === 'fulfilled') await s.value.stop();
        await pg.drop();
      }
    });
});
