import { documented } from '../api-docs/documented';
import { moveWorkSchema } from '@wms/protocol';
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
    documented({
      summary:
        'Moves on the handheld: your warehouse’s active bins (check digits), available stock per bin, SKU and lot with the units open waves do not plan, and the SKUs held. Moves are pushed as stock-moved@1 events (POST /api/sync/push)',
      response: moveWorkSchema,
    }),
    requireCaller(deps, ['picker', 'supervisor']),
    async (c) => c.json(await moveWork(deps.db, c.var.session.warehouseId)),
  );
}
