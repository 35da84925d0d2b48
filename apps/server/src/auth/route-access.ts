/** Who calls: a person by role, or an integration key by its kind of scope. */
export type CallerKind = 'picker' | 'supervisor' | 'admin' | 'warehouse-key' | 'channel-key';

/**
 * Who may call a route. `public`: anyone (what a caller sees is still decided inside). A
 * route's callers are then kept to their scope (`caller-scope.ts`): people and warehouse keys to
 * their warehouse, channel keys to their channel's orders.
 */
export type RouteAccess =
  | 'public'
  /** `ticketInQuery`: also a stream ticket in `?ticket=` (EventSource sends no headers). */
  | {
      callers: readonly CallerKind[];
      ticketInQuery?: true;
      /** A power over the whole hub: of the callers, only a hub admin (`hub-admin.ts`, 006). */
      hubWide?: true;
    };

const LEADS = { callers: ['supervisor', 'admin'] } as const;
const ON_A_DEVICE = { callers: ['picker', 'supervisor', 'admin'] } as const;
const ADMIN = { callers: ['admin'] } as const;
/**
 * The whole hub's, not a warehouse's (006): backups, the hub-wide rules and settings, adding a
 * warehouse. A warehouse's admin is refused (403, `needs: hub-admin`).
 */
const HUB = { callers: ['admin'], hubWide: true } as const;
/** Leads and the warehouse's own integrations (WMS, TMS): warehouse reads and operations. */
const WAREHOUSE = { callers: ['supervisor', 'admin', 'warehouse-key'] } as const;
/** Also a storefront's key, for its own channel's orders (intake, cancel, address change). */
const ORDERS = { callers: ['supervisor', 'admin', 'warehouse-key', 'channel-key'] } as const;
const INTAKE = { callers: ['admin', 'warehouse-key', 'channel-key'] } as const;
/** Issue 22: the pack bench (handhelds) and the warehouse's own systems print and cancel waybills. */
const PACKERS = { callers: ['picker', 'supervisor', 'admin', 'warehouse-key'] } as const;

/**
 * Every API route and who may call it: the one place this is decided. A route missing here is
 * refused to everyone (`authorizeRoute`), and fails the authorisation matrix test.
 */
export const ROUTE_ACCESS: Record<string, RouteAccess> = {
  'GET /api/health': 'public',
  'GET /api/docs': 'public',
  'GET /api/openapi.json': 'public',
  'POST /api/devices/register': 'public',
  'POST /api/auth/login': 'public',
  'POST /api/devices/:deviceId/revoke': LEADS,
  'GET /api/devices': LEADS,
  'POST /api/devices/enrolment-codes': ADMIN,
  'PUT /api/devices/:deviceId': ADMIN,
  'POST /api/sync/push': ON_A_DEVICE,
  'GET /api/sync/pull': ON_A_DEVICE,
  'POST /api/sync/stream-ticket': ON_A_DEVICE,
  // What a handheld checks a lead's PIN against offline (scanner settings; decision 020).
  'GET /api/sync/unlock-verifiers': ON_A_DEVICE,
  'GET /api/sync/events': { ...ON_A_DEVICE, ticketInQuery: true },
  'GET /api/waves/:waveId': LEADS,
  'POST /api/waves/:waveId/assign': LEADS,
  'POST /api/waves/:waveId/cancel': LEADS,
  'GET /api/waves/:waveId/move-preview': LEADS,
  'GET /api/console/board': LEADS,
  'GET /api/console/kpis': LEADS,
  'POST /api/waves/build': LEADS,
  'GET /api/exceptions': LEADS,
  'GET /api/exceptions/queue': LEADS,
  'POST /api/exceptions/:exceptionId/resolve': LEADS,
  'POST /api/exceptions/:exceptionId/assign': LEADS,
  'POST /api/exceptions/:exceptionId/count-task': LEADS,
  'POST /api/exceptions/webhook-deliveries/:deliveryId/replay': LEADS,
  'GET /api/tasks': LEADS,
  'POST /api/tasks/:taskId/count': LEADS,
  // Console branch (issue 24): tasks are resolved and assigned like exceptions.
  'POST /api/tasks/:taskId/resolve': LEADS,
  'POST /api/tasks/:taskId/assign': LEADS,
  'POST /api/orders': INTAKE,
  'POST /api/orders/batch': INTAKE,
  // A spreadsheet is an office's (or an ERP's) import, not a storefront's.
  'POST /api/orders/import.csv': { callers: ['admin', 'warehouse-key'] },
  'POST /api/orders/:orderId/ship': { callers: ['picker', 'supervisor', 'admin', 'warehouse-key'] },
  'POST /api/orders/:orderId/cancel': ORDERS,
  'GET /api/orders/by-channel/:channel/:channelOrderId': ORDERS,
  'GET /api/orders/:orderId/trace': ORDERS,
  'GET /api/holds': WAREHOUSE,
  'POST /api/holds/orders/:orderId': ORDERS,
  'POST /api/holds/orders/:orderId/address-change': ORDERS,
  'POST /api/holds/orders/:orderId/decision': LEADS,
  'GET /api/holds/rules': WAREHOUSE,
  'PUT /api/holds/rules/:ruleId': HUB,
  'GET /api/routing/rules': WAREHOUSE,
  'PUT /api/routing/rules': HUB,
  'GET /api/routing/rules.csv': WAREHOUSE,
  'GET /api/routing/rules.xlsx': WAREHOUSE,
  'POST /api/routing/rules.csv': HUB,
  'GET /api/routing/queue': WAREHOUSE,
  'POST /api/routing/orders/:orderId': LEADS,
  'GET /api/inventory/stock/:skuId': WAREHOUSE,
  'GET /api/inventory/alerts': WAREHOUSE,
  'GET /api/inventory/bins/:binCode': WAREHOUSE,
  'GET /api/inventory/reconciliation': WAREHOUSE,
  'POST /api/inventory/opening-balances.csv': LEADS,
  'POST /api/inventory/moves': LEADS,
  'POST /api/inventory/adjustments': LEADS,
  'GET /api/inventory/history/:skuId': WAREHOUSE,
  // Issue 16: moves on the handheld, by the warehouse's floor staff (pushed as stock-moved@1).
  'GET /api/moves/work': { callers: ['picker', 'supervisor'] },
  'POST /api/inventory/receipts': WAREHOUSE,
  'POST /api/inventory/receipts/:receiptId/receive': WAREHOUSE,
  'GET /api/hub-settings': LEADS,
  'PUT /api/hub-settings': HUB,
  'GET /api/integration-keys': ADMIN,
  'POST /api/integration-keys': ADMIN,
  'POST /api/integration-keys/:keyId/revoke': ADMIN,
  'GET /api/webhooks/subscriptions': ADMIN,
  'POST /api/webhooks/subscriptions': ADMIN,
  'GET /api/webhooks/subscriptions/:subscriptionId': ADMIN,
  'PATCH /api/webhooks/subscriptions/:subscriptionId': ADMIN,
  'DELETE /api/webhooks/subscriptions/:subscriptionId': ADMIN,
  'POST /api/webhooks/subscriptions/:subscriptionId/rotate-secret': ADMIN,
  'GET /api/webhooks/deliveries': ADMIN,
  'GET /api/webhooks/deliveries/:deliveryId/attempts': ADMIN,
  'POST /api/webhooks/deliveries/:deliveryId/replay': ADMIN,
  'POST /api/webhooks/replay': ADMIN,
  'GET /api/admin/backup': HUB,
  'POST /api/admin/archive-scan-events': HUB,
  'GET /api/admin/warehouses': ADMIN,
  'POST /api/admin/warehouses': HUB,
  'GET /api/admin/hub-admins': HUB,
  'PUT /api/admin/hub-admins/:userId': HUB,
  'DELETE /api/admin/hub-admins/:userId': HUB,
  'PUT /api/admin/warehouses/:warehouseId': ADMIN,
  'POST /api/admin/warehouses/:warehouseId/active': ADMIN,
  'GET /api/admin/zones': ADMIN,
  'POST /api/admin/zones': ADMIN,
  'PUT /api/admin/zones/:zoneId': ADMIN,
  'POST /api/admin/zones/:zoneId/active': ADMIN,
  'GET /api/admin/bins': ADMIN,
  'POST /api/admin/bins': ADMIN,
  'GET /api/admin/bins.csv': ADMIN,
  'GET /api/admin/bins.xlsx': ADMIN,
  'POST /api/admin/bins.csv': ADMIN,
  'PUT /api/admin/bins/:binId': ADMIN,
  'POST /api/admin/bins/:binId/active': ADMIN,
  'GET /api/admin/skus': ADMIN,
  'POST /api/admin/skus': ADMIN,
  'GET /api/admin/skus.csv': ADMIN,
  'GET /api/admin/skus.xlsx': ADMIN,
  'POST /api/admin/skus.csv': ADMIN,
  'PUT /api/admin/skus/:skuId': ADMIN,
  'POST /api/admin/skus/:skuId/active': ADMIN,
  'GET /api/admin/users': ADMIN,
  'POST /api/admin/users': ADMIN,
  'GET /api/admin/users.csv': ADMIN,
  'GET /api/admin/channel-sku-codes': ADMIN,
  // Issue 27: marketplace connectors, the owning warehouse's admins; a platform's push is public
  // (its signature, checked by the platform's adapter, is the key).
  'GET /api/admin/connectors': ADMIN,
  'POST /api/admin/connectors': ADMIN,
  'PUT /api/admin/connectors/:connectorId/credentials': ADMIN,
  'POST /api/admin/connectors/:connectorId/pause': ADMIN,
  'POST /api/admin/connectors/:connectorId/resume': ADMIN,
  'POST /api/admin/connectors/:connectorId/replay': ADMIN,
  'DELETE /api/admin/connectors/:connectorId': ADMIN,
  'POST /api/connectors/:connectorId/push': 'public',
  'PUT /api/admin/channel-sku-codes': ADMIN,
  'POST /api/admin/channel-sku-codes/remove': ADMIN,
  'GET /api/admin/sku-reviews': ADMIN,
  'POST /api/admin/sku-reviews/send': ADMIN,
  'GET /api/admin/users.xlsx': ADMIN,
  'POST /api/admin/users.csv': ADMIN,
  'PUT /api/admin/users/:userId': ADMIN,
  'POST /api/admin/users/:userId/active': ADMIN,
  'POST /api/admin/users/:userId/reset-pin': ADMIN,
  'GET /api/labels/bins.pdf': LEADS,
  'GET /api/labels/bins.zpl': LEADS,
  'GET /api/labels/badges.pdf': LEADS,
  'GET /api/labels/badges.zpl': LEADS,
  'GET /api/labels/totes.pdf': LEADS,
  'GET /api/labels/totes.zpl': LEADS,
  // Issue 21: the customer's address-confirmation page and its answer (signed link, rate-limited).
  'GET /api/address-confirmations/:token': 'public',
  'POST /api/address-confirmations/:token': 'public',
  // Inbound (issue 23): notices for leads and the warehouse's ERP; the handheld's work list.
  'GET /api/inbound/work': ON_A_DEVICE,
  'GET /api/inbound/notices': WAREHOUSE,
  'POST /api/inbound/notices': WAREHOUSE,
  'POST /api/inbound/notices.csv': WAREHOUSE,
  'GET /api/inbound/notices/:noticeId': WAREHOUSE,
  'POST /api/inbound/notices/:noticeId/close': LEADS,
  'POST /api/inbound/notices/:noticeId/assign': LEADS,
  'POST /api/inbound/tasks/:taskId/assign': LEADS,
  'POST /api/inbound/notices/:noticeId/expected-date': WAREHOUSE,
  'GET /api/inbound/suppliers': WAREHOUSE,
  'POST /api/inbound/suppliers': ADMIN,
  // Pack and ship (issue 22).
  'GET /api/packing/orders/:code': ON_A_DEVICE,
  'POST /api/orders/:orderId/parcels/:parcelNo/waybill': PACKERS,
  'DELETE /api/orders/:orderId/parcels/:parcelNo/waybill': PACKERS,
  'GET /api/orders/:orderId/parcels/:parcelNo/waybill.pdf': PACKERS,
  'GET /api/orders/:orderId/parcels/:parcelNo/waybill.zpl': PACKERS,
  'POST /api/parcels/tracking-events': { callers: ['warehouse-key'] },
  'GET /api/order-status/:token': 'public',
};
