import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createApiKey } from '../auth/api-keys';
import { type CallerKind, ROUTE_ACCESS } from '../auth/route-access';
import { queryRows } from '../db/database';
import { createUser } from '../master-data/users';
import { apiRoutes, concretePath } from '../testing/api-routes';
import { aLoggedInDevice, aSeededAppPerFile } from '../testing/test-app';
import { testDatabases } from '../testing/test-databases';

/** `admin` is a hub admin (the demo's A-0001); `warehouse-admin` an admin of GZ only (006). */
type Caller = 'anonymous' | CallerKind | 'warehouse-admin';
const CALLERS: Caller[] = [
  'anonymous',
  'picker',
  'supervisor',
  'admin',
  'warehouse-admin',
  'warehouse-key',
  'channel-key',
];

/** The GZ people who log in (everyone is of warehouse GZ; CD is the other warehouse). */
const BADGES: Record<'picker' | 'supervisor' | 'admin' | 'warehouse-admin', string> = {
  picker: 'P-0001',
  supervisor: 'S-0001',
  admin: 'A-0001',
  'warehouse-admin': 'A-0008',
};
/** The channel key's channel; its "other" channel is any other. */
const OWN_CHANNEL = 'taobao';
const OTHER_CHANNEL = 'douyin';

const isAllowed = (route: string, caller: Caller) => {
  const access = ROUTE_ACCESS[route];
  if (access === 'public') return true;
  if (caller === 'anonymous' || !access) return false;
  // The whole hub's powers are a hub admin's, not every admin's.
  if (caller === 'warehouse-admin') return access.callers.includes('admin') && !access.hubWide;
  return access.callers.includes(caller);
};

describe('the authorisation matrix', () => {
  const fixture = aSeededAppPerFile(testDatabases()[0]!);
  const tokens = new Map<Caller, string>();

  const badgeOf = async (caller: keyof typeof BADGES) => {
    if (caller === 'warehouse-admin')
      await createUser(
        fixture.database.db,
        'GZ',
        {
          id: 'u-gz-a8',
          name: '何静',
          role: 'admin',
          badge: BADGES[caller],
          language: 'zh-CN',
          pin: '1234',
        },
        new Date(),
      );
    return BADGES[caller];
  };

  const tokenOf = async (caller: Exclude<Caller, 'anonymous'>): Promise<string> => {
    const known = tokens.get(caller);
    if (known) return known;
    const db = fixture.database.db;
    const token =
      caller === 'warehouse-key'
        ? (await createApiKey(db, 'matrix WMS', 'GZ')).key
        : caller === 'channel-key'
          ? (await createApiKey(db, 'matrix shop', { channel: OWN_CHANNEL })).key
          : (await aLoggedInDevice(fixture.app, await badgeOf(caller))).token;
    tokens.set(caller, token);
    return token;
  };

  const call = async (caller: Caller, method: string, path: string, body: unknown = {}) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (caller !== 'anonymous') headers.authorization = `Bearer ${await tokenOf(caller)}`;
    const res = await fixture.app.request(path, {
      method,
      headers,
      ...(method === 'GET' ? {} : { body: JSON.stringify(body) }),
    });
    await res.body?.cancel();
    return res.status;
  };

  it('decides every route of the app, and only those', () => {
    expect(apiRoutes(fixture.app)).toEqual(Object.keys(ROUTE_ACCESS).sort());
  });

  it.each(Object.keys(ROUTE_ACCESS))(
    '%s: allowed callers get in, the others are refused',
    async (route) => {
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
        connectorId: randomUUID(),
      });
      for (const caller of CALLERS) {
        const status = await call(caller, method, path);
        const verdict = `${caller} → ${status}`;
        if (isAllowed(route, caller)) {
          expect([401, 403], verdict).not.toContain(status);
        } else if (caller === 'anonymous') {
          expect(status, verdict).toBe(401);
        } else {
          expect([401, 403], verdict).toContain(status);
        }
      }
    },
  );

  /** A digest of everything an order or wave route could change. */
  const stateDigest = async () =>
    queryRows<{ digest: string }>(
      fixture.database.db,
      sql`select md5(concat_ws('|',
            (select string_agg(t::text, ',' order by t::text) from orders t),
            (select string_agg(t::text, ',' order by t::text) from order_holds t),
            (select string_agg(t::text, ',' order by t::text) from order_events t),
            (select string_agg(t::text, ',' order by t::text) from reservations t),
            (select string_agg(t::text, ',' order by t::text) from waves t),
            (select string_agg(t::text, ',' order by t::text) from pick_lines t),
            (select string_agg(t::text, ',' order by t::text) from exceptions t),
            (select string_agg(t::text, ',' order by t::text) from api_keys t))) as digest`,
    );

  /** A fresh received order (and its channel record), so each probe meets an untouched one. */
  const anOrderIn = async (warehouseId: string, channel: string) => {
    const id = `SO-M-${randomUUID().slice(0, 8)}`;
    await fixture.database.db.execute(sql`
      insert into orders (id, warehouse_id, channel, channel_order_id, status, consignee_name, province, city)
      values (${id}, ${warehouseId}, ${channel}, ${id}, 'received', '王芳', '广东省', '广州市')`);
    await fixture.database.db.execute(sql`
      insert into channel_orders (channel, channel_order_id, order_id, merged)
      values (${channel}, ${id}, ${id}, false)`);
    return { id, channel };
  };

  /**
   * Own and other orders of each caller: people and warehouse keys own GZ's orders (of any
   * channel), the channel key owns its channel's orders wherever they were routed (here CD).
   */
  const ordersFor = async (caller: Caller) =>
    caller === 'channel-key'
      ? { own: await anOrderIn('CD', OWN_CHANNEL), other: await anOrderIn('GZ', OTHER_CHANNEL) }
      : { own: await anOrderIn('GZ', OTHER_CHANNEL), other: await anOrderIn('CD', OWN_CHANNEL) };

  const ORDER_ROUTES: { route: string; body?: unknown; read?: true }[] = [
    { route: 'GET /api/orders/:orderId/trace', read: true },
    { route: 'GET /api/orders/by-channel/:channel/:channelOrderId', read: true },
    { route: 'POST /api/orders/:orderId/cancel', body: { reason: 'customer asked' } },
    { route: 'POST /api/holds/orders/:orderId', body: { reason: 'risk check' } },
    {
      route: 'POST /api/holds/orders/:orderId/address-change',
      body: { newAddress: '广州市 天河区 2 号' },
    },
    { route: 'POST /api/holds/orders/:orderId/decision', body: { decision: 'release' } },
    {
      route: 'POST /api/orders/:orderId/ship',
      body: { carrier: 'SF', trackingNumber: 'SF1234567' },
    },
  ];

  it.each(ORDER_ROUTES)(
    '$route: each caller reaches its own orders only, and a refused call changes nothing',
    async ({ route, body, read }) => {
      const [method, pattern] = route.split(' ') as [string, string];
      for (const caller of CALLERS) {
        const { own, other } = await ordersFor(caller);
        const pathOf = (o: { id: string; channel: string }) =>
          concretePath(pattern, { orderId: o.id, channel: o.channel, channelOrderId: o.id });
        const before = await stateDigest();
        const refused = await call(caller, method, pathOf(other), body);
        expect(await stateDigest(), `${caller} other`).toEqual(before);
        if (!isAllowed(route, caller)) {
          expect([401, 403], `${caller} other → ${refused}`).toContain(refused);
          const ownStatus = await call(caller, method, pathOf(own), body);
          expect([401, 403], `${caller} own → ${ownStatus}`).toContain(ownStatus);
          continue;
        }
        expect(refused, `${caller} other`).toBe(404);
        const status = await call(caller, method, pathOf(own), body);
        if (read) expect(status, `${caller} own`).toBe(200);
        else expect([401, 403, 404], `${caller} own → ${status}`).not.toContain(status);
      }
    },
  );

  const WAVE_ROUTES: { route: string; body?: unknown; read?: true }[] = [
    { route: 'GET /api/waves/:waveId', read: true },
    { route: 'GET /api/waves/:waveId/move-preview', read: true },
    { route: 'POST /api/waves/:waveId/assign', body: { userId: 'u-cd-p2' } },
    { route: 'POST /api/waves/:waveId/cancel' },
  ];

  it.each(WAVE_ROUTES)(
    "$route: another warehouse's wave is a 404 that changes nothing",
    async ({ route, body, read }) => {
      const [method, pattern] = route.split(' ') as [string, string];
      for (const caller of CALLERS) {
        const before = await stateDigest();
        const status = await call(
          caller,
          method,
          concretePath(pattern, { waveId: 'W-CD-B26-09' }),
          body,
        );
        expect(await stateDigest(), caller).toEqual(before);
        if (!isAllowed(route, caller))
          expect([401, 403], `${caller} → ${status}`).toContain(status);
        else expect(status, caller).toBe(404);
        if (read && isAllowed(route, caller)) {
          const own = await call(caller, method, concretePath(pattern, { waveId: 'W-GZ-B26-07' }));
          expect(own, `${caller} own`).toBe(200);
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
