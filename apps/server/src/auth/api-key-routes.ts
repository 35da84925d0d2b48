import { documented } from '../api-docs/documented';
import { issuedApiKeySchema, apiKeyListSchema } from '../api-docs/response-schemas';
import { apiKeyRequestSchema } from '@wms/protocol';
import { and, eq, isNotNull, isNull, or } from 'drizzle-orm';
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
import type { Session } from './session-token';

/** The keys an admin sees and revokes: their warehouse's, and the channel keys. */
const keysOf = (session: Session) =>
  or(eq(apiKeys.warehouseId, session.warehouseId), isNotNull(apiKeys.channel));

/** Admins issue and revoke integration keys (role `integration`); a key is shown only once. */
export function apiKeyRoutes(deps: AppDeps) {
  return new Hono<SessionEnv>()
    .use(requireCaller(deps, ['admin']))
    .post(
      '/',
      documented({
        response: issuedApiKeySchema,
        status: 201,
        summary: 'Issue an integration API key (shown once)',
        body: apiKeyRequestSchema,
      }),
      async (c) => {
        const { name, warehouseId, channel } = await parseBody(c, apiKeyRequestSchema);
        assertMayIssueKey(c.var.session, { warehouseId, channel });
        const scope = channel !== undefined ? { channel } : { warehouseId: warehouseId ?? '' };
        return c.json(await createApiKey(deps.db, name, scope), 201);
      },
    )
    .get(
      '/',
      documented({
        response: apiKeyListSchema,
        summary:
          "Integration keys of the admin's warehouse and the channel keys, without their secrets",
      }),
      async (c) =>
        c.json({
          keys: await deps.db
            .select({
              id: apiKeys.id,
              name: apiKeys.name,
              warehouseId: apiKeys.warehouseId,
              channel: apiKeys.channel,
              createdAt: apiKeys.createdAt,
              revokedAt: apiKeys.revokedAt,
            })
            .from(apiKeys)
            .where(keysOf(c.var.session)),
        }),
    )
    .post(
      '/:keyId/revoke',
      documented({
        summary: 'Revoke an integration key: it stops at once',
        response: z.object({ revoked: z.uuid() }),
      }),
      async (c) => {
        const id = z.uuid().safeParse(c.req.param('keyId'));
        const [row] = id.success
          ? await deps.db
              .update(apiKeys)
              .set({ revokedAt: deps.now() })
              .where(and(eq(apiKeys.id, id.data), keysOf(c.var.session), isNull(apiKeys.revokedAt)))
              .returning({ id: apiKeys.id })
          : [];
        if (!row) throw notFound(`No active API key ${c.req.param('keyId')}`);
        return c.json({ revoked: row.id });
      },
    );
}
