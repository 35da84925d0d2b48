import { Hono } from 'hono';
import { z } from 'zod';
import { requireCaller } from '../auth/require-caller';
import type { SessionEnv } from '../auth/require-session';
import type { AppDeps } from '../http/app-deps';
import { pathParam } from '../http/parse-input';
import { packOrder } from './pack-order';

const codeSchema = z.string().trim().min(1).max(64);

/** The pack bench (issue 22): what to pack. Packing itself arrives as outbox events (sync/push). */
export function packingRoutes(deps: AppDeps) {
  return new Hono<SessionEnv>().get(
    '/orders/:code',
    requireCaller(deps, ['picker', 'supervisor', 'admin']),
    async (c) => c.json(await packOrder(deps.db, c.var.session, pathParam(c, 'code', codeSchema))),
  );
}
