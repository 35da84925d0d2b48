import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../db/database';
import { aLoggedInDevice, aSeededApp, bodyOf } from '../testing/test-app';
import { type OwnedDatabase, testDatabases } from '../testing/test-databases';
import { TEST_CONNECTOR_KEY, TestClock } from './testing/connector-fixtures';
import { ScriptedPlatform, aPlatformOrder, signScriptedPush } from './testing/scripted-platform';

type App = Awaited<ReturnType<typeof aSeededApp>>['app'];
const METRICS_TOKEN = 'metrics-token-0123456789abcdef';

describe.each(testDatabases())('connector routes on $name', (target) => {
  let database: OwnedDatabase;
  let app: App;
  let keyless: App;
  let admin = '';
  let cdAdmin = '';
  const clock = new TestClock();
  const platform = new ScriptedPlatform(clock.now);
  beforeAll(async () => {
    database = await target.open();
    const connectors = {
      key: TEST_CONNECTOR_KEY,
      registry: { taobao: () => platform },
      sleep: clock.sleep,
    };
    app = (await aSeededApp(database, { now: clock.now, connectors, metricsToken: METRICS_TOKEN }))
      .app;
    keyless = (
      await aSeededApp(database, { connectors: { key: null, registry: connectors.registry } })
    ).app;
    admin = (await aLoggedInDevice(app, 'A-0001')).token;
    await database.db
      .execute(sql`insert into users (id, warehouse_id, name, role, badge, pin_hash, language)
      select 'u-cd-a1', 'CD', '刘洋', 'admin', 'A-0902', pin_hash, 'zh-CN' from users where id = 'u-gz-a1'`);
    cdAdmin = (await aLoggedInDevice(app, 'A-0902')).token;
    await database.db
      .execute(sql`insert into channel_sku_codes (warehouse_id, channel, shop_id, code, sku_id)
      values ('GZ', 'taobao', '', 'TB-CUP-RED', 'SKU-00121')`);
  });
  afterAll(() => database.drop());

  const call = (target: App, token: string, method: string, path: string, body?: unknown) =>
    target.request(path, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const aShop = (shopId: string) => ({
    platform: 'taobao',
    shopId,
    name: `天猫旗舰店 ${shopId}`,
    credentials: { ...platform.credentials(), appSecret: 'secret-8f3a' },
  });

  it('refuses to store credentials without CONNECTOR_KEY, saying how to set it', async () => {
    const res = await call(keyless, admin, 'POST', '/api/admin/connectors', aShop('shop-nokey'));
    expect(res.status).toBe(409);
    expect((await bodyOf(res)).error.message).toContain('set CONNECTOR_KEY');
    expect(await queryRows(database.db, sql`select id from connectors`)).toEqual([]);
  });

  it('adds a shop, stores its secrets sealed and never answers with them', async () => {
    const res = await call(app, admin, 'POST', '/api/admin/connectors', aShop('shop-routes-1'));
    expect(res.status).toBe(201);
    const added = await bodyOf<Record<string, unknown>>(res);
    expect(added).toMatchObject({
      warehouseId: 'GZ',
      platform: 'taobao',
      channel: 'taobao',
      status: 'active',
      intervalSeconds: 10,
      authorised: { accessToken: true, accessTokenExpiresAt: null },
    });
    const listed = await (await call(app, admin, 'GET', '/api/admin/connectors')).text();
    expect(listed).toContain('shop-routes-1');
    expect(listed).not.toContain('secret-8f3a');
    expect(listed).not.toContain('credentials');
    const [stored] = await queryRows<{ credentials: string }>(
      database.db,
      sql`select credentials from connectors where shop_id = 'shop-routes-1'`,
    );
    expect(stored?.credentials).not.toContain('secret-8f3a');
    const twice = await call(app, admin, 'POST', '/api/admin/connectors', aShop('shop-routes-1'));
    expect([twice.status, (await bodyOf(twice)).error.fields]).toEqual([
      409,
      [{ path: 'shopId', message: 'this shop is connected already: edit that connector' }],
    ]);
  });

  it('names the field of a bad request and changes nothing', async () => {
    const res = await call(app, admin, 'POST', '/api/admin/connectors', {
      ...aShop('shop-bad'),
      platform: 'jingdong',
    });
    expect([res.status, (await bodyOf(res)).error.fields]).toEqual([
      400,
      [{ path: 'platform', message: 'unknown platform (known: taobao)' }],
    ]);
    const short = await call(app, admin, 'POST', '/api/admin/connectors', {
      ...aShop('shop-bad'),
      intervalSeconds: 1,
    });
    expect([short.status, (await bodyOf(short)).error.fields?.[0]?.path]).toEqual([
      400,
      'intervalSeconds',
    ]);
    expect(
      await queryRows(database.db, sql`select id from connectors where shop_id = 'shop-bad'`),
    ).toEqual([]);
  });

  it("keeps each warehouse's admins to their own connectors", async () => {
    const { id } = await bodyOf<{ id: string }>(
      await call(app, admin, 'POST', '/api/admin/connectors', aShop('shop-routes-2')),
    );
    const list = await bodyOf<{ connectors: unknown[] }>(
      await call(app, cdAdmin, 'GET', '/api/admin/connectors'),
    );
    expect(list.connectors).toEqual([]);
    for (const [method, path] of [
      ['POST', `/api/admin/connectors/${id}/pause`],
      ['DELETE', `/api/admin/connectors/${id}`],
      ['PUT', `/api/admin/connectors/${id}/credentials`],
    ] as const) {
      expect((await call(app, cdAdmin, method, path, {})).status).toBe(404);
    }
    const paused = await call(app, admin, 'POST', `/api/admin/connectors/${id}/pause`);
    expect((await bodyOf<{ status: string }>(paused)).status).toBe('paused');
    const resumed = await call(app, admin, 'POST', `/api/admin/connectors/${id}/resume`);
    expect((await bodyOf<{ status: string }>(resumed)).status).toBe('active');
    expect((await call(app, admin, 'DELETE', `/api/admin/connectors/${id}`)).status).toBe(204);
    expect(await queryRows(database.db, sql`select id from connectors where id = ${id}`)).toEqual(
      [],
    );
  });

  it('replays a window: orders missed are taken in, the ones stored are not stored again', async () => {
    const { id } = await bodyOf<{ id: string }>(
      await call(app, admin, 'POST', '/api/admin/connectors', aShop('shop-replay')),
    );
    const earlier = new Date(clock.now().getTime() - 3 * 3_600_000);
    const order = aPlatformOrder(earlier, { shopId: 'shop-replay' });
    platform.place(order);
    const range = {
      from: new Date(earlier.getTime() - 60_000).toISOString(),
      to: new Date(earlier.getTime() + 60_000).toISOString(),
    };
    const first = await bodyOf<{ taken: { accepted: number } }>(
      await call(app, admin, 'POST', `/api/admin/connectors/${id}/replay`, range),
    );
    const second = await bodyOf<{ taken: { accepted: number; unchanged: number } }>(
      await call(app, admin, 'POST', `/api/admin/connectors/${id}/replay`, range),
    );
    expect([first.taken.accepted, second.taken.accepted, second.taken.unchanged]).toEqual([
      1, 0, 1,
    ]);
    const backwards = await call(app, admin, 'POST', `/api/admin/connectors/${id}/replay`, {
      from: range.to,
      to: range.from,
    });
    expect([backwards.status, (await bodyOf(backwards)).error.fields]).toEqual([
      400,
      [{ path: 'to', message: 'to must be after from' }],
    ]);
  });

  it('takes a signed push: the named order is read and stored; a bad signature is a 401 that stores nothing', async () => {
    const { id } = await bodyOf<{ id: string }>(
      await call(app, admin, 'POST', '/api/admin/connectors', aShop('shop-push')),
    );
    const order = aPlatformOrder(clock.now(), { shopId: 'shop-push' });
    platform.place(order);
    // The id as the platform sends it: a bare 19-digit number in JSON text.
    const body = `{"orderIds":["${order.platformOrderId}"],"event":"order_pay"}`;
    const forged = await app.request(`/api/connectors/${id}/push`, {
      method: 'POST',
      headers: { 'x-scripted-signature': signScriptedPush('another-token', body) },
      body,
    });
    expect([forged.status, (await bodyOf(forged)).error.code]).toEqual([401, 'unauthenticated']);
    const storedOf = () =>
      queryRows(
        database.db,
        sql`select id from orders where channel_order_id = ${order.platformOrderId}`,
      );
    expect(await storedOf()).toEqual([]);
    const signed = await app.request(`/api/connectors/${id}/push`, {
      method: 'POST',
      headers: { 'x-scripted-signature': signScriptedPush('push-token-1', body) },
      body,
    });
    expect([signed.status, await signed.text()]).toEqual([200, 'success']);
    expect(await storedOf()).toHaveLength(1);
    const unknown = await app.request('/api/connectors/00000000-0000-4000-8000-000000000000/push', {
      method: 'POST',
      body,
    });
    expect(unknown.status).toBe(404);
  });

  it('shows each connector on /metrics: lag, orders pulled, failures', async () => {
    await call(app, admin, 'POST', '/api/admin/connectors', {
      ...aShop('shop-metrics'),
      pullSince: new Date(clock.now().getTime() - 90_000).toISOString(),
    });
    const text = await (
      await app.request('/metrics', { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })
    ).text();
    const labels =
      '{connector="天猫旗舰店 shop-metrics",platform="taobao",shop="shop-metrics",status="active"}';
    const series = `wms_connector_lag_seconds${labels} `;
    const lag = text.split('\n').find((l) => l.startsWith(series));
    expect(Number(lag?.slice(series.length))).toBeGreaterThanOrEqual(90);
    expect(text).toContain(`wms_connector_orders_pulled${labels} 0`);
    expect(text).toContain(`wms_connector_failures${labels} 0`);
  });
});
