import { Hono } from 'hono';
import { documented } from '../api-docs/documented';
import type { AppDeps } from '../http/app-deps';
import { pathParam } from '../http/parse-input';
import {
  grantHubAdmin,
  hubAdminListSchema,
  hubAdminSchema,
  listHubAdmins,
  removeHubAdmin,
} from './hub-admin';
import { requireCaller } from './require-caller';
import type { SessionEnv } from './require-session';

/**
 * `/api/admin/hub-admins` (hub admins only, `ROUTE_ACCESS`): who holds the hub's powers, and
 * granting or removing them.
 */
export function hubAdminRoutes(deps: AppDeps) {
  const hubAdmin = requireCaller(deps, ['admin']);
  return new Hono<SessionEnv>()
    .get(
      '/hub-admins',
      documented({
        summary: "The hub's active hub admins (every warehouse's)",
        response: hubAdminListSchema,
      }),
      hubAdmin,
      async (c) => c.json({ hubAdmins: await listHubAdmins(deps.db) }),
    )
    .put(
      '/hub-admins/:userId',
      documented({
        summary: 'Make an active admin of any warehouse a hub admin (idempotent)',
        refusals: [409],
        response: hubAdminSchema,
      }),
      hubAdmin,
      async (c) => c.json(await grantHubAdmin(deps.db, pathParam(c, 'userId'))),
    )
    .delete(
      '/hub-admins/:userId',
      documented({
        summary:
          'Take hub admin away from a user (idempotent); the last active hub admin keeps it (409 last_hub_admin)',
        refusals: [409],
        response: hubAdminSchema,
      }),
      hubAdmin,
      async (c) => c.json(await removeHubAdmin(deps.db, pathParam(c, 'userId'))),
    );
}
