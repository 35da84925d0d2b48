import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createApiKey } from '../auth/api-keys';
import { apiRoutes, concretePath } from '../testing/api-routes';
import { aLoggedInDevice, aSeededAppPerFile } from '../testing/test-app';
import { testDatabases } from '../testing/test-databases';

type Caller = 'anonymous' | 'picker' | 'supervisor' | 'admin' | 'integration';
const CALLERS: Caller[] = ['anonymous', 'picker', 'supervisor', 'admin', 'integration'];
const EVERYONE = CALLERS;
/** People on devices (integration keys are not devices: the sync routes are not theirs). */
const ON_A_DEVICE: Caller[] = ['picker', 'supervisor', 'admin'];
const LEADS: Caller[] = ['supervisor', 'admin'];
const STAFF: Caller[] = ['supervisor', 'admin', 'integration'];
const INTAKE: Caller[] = ['integration', 'admin'];
const ADMIN: Caller[] = ['admin'];

/**
 * Who may call what. Every route of the app must be listed: a route added without a line here
 * fails this test, so nobody ships an endpoint whose access was never decided.
 */
const ACCESS: Record<string, Caller[]> = {
  'GET /api/health': EVERYONE,
  'GET /api/docs': EVERYONE,
  'GET /api/openapi.json': EVERYONE,
  'POST /api/devices/register': EVERYONE,
  'POST /api/auth/login': EVERYONE,
  'POST /api/devices/:deviceId/revoke': LEADS,
  'GET /api/devices': LEADS,
  'POST /api/devices/enrolment-codes': ADMIN,
  'PUT /api/devices/:deviceId': ADMIN,
  'POST /api/sync/push': ON_A_DEVICE,
  'GET /api/sync/pull': ON_A_DEVICE,
  'GET /api/sync/events': ON_A_DEVICE,
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
  'GET /api/tasks': LEADS,
  'POST /api/tasks/:taskId/count': LEADS,
  'POST /api/orders': INTAKE,
  'POST /api/orders/batch': INTAKE,
  'POST /api/orders/import.csv': INTAKE,
  'POST /api/orders/:orderId/ship': ['picker', ...STAFF],
  'POST /api/orders/:orderId/cancel': STAFF,
  'GET /api/orders/by-channel/:channel/:channelOrderId': STAFF,
  'GET /api/orders/:orderId/trace': STAFF,
  'GET /api/holds': STAFF,
  'POST /api/holds/orders/:orderId': STAFF,
  'POST /api/holds/orders/:orderId/address-change': STAFF,
  'POST /api/holds/orders/:orderId/decision': LEADS,
  'GET /api/holds/rules': STAFF,
  'PUT /api/holds/rules/:ruleId': ADMIN,
  'GET /api/routing/rules': STAFF,
  'PUT /api/routing/rules': ADMIN,
  'GET /api/routing/rules.csv': STAFF,
  'POST /api/routing/rules.csv': ADMIN,
  'GET /api/routing/queue': STAFF,
  'POST /api/routing/orders/:orderId': LEADS,
  'GET /api/inventory/stock/:skuId': STAFF,
  'GET /api/inventory/alerts': STAFF,
  'GET /api/inventory/bins/:binCode': STAFF,
  'GET /api/inventory/reconciliation': STAFF,
  'POST /api/inventory/receipts': STAFF,
  'POST /api/inventory/receipts/:receiptId/receive': STAFF,
  'POST /api/inventory/opening-balances.csv': LEADS,
  'POST /api/inventory/moves': LEADS,
  'POST /api/inventory/adjustments': LEADS,
  'GET /api/inventory/history/:skuId': STAFF,
  'GET /api/hub-settings': LEADS,
  'PUT /api/hub-settings': ADMIN,
  'GET /api/integration-keys': ADMIN,
  'POST /api/integration-keys': ADMIN,
  'POST /api/integration-keys/:keyId/revoke': ADMIN,
  'GET /api/webhooks/subscriptions': ADMIN,
  'POST /api/webhooks/subscriptions': ADMIN,
  'GET /api/webhooks/deliveries': ADMIN,
  'GET /api/webhooks/deliveries/:deliveryId/attempts': ADMIN,
  'POST /api/webhooks/deliveries/:deliveryId/replay': ADMIN,
  'POST /api/webhooks/replay': ADMIN,
  'GET /api/admin/backup': ADMIN,
  'POST /api/admin/archive-scan-events': ADMIN,
  'GET /api/admin/warehouses': ADMIN,
  'POST /api/admin/warehouses': ADMIN,
  'PUT /api/admin/warehouses/:warehouseId': ADMIN,
  'POST /api/admin/warehouses/:warehouseId/active': ADMIN,
  'GET /api/admin/zones': ADMIN,
  'POST /api/admin/zones': ADMIN,
  'PUT /api/admin/zones/:zoneId': ADMIN,
  'POST /api/admin/zones/:zoneId/active': ADMIN,
  'GET /api/admin/bins': ADMIN,
  'POST /api/admin/bins': ADMIN,
  'GET /api/admin/bins.csv': ADMIN,
  'POST /api/admin/bins.csv': ADMIN,
  'PUT /api/admin/bins/:binId': ADMIN,
  'POST /api/admin/bins/:binId/active': ADMIN,
  'GET /api/admin/skus': ADMIN,
  'POST /api/admin/skus': ADMIN,
  'GET /api/admin/skus.csv': ADMIN,
  'POST /api/admin/skus.csv': ADMIN,
  'PUT /api/admin/skus/:skuId': ADMIN,
  'POST /api/admin/skus/:skuId/active': ADMIN,
  'GET /api/admin/users': ADMIN,
  'POST /api/admin/users': ADMIN,
  'GET /api/admin/users.csv': ADMIN,
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
};

const BADGES: Record<'picker' | 'supervisor' | 'admin', string> = {
  picker: 'P-0001',
  supervisor: 'S-0001',
  admin: 'A-0001',
};

describe('the authorisation matrix', () => {
  const fixture = aSeededAppPerFile(testDatabases()[0]!);

  it('lists every route of the app', () => {
    expect(apiRoutes(fixture.app)).toEqual(Object.keys(ACCESS).sort());
  });

  const tokenOf = async (caller: Exclude<Caller, 'anonymous'>): Promise<string> =>
    caller === 'integration'
      ? (await createApiKey(fixture.database.db, 'matrix', 'GZ')).key
      : (await aLoggedInDevice(fixture.app, BADGES[caller])).token;

  it.each(Object.entries(ACCESS))(
    '%s: allowed callers get in, the others are refused',
    async (route, allowed) => {
      const [method, pattern] = route.split(' ') as [string, string];
      const path = concretePath(pattern, {
        deviceId: randomUUID(),
        waveId: 'W-GZ-B26-07',
        orderId: 'SO-none',
        channel: 'jd',
        channelOrderId: 'none',
        ruleId: 'none',
        skuId: 'SKU-00001',
        binCode: 'A-03-12',
        taskId: randomUUID(),
        receiptId: randomUUID(),
        keyId: randomUUID(),
        deliveryId: randomUUID(),
        exceptionId: randomUUID(),
        warehouseId: 'GZ',
        zoneId: 'GZ:A',
        binId: 'GZ:A-01-01',
        userId: 'u-gz-p1',
      });
      for (const caller of CALLERS) {
        const headers: Record<string, string> = { 'content-type': 'application/json' };
        if (caller !== 'anonymous') headers.authorization = `Bearer ${await tokenOf(caller)}`;
        const res = await fixture.app.request(path, {
          method,
          headers,
          ...(method === 'GET' ? {} : { body: '{}' }),
        });
        await res.body?.cancel();
        const verdict = `${caller} → ${res.status}`;
        if (allowed.includes(caller)) {
          expect([401, 403], verdict).not.toContain(res.status);
        } else if (caller === 'anonymous') {
          expect(res.status, verdict).toBe(401);
        } else {
          expect([401, 403], verdict).toContain(res.status);
        }
      }
    },
  );

  it('outside /api: health and readiness are open, metrics need METRICS_TOKEN or loopback', async () => {
    const outside = fixture.app.routes
      .filter((r) => r.method !== 'ALL' && !r.path.startsWith('/api/'))
      .map((r) => `${r.method} ${r.path}`);
    expect([...new Set(outside)].sort()).toEqual(['GET /healthz', 'GET /metrics', 'GET /readyz']);
    expect((await fixture.app.request('/healthz')).status).toBe(200);
    expect((await fixture.app.request('/readyz')).status).toBe(200);
    // In-process callers are not loopback, and this app has no METRICS_TOKEN.
    const admin = await tokenOf('admin');
    const metrics = await fixture.app.request('/metrics', {
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(metrics.status).toBe(403);
  });
});
