import { documented } from '../api-docs/documented';
import {
  type ConnectorCredentialsInput,
  connectorCredentialsUpdateSchema,
  connectorInputSchema,
  connectorReplaySchema,
  connectorListSchema,
  connectorSchema,
  connectorPullReportSchema,
} from '@wms/protocol';
import { eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import { requireSession, type SessionEnv } from '../auth/require-session';
import { connectorOrders, connectorShipments, connectors } from '../db/schema';
import { ApiError, badRequest, conflict, notFound, unauthenticated } from '../http/api-error';
import type { AppDeps } from '../http/app-deps';
import { parseBody, pathParam } from '../http/parse-input';
import {
  type ConnectorRow,
  insertConnector,
  loadConnector,
  saveCredentials,
  viewOf,
} from './connector-store';
import type { PlatformCredentials } from './platform';
import { type ConnectorRuntime, replayWindow } from './pull-connector';
import { PLATFORM_ADAPTERS, adapterFor } from './registry';
import { openCredentials } from './vault';
import { takePush } from './push-in';

const connectorIdSchema = z.uuid();

/** The runtime of the app's connectors, or the 409 that says CONNECTOR_KEY is missing. */
export function connectorRuntime(deps: AppDeps): ConnectorRuntime {
  const key = deps.connectors?.key;
  if (!key) {
    throw new ApiError(
      409,
      'not_available',
      'Connectors are off on this server: set CONNECTOR_KEY (32 random bytes in base64, `openssl rand -base64 32`) and restart, so shop credentials can be stored encrypted',
    );
  }
  return {
    db: deps.db,
    key,
    registry: deps.connectors?.registry ?? PLATFORM_ADAPTERS,
    now: deps.now,
    ...(deps.connectors?.sleep && { sleep: deps.connectors.sleep }),
    ...(deps.connectors?.lagAlertMs && { lagAlertMs: deps.connectors.lagAlertMs }),
  };
}

/** A connector of the admin's warehouse; another warehouse's is a 404 like an unknown one. */
async function ownConnector(deps: AppDeps, warehouseId: string, id: string): Promise<ConnectorRow> {
  const connector = await loadConnector(deps.db, id);
  if (!connector || connector.warehouseId !== warehouseId)
    throw notFound(`No connector ${id} in warehouse ${warehouseId}`, { connectorId: id });
  return connector;
}

/**
 * `/api/admin/connectors` (issue 27): the admin's warehouse's marketplace connectors. Answers
 * never carry credentials, only whether a token is set and until when.
 */
export function connectorAdminRoutes(deps: AppDeps) {
  const view = (row: ConnectorRow) => viewOf(deps.connectors?.key ?? null, row, deps.now());
  return new Hono<SessionEnv>()
    .use(requireSession(deps.authSecret, ['admin']))
    .get(
      '/',
      documented({
        summary:
          "The admin's warehouse's marketplace connectors: status, cursor, lag, errors (never credentials)",
        response: connectorListSchema,
      }),
      async (c) => {
        const rows = await deps.db
          .select()
          .from(connectors)
          .where(eq(connectors.warehouseId, c.var.session.warehouseId))
          .orderBy(connectors.name);
        return c.json({ connectors: rows.map(view) });
      },
    )
    .post(
      '/',
      documented({
        summary:
          'Connect a shop of a platform (credentials stored encrypted; needs CONNECTOR_KEY, else 409)',
        status: 201,
        refusals: [409],
        body: connectorInputSchema,
        response: connectorSchema,
      }),
      async (c) => {
        const input = await parseBody(c, connectorInputSchema);
        const rt = connectorRuntime(deps);
        const adapter = adapterFor(rt.registry, input.platform);
        if (!adapter) {
          const known = Object.keys(rt.registry).join(', ') || 'none in this build';
          throw badRequest(`No platform ${input.platform}: connectors exist for ${known}`, [
            { path: 'platform', message: `unknown platform (known: ${known})` },
          ]);
        }
        const row = await insertConnector(deps.db, rt.key, {
          warehouseId: c.var.session.warehouseId,
          platform: input.platform,
          shopId: input.shopId,
          channel: input.channel ?? adapter.channelOf(input.shopId),
          name: input.name,
          credentials: credentialsOf(input.credentials),
          intervalSeconds: input.intervalSeconds,
          stockBuffer: input.stockBuffer,
          pullSince: input.pullSince ? new Date(input.pullSince) : deps.now(),
        });
        if (!row) {
          throw conflict(`Shop ${input.shopId} of ${input.platform} already has a connector`, [
            { path: 'shopId', message: 'this shop is connected already: edit that connector' },
          ]);
        }
        return c.json(view(row), 201);
      },
    )
    .put(
      '/:connectorId/credentials',
      documented({
        refusals: [409],
        summary:
          'New tokens after the shop authorised (again): merged into the stored credentials; a revoked connector is active again',
        body: connectorCredentialsUpdateSchema,
        response: connectorSchema,
      }),
      async (c) => {
        const rt = connectorRuntime(deps);
        const given = await parseBody(c, connectorCredentialsUpdateSchema);
        const connector = await ownConnector(
          deps,
          c.var.session.warehouseId,
          pathParam(c, 'connectorId', connectorIdSchema),
        );
        const merged = {
          ...openCredentials(rt.key, connector.credentials),
          ...credentialsOf(given),
        };
        await deps.db.transaction(async (tx) => {
          await saveCredentials(tx, rt.key, connector.id, merged);
          // A shop authorised again is pulled again at once.
          if (connector.status === 'revoked' || connector.status === 'failing')
            await tx
              .update(connectors)
              .set({ status: 'active', failures: 0, nextPullAt: deps.now() })
              .where(eq(connectors.id, connector.id));
        });
        return c.json(view((await loadConnector(deps.db, connector.id))!));
      },
    )
    .post(
      '/:connectorId/pause',
      documented({
        summary: 'Stop pulling a shop (pushes are answered, not stored)',
        response: connectorSchema,
      }),
      async (c) => {
        const connector = await ownConnector(
          deps,
          c.var.session.warehouseId,
          pathParam(c, 'connectorId', connectorIdSchema),
        );
        return c.json(view(await setStatus(deps, connector, 'paused')));
      },
    )
    .post(
      '/:connectorId/resume',
      documented({
        summary: 'Pull a paused shop again, from its cursor (the whole gap is caught up)',
        response: connectorSchema,
      }),
      async (c) => {
        const connector = await ownConnector(
          deps,
          c.var.session.warehouseId,
          pathParam(c, 'connectorId', connectorIdSchema),
        );
        if (connector.status === 'revoked') {
          throw badRequest(
            `Connector ${connector.name} was revoked by the shop: authorise it again`,
            [{ path: 'connectorId', message: 'revoked: send new tokens to its credentials' }],
          );
        }
        return c.json(view(await setStatus(deps, connector, 'active')));
      },
    )
    .post(
      '/:connectorId/replay',
      documented({
        refusals: [409],
        summary:
          'Pull [from, to) again (at most 7 days): new orders are taken in, changed ones acted on, none stored twice',
        body: connectorReplaySchema,
        response: connectorPullReportSchema,
      }),
      async (c) => {
        const rt = connectorRuntime(deps);
        const range = await parseBody(c, connectorReplaySchema);
        const connector = await ownConnector(
          deps,
          c.var.session.warehouseId,
          pathParam(c, 'connectorId', connectorIdSchema),
        );
        return c.json(
          await replayWindow(rt, connector, { from: new Date(range.from), to: new Date(range.to) }),
        );
      },
    )
    .delete(
      '/:connectorId',
      documented({
        summary: 'Remove a connector, what it saw and its unsent confirmations (orders stay)',
        status: 204,
      }),
      async (c) => {
        const connector = await ownConnector(
          deps,
          c.var.session.warehouseId,
          pathParam(c, 'connectorId', connectorIdSchema),
        );
        await deps.db.transaction(async (tx) => {
          await tx
            .delete(connectorShipments)
            .where(eq(connectorShipments.connectorId, connector.id));
          await tx.delete(connectorOrders).where(eq(connectorOrders.connectorId, connector.id));
          await tx.delete(connectors).where(eq(connectors.id, connector.id));
        });
        return c.body(null, 204);
      },
    );
}

async function setStatus(deps: AppDeps, connector: ConnectorRow, status: 'active' | 'paused') {
  const [row] = await deps.db
    .update(connectors)
    .set({ status, ...(status === 'active' && { failures: 0, nextPullAt: deps.now() }) })
    .where(eq(connectors.id, connector.id))
    .returning();
  return row!;
}

/** The admin's ISO expiry times as the adapters' epoch milliseconds. */
function credentialsOf(
  given: Partial<ConnectorCredentialsInput>,
): Partial<PlatformCredentials> & PlatformCredentials {
  const { accessTokenExpiresAt, refreshTokenExpiresAt, ...rest } = given;
  return {
    ...(rest as PlatformCredentials),
    ...(accessTokenExpiresAt && { accessTokenExpiresAt: Date.parse(accessTokenExpiresAt) }),
    ...(refreshTokenExpiresAt && { refreshTokenExpiresAt: Date.parse(refreshTokenExpiresAt) }),
  };
}

/**
 * `POST /api/connectors/:connectorId/push` (public): a platform's order message. Only the
 * platform's signature lets it in (401 otherwise); it is answered as the platform expects.
 */
export function connectorPushRoutes(deps: AppDeps) {
  return new Hono().post(
    '/:connectorId/push',
    documented({
      summary:
        "A platform's order message: its signature checked (401 when it does not verify), the orders it names pulled; answered as the platform expects",
      refusals: [401, 409, 429],
      plainText: true,
    }),
    async (c) => {
      const id = c.req.param('connectorId');
      const parsed = connectorIdSchema.safeParse(id);
      if (!parsed.success) throw notFound(`No connector ${id}`, { connectorId: id });
      const result = await takePush(connectorRuntime(deps), parsed.data, {
        url: new URL(c.req.url),
        headers: c.req.raw.headers,
        body: await c.req.text(),
      });
      if ('kind' in result) {
        if (result.kind === 'unknown-connector')
          throw notFound(`No connector ${id}`, { connectorId: id });
        throw unauthenticated(
          `The push's signature does not verify with this connector's push token (${result.message}): check the token and key set on the platform`,
        );
      }
      const { reply } = result.notice;
      return c.body(reply.body, reply.status as 200, { 'content-type': reply.contentType });
    },
  );
}
