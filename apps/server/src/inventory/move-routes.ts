import { Hono } from 'hono';
import { requireCaller } from '../auth/require-caller';
import type { SessionEnv } from '../auth/require-session';
import type { AppDeps } from '../http/app-deps';
import { moveWork } from './move-work';

/**
 * Moves on the handheld (issue 16): what a picker or supervisor downloads to move stock offline.
 * The moves themselves are events (`stock-moved@1`) pushed through `/api/sync/push`.
 */
export function moveRoutes(deps: AppDeps) {
  return new Hono<SessionEnv>().get(
    '/work',
    requireCaller(deps, ['picker', 'supervisor']),
    async (c) => c.json(await moveWork(deps.db, c.var.session.warehouseId)),
  );
}
