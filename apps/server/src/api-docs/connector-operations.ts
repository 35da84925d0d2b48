import * as p from '@wms/protocol';
import type { Operation } from './operations';

const ADMIN = ['admin'] as const;
const ONE = '/api/admin/connectors/{connectorId}';

/** Issue 27: marketplace connectors (admins of the owning warehouse) and platforms' pushes. */
export const CONNECTOR_OPERATIONS: readonly Operation[] = [
  {
    method: 'get',
    path: '/api/admin/connectors',
    summary:
      "The admin's warehouse's marketplace connectors: status, cursor, lag, errors (never credentials)",
    roles: ADMIN,
    response: p.connectorListSchema,
  },
  {
    method: 'post',
    path: '/api/admin/connectors',
    summary:
      'Connect a shop of a platform (credentials stored encrypted; needs CONNECTOR_KEY, else 409)',
    roles: ADMIN,
    body: p.connectorInputSchema,
    response: p.connectorSchema,
  },
  {
    method: 'put',
    path: `${ONE}/credentials`,
    summary:
      'New tokens after the shop authorised (again): merged into the stored credentials; a revoked connector is active again',
    roles: ADMIN,
    body: p.connectorCredentialsUpdateSchema,
    response: p.connectorSchema,
  },
  {
    method: 'post',
    path: `${ONE}/pause`,
    summary: 'Stop pulling a shop (pushes are answered, not stored)',
    roles: ADMIN,
    response: p.connectorSchema,
  },
  {
    method: 'post',
    path: `${ONE}/resume`,
    summary: 'Pull a paused shop again, from its cursor (the whole gap is caught up)',
    roles: ADMIN,
    response: p.connectorSchema,
  },
  {
    method: 'post',
    path: `${ONE}/replay`,
    summary:
      'Pull [from, to) again (at most 7 days): new orders are taken in, changed ones acted on, none stored twice',
    roles: ADMIN,
    body: p.connectorReplaySchema,
    response: p.connectorPullReportSchema,
  },
  {
    method: 'delete',
    path: ONE,
    summary: 'Remove a connector, what it saw and its unsent confirmations (orders stay)',
    roles: ADMIN,
  },
  {
    method: 'post',
    path: '/api/connectors/{connectorId}/push',
    summary:
      "A platform's order message: its signature checked (401 when it does not verify), the orders it names pulled; answered as the platform expects",
    roles: [],
    public: true,
  },
];
