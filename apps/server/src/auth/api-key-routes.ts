import { apiKeyRequestSchema } from '@wms/protocol';
import { and, eq, isNull } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import { apiKeys } from '../db/schema';
import { notFound } from '../http/api-error';
import type { AppDeps } from '../http/app-deps';
import { parseBody } from '../http/parse-input';
import { createApiKey } from './api-keys';
import { assertMayIssueKey } from './caller-scope';
import { requireCaller } from './require-caller';
import type { SessionEnv } from './require-session';

/** Admins issue and revoke integration keys (role `integration`); a key is shown only once. */
export function apiKeyRoutes(deps: AppDeps) {
  return new Hono<SessionEnv>()
    .use(requireCaller(deps, ['admin']))
    .post('/', async (c) => {
      const { name, warehouseId } = await parseBody(c, apiKeyRequestSchema);
      assertMayIssueKey(c.var.session, { warehouseId });
      return c.json(await createApiKey(deps.db, name, warehouseId), 201);
    })
    .get('/', async (c) =>
      c.json({
        keys: await deps.db
          .select({
            id: apiKeys.id,
            name: apiKeys.name,
            warehouseId: apiKeys.warehouseId,
            createdAt: apiKeys.createdAt,
            revokedAt: apiKeys.revokedAt,
          })
          .from(apiKeys)
          .where(eq(apiKeys.warehouseId, c.var.session.warehouseId)),
      }),
    )
    .post('/:keyId/revoke', async (c) => {
      const id = z.uuid().safeParse(c.req.param('keyId'));
      const [row] = id.success
        ? await deps.db
            .update(apiKeys)
            .set({ revokedAt: deps.now() })
            .where(
              and(
                eq(apiKeys.id, id.data),
                eq(apiKeys.warehouseId, c.var.session.warehouseId),
                isNull(apiKeys.revokedAt),
              ),
            )
            .returning({ id: apiKeys.id })
        : [];
      if (!row) throw notFound(`No active API key ${c.req.param('keyId')}`);
      return c.json({ revoked: row.id });
    });
}
