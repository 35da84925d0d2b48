import { documented } from '../api-docs/documented';
import { boardSchema, kpisSchema } from '@wms/protocol';
import { checkSyncStandby } from '../ops/sync-standby';
import { Hono } from 'hono';
import { requireSession, type SessionEnv } from '../auth/require-session';
import type { AppDeps } from '../http/app-deps';
import { readBoard } from './board';
import { readKpis } from './kpis';

/** The supervisor console's reads, scoped to the caller's warehouse. */
export function consoleRoutes(deps: AppDeps) {
  return new Hono<SessionEnv>()
    .use(requireSession(deps.authSecret, ['supervisor', 'admin']))
    .get(
      '/board',
      documented({
        summary: "The supervisor's live board of their warehouse (M2.2)",
        response: boardSchema,
      }),
      async (c) => {
        const board = await readBoard(deps.db, c.var.session.warehouseId, deps.now());
        // A read: it answers while commits hang, and tells the supervisor why scans do not sync.
        const standby = await checkSyncStandby(deps.db);
        const database = standby.blocksCommits
          ? { reason: 'database_sync_standby_missing' as const, message: standby.message }
          : null;
        return c.json({ ...board, database });
      },
    )
    .get(
      '/kpis',
      documented({
        summary:
          'Order health index (day, live) with its ratios, per-picker rates, sync lag p95, red alerts (raised once each)',
        response: kpisSchema,
      }),
      async (c) => c.json(await readKpis(deps.db, c.var.session.warehouseId, deps.now())),
    );
}
