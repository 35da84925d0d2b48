import { Hono } from 'hono';
import { sql } from 'drizzle-orm';
import { type Db, latestMigrationMillis, queryRows } from '../db/database';
import type { Lifecycle } from './lifecycle';

export type NotReadyReason = 'shutting_down' | 'database_unreachable' | 'migrations_pending';

export interface Readiness {
  ready: boolean;
  reason?: NotReadyReason;
  message?: string;
}

const CHECK_TIMEOUT_MS = 3_000;

/**
 * Ready means: not shutting down, the database answers within 3 s, and its newest applied
 * migration is the newest this build ships (an older schema would break the code).
 */
export async function checkReadiness(db: Db, lifecycle?: Lifecycle): Promise<Readiness> {
  if (lifecycle?.draining)
    return { ready: false, reason: 'shutting_down', message: 'This instance is shutting down' };
  let applied: number | null;
  try {
    const rows = await withTimeout(
      queryRows<{ latest: string | number | null }>(
        db,
        sql`select max(created_at) as latest from drizzle.__drizzle_migrations`,
      ),
      CHECK_TIMEOUT_MS,
    );
    applied = rows[0]?.latest == null ? null : Number(rows[0].latest);
  } catch (err) {
    return {
      ready: false,
      reason: 'database_unreachable',
      message: `The database does not answer: ${err instanceof Error ? err.message : String(err)}`,
    };
  }
  if (applied === null || applied < latestMigrationMillis) {
    return {
      ready: false,
      reason: 'migrations_pending',
      message: `The database schema is behind this build (newest migration ${latestMigrationMillis}, applied ${applied ?? 'none'})`,
    };
  }
  return { ready: true };
}

/** `/healthz`: the process is up. `/readyz`: it can serve (database reachable, schema current). */
export function healthRoutes(db: Db, lifecycle?: Lifecycle) {
  return new Hono()
    .get('/healthz', (c) => c.json({ status: 'ok' }))
    .get('/readyz', async (c) => {
      const readiness = await checkReadiness(db, lifecycle);
      if (readiness.ready) return c.json({ status: 'ready' });
      return c.json(
        { status: 'not_ready', reason: readiness.reason, message: readiness.message },
        503,
      );
    });
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
