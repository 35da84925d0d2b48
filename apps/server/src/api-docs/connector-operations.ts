import * as p from '@wms/protocol';
import type { Operation } from './operations';

const ONE = '/api/admin/connectors/{connectorId}';

/** Issue 27: marketplace connectors (admins of the owning warehouse) and platforms' pushes. */
export const CONNECTOR_OPERATIONS: readonly Operation[] = [
  {
    method: 'get',
    path: '/api/admin/connectors',
    summary:
      "The admin's warehouse's marketplace connectors: status, cursor, lag, errors (never credentials)",
    response: p.connectorListSchema,
  },
  {
    method: 'post',
    path: '/api/admin/connectors',
    summary:
      'Connect a shop of a platform (credentials stored encrypted; needs CONNECTOR_KEY, else 409)',
    status: 201,
    refusals: [409],
    body: p.connectorInputSchema,
    response: p.connectorSchema,
  },
  {
    method: 'put',
    path: `${ONE}/credentials`,
    refusals: [409],
    summary:
      'New tokens after the shop authorised (again): merged into the stored credentials; a revoked connector is active again',
    body: p.connectorCredentialsUpdateSchema,
    response: p.connectorSchema,
  },
  {
    method: 'post',
    path: `${ONE}/pause`,
    summary: 'Stop pulling a shop (pushes are answered, not stored)',
    response: p.connectorSchema,
  },
  {
    method: 'post',
    path: `${ONE}/resume`,
    summary: 'Pull a paused shop again, from its cursor (the whole gap is caught up)',
    response: p.connectorSchema,
  },
  {
    method: 'post',
    path: `${ONE}/replay`,
    refusals: [409],
    summary:
      'Pull [from, to) again (at most 7 days): new orders are taken in, changed ones acted on, none stored twice',
    body: p.connectorReplaySchema,
    response: p.connectorPullReportSchema,
  },
  {
    method: 'delete',
    path: ONE,
    summary: 'Remove a connector, what it saw and its unsent confirmations (orders stay)',
    status: 204,
  },
  {
    method: 'post',
    path: '/api/connectors/{connectorId}/push',
    summary:
      "A platform's order message: its signature checked (401 when it does not verify), the orders it names pulled; answered as the platform expects",
    refusals: [401, 409, 429],
    plainText: true,
  },
];
