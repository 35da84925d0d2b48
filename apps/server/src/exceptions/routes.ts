import { Hono } from 'hono';
import { and, desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { requireSession, type SessionEnv } from '../auth/require-session';
import { exceptions } from '../db/schema';
import type { AppDeps } from '../http/app-deps';
import { parseWith } from '../http/parse-input';

const listQuerySchema = z.strictObject({ status: z.enum(['open', 'resolved']).default('open') });

/** The exceptions of the supervisor's warehouse, newest first. */
export function exceptionRoutes(deps: AppDeps) {
  return new Hono<SessionEnv>()
    .use(requireSession(deps.authSecret, ['supervisor', 'admin']))
    .get('/', async (c) => {
      const { status } = parseWith(listQuerySchema, c.req.query());
      const rows = await deps.db
        .select()
        .from(exceptions)
        .where(
          and(eq(exceptions.warehouseId, c.var.session.warehouseId), eq(exceptions.status, status)),
        )
        .orderBy(desc(exceptions.openedAt))
        .limit(500);
      return c.json({ exceptions: rows });
    });
}
