import { Hono } from 'hono';
import { requireSession, type SessionEnv } from '../auth/require-session';
import type { AppDeps } from '../http/app-deps';
import { readBoard } from './board';
import { readKpis } from './kpis';

/** The supervisor console's reads, scoped to the caller's warehouse. */
export function consoleRoutes(deps: AppDeps) {
  return new Hono<SessionEnv>()
    .use(requireSession(deps.authSecret, ['supervisor', 'admin']))
    .get('/board', async (c) =>
      c.json(await readBoard(deps.db, c.var.session.warehouseId, deps.now())),
    )
    .get('/kpis', async (c) =>
      c.json(await readKpis(deps.db, c.var.session.warehouseId, deps.now())),
    );
}
