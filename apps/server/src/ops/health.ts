import { Hono } from 'hono';
import { sql } from 'drizzle-orm';
import { type Db, latestMigrationMillis, queryRows } from '../db/database';
import {
  type DatabaseDownReason,
  type PrimaryVerdict,
  unavailableCause,
} from '../db/primary-locator';
import type { Lifecycle } from './lifecycle';
import { checkSyncStandby } from './sync-standby';

export type NotReadyReason =
  'shutting_down' | DatabaseDownReason | 'database_sync_standby_missing' | 'migrations_pending';

export interface Readiness {
  ready: boolean;
  reason?: NotReadyReason;
  message?: string;
}

/** What readiness looks at besides the database handle. */
export interface ReadinessSources {
  lifecycle?: Lifecycle | undefined;
  /** The server database's primary verdict (absent on the embedded database). */
  primary?: (() => Promise<PrimaryVerdict>) | undefined;
}

const CHECK_TIMEOUT_MS = 3_000;

/**
 * Ready means: not shutting down, a writable primary answers within 3 s, its newest applied
 * migration is the newest this build ships (an older schema would break the code), and commits
 * can complete (a synchronous standby is connected when one is required).
 */
export async function checkReadiness(db: Db, sources: ReadinessSources = {}): Promise<Readiness> {
  if (sources.lifecycle?.draining)
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
    return databaseDown(err, sources.primary);
  }
  if (applied === null || applied < latestMigrationMillis) {
    return {
      ready: false,
      reason: 'migrations_pending',
      message: `The database schema is behind this build (newest migration ${latestMigrationMillis}, applied ${applied ?? 'none'})`,
    };
  }
  try {
    const standby = await withTimeout(checkSyncStandby(db), CHECK_TIMEOUT_MS);
    if (standby.blocksCommits)
      return { ready: false, reason: 'database_sync_standby_missing', message: standby.message };
  } catch (err) {
    return databaseDown(err, sources.primary);
  }
  return { ready: true };
}

/** Why the database did not answer: the locator's verdict when there is one. */
async function databaseDown(
  err: unknown,
  primary: ReadinessSources['primary'],
): Promise<Readiness> {
  const refusal = unavailableCause(err);
  if (refusal) return { ready: false, reason: refusal.reason, message: refusal.message };
  const verdict = primary ? await primary() : null;
  if (verdict && verdict.kind !== 'primary')
    return { ready: false, reason: verdict.kind, message: verdict.message };
  return {
    ready: false,
    reason: 'database_unreachable',
    message: `The database does not answer: ${err instanceof Error ? err.message : String(err)}`,
  };
}

/** `/healthz`: the process is up. `/readyz`: it can serve (database reachable, schema current). */
export function healthRoutes(db: Db, sources: ReadinessSources = {}) {
  return new Hono()
    .get('/healthz', (c) => c.json({ status: 'ok' }))
    .get('/readyz', async (c) => {
      const readiness = await checkReadiness(db, sources);
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
