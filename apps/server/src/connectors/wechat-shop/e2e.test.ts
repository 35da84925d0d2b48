import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { storedOrders } from '../testing/stored-orders';
import type { Session } from '../../auth/session-token';
import { putChannelSkuCode } from '../../channel-codes/channel-sku-codes';
import { queryRows } from '../../db/database';
import { orderTrace } from '../../orders/order-trace';
import { shipOrder } from '../../orders/ship-order';
import { aSeededApp } from '../../testing/test-app';
import { type OwnedDatabase, testDatabases } from '../../testing/test-databases';
import { deliverDueShipments } from '../confirm-shipments';
import { loadConnector } from '../connector-store';
import { pullConnector } from '../pull-connector';
import { TEST_CONNECTOR_KEY, TestClock, aConnector } from '../testing/connector-fixtures';
import { wechatShopAdapter } from './adapter';
import { FakeWechatShop, type FakeOrder } from './fake-wechat-shop';
import { aLine, anOrderId, aWechatOrder } from './wechat-fixtures';

/**
 * 微信小店 end to end (issue 27): the registered adapter against the local 微信小店 over real
 * HTTP, driven by the framework's pull, intake, write-back outbox and the public push route.
 */
const SECRET = '3f8e2a9c1b7d4e6f0a5c8b2d9e1f4a7c';
/** The message Token and EncodingAESKey set on the shop's 消息推送 page. */
const PUSH_TOKEN = 'wmsPushToken2026';
const PUSH_AES_KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
const MIN = 60_000;
const urlOf = (input: string | URL | Request) =>
  typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;

type App = Awaited<ReturnType<typeof aSeededApp>>['app'];

describe.each(testDatabases())('微信小店 end to end on $name', (target) => {
  let database: OwnedDatabase;
  let app: App;
  const clock = new TestClock();
  const seconds = () => Math.floor(clock.now().getTime() / 1000);
  const fakes: FakeWechatShop[] = [];
  let serial = 0;
  let orderSerial = 0;

  beforeAll(async () => {
    database = await target.open();
    const connectors = {
      key: TEST_CONNECTOR_KEY,
      registry: { 'wechat-shop': () => wechatShopAdapter({ now: () => clock.now().getTime() }) },
      sleep: clock.sleep,
    };
    app = (await aSeededApp(database, { now: clock.now, connectors })).app;
    // The shop's 商家编码 mapped to our SKUs first (channel SKU codes, every shop of the channel).
    for (const [code, skuId] of [
      ['C0013Z1', 'SKU-00121'],
      ['C0021B2', 'SKU-00122'],
    ] as const)
      await putChannelSkuCode(database.db, 'GZ', {
        channel: 'wechat-shop',
        shopId: '',
        code,
        skuId,
      });
  });
  afterEach(async () => {
    for (const fake of fakes.splice(0)) await fake.close();
  });
  afterAll(() => database.drop());

  /** A shop on its own local 微信小店, connected from now; `fetch` sits between us and it. */
  const aShop = async (options: { fetch?: typeof fetch } = {}) => {
    serial += 1;
    const appId = `wx5f1c2d3e4a5b${String(serial).padStart(4, '0')}`;
    const fake = await FakeWechatShop.start({
      appId,
      appSecret: SECRET,
      now: () => clock.now().getTime(),
    });
    fakes.push(fake);
    const adapter = wechatShopAdapter({
      now: () => clock.now().getTime(),
      ...(options.fetch && { fetch: options.fetch }),
    });
    const { connector, runtime } = await aConnector(database.db, clock, {
      adapter,
      credentials: {
        appKey: appId,
        appSecret: SECRET,
        baseUrl: fake.baseUrl,
        pushToken: PUSH_TOKEN,
        pushAesKey: PUSH_AES_KEY,
      },
      shopId: appId,
      name: `微信小店 ${appId}`,
    });
    const pull = () => pullConnector(runtime, connector.id);
    return { fake, connector, runtime, pull, appId };
  };

  /** A paid order of its own buyer (openid, masked phone, address hash_code) placed at `at`. */
  const aBuyersOrder = (id: string, at: number) => {
    const order = aWechatOrder(id, at);
    const n = String(orderSerial).padStart(6, '0');
    order.openid = `o9AgO5Kd5ggOC-bXrbNO${n}`;
    Object.assign(order.order_detail.delivery_info.address_info, {
      tel_number: `156****${n.slice(-4)}`,
      hash_code: createHash('md5').update(n).digest('hex'),
    });
    return order;
  };

  /** `count` paid orders placed on the shop now, a second apart, 19-digit ids. */
  const place = (fake: FakeWechatShop, count = 1, build = aBuyersOrder) =>
    Array.from({ length: count }, (_, k) => {
      orderSerial += 1;
      const order = build(anOrderId(orderSerial), seconds() + k);
      fake.addOrder(order);
      return order;
    });

  const ours = storedOrders(() => database.db, 'wechat-shop');
  const stored = ours.counts;
  const once = (placed: readonly FakeOrder[]) => ours.once(placed.map((o) => o.order_id));
  const ourOrder = ours.order;
  const exceptionsOf = ours.exceptionsOf;
  const linesOf = (orderId: string) =>
    queryRows<{ skuId: string; qty: number; unitPriceCents: number }>(
      database.db,
      sql`select sku_id as "skuId", qty, unit_price_cents as "unitPriceCents" from order_lines
          where order_id = ${orderId} order by sku_id`,
    );
  /** Ours picked (picking is not what this file is about) and shipped at the bench. */
  const shipOurs = async (orderId: string, carrier: string, trackingNumber: string) => {
    await database.db.execute(sql`update orders set status = 'picked' where id = ${orderId}`);
    const packer: Session = {
      userId: 'u-packer',
      role: 'supervisor',
      warehouseId: 'GZ',
      deviceId: 'bench-1',
      epoch: 1,
    };
    await shipOrder(database.db, packer, orderId, { carrier, trackingNumber }, clock.now());
    return packer;
  };

  it('stores orders placed on the shop mapped through the channel codes: Chinese address, fen, 19-digit ids exact', async () => {
    const { fake, pull } = await aShop();
    // Two orders of one receiver (the fixture's): the same stand-in phone for both.
    const [single] = place(fake, 1, (id, at) => aWechatOrder(id, at));
    const [double] = place(fake, 1, (id, at) =>
      aWechatOrder(id, at, {
        freight: 800,
        lines: [
          aLine({ sku_cnt: 2, sale_price: 3990, real_price: 7580 }),
          aLine({
            product_id: '10000200857720',
            sku_id: '3095702990',
            sku_code: 'C0021B2',
            sale_price: 12_900,
            real_price: 12_900,
            title: '宝宝洗衣液 2L',
          }),
        ],
      }),
    );
    place(fake, 1, (id, at) => aWechatOrder(id, at, { status: 10 })); // 待付款: not taken in
    clock.advance(2_000);
    const report = await pull();
    expect([report.outcome, report.taken.accepted, report.taken.unchanged]).toEqual([
      'stored',
      2,
      1,
    ]);
    expect(single!.order_id).toMatch(/^\d{19}$/);
    const ours = await ourOrder(double!.order_id);
    expect(ours).toMatchObject({
      status: 'received',
      province: '广东省',
      city: '广州市',
      district: '海珠区',
      addressDetail: '新港中路****号',
      consigneeName: '陈**',
      paidCents: 7580 + 12_900 + 800,
      freightCents: 800,
      couponCents: 400,
    });
    // The masked 156****1234 gets its hidden digits from the receiver's hash_code.
    expect(ours.phone).toMatch(/^156\d{4}1234$/);
    expect(await linesOf(ours.id)).toEqual([
      { skuId: 'SKU-00121', qty: 2, unitPriceCents: 3790 },
      { skuId: 'SKU-00122', qty: 1, unitPriceCents: 12_900 },
    ]);
    expect((await ourOrder(single!.order_id)).phone).toBe(ours.phone);
  });

  it('catches the whole gap after an outage that starts in the middle of a pull, none twice', async () => {
    let down = false;
    let details = 0;
    // The platform's gateway fails from the 130th order detail on, and stays down until told.
    const gateway: typeof fetch = (input, init) => {
      if (urlOf(input).includes('/channels/ec/order/get') && (details += 1) === 130) down = true;
      if (down)
        return Promise.resolve(
          new Response('<html>502 Bad Gateway</html>', {
            status: 502,
            headers: { 'content-type': 'text/html' },
          }),
        );
      return fetch(input, init);
    };
    const { fake, pull, connector } = await aShop({ fetch: gateway });
    const before = place(fake, 250);
    clock.advance(5 * MIN);
    const during = await pull();
    expect([during.outcome, during.taken.accepted]).toEqual(['failed', 100]);
    expect(during.error).toBe('unavailable: 微信小店 answered HTTP 502 on /channels/ec/order/get');
    expect((await loadConnector(database.db, connector.id))?.cursor).toEqual(connector.cursor);
    // Ten minutes down, orders keep coming on the platform.
    const gap = place(fake, 40);
    clock.advance(10 * MIN);
    expect((await pull()).outcome).toBe('failed');
    down = false;
    clock.advance(10_000);
    const after = await pull();
    expect([after.outcome, after.taken.accepted, after.taken.unchanged]).toEqual([
      'stored',
      190,
      100,
    ]);
    expect(await stored([...before, ...gap].map((o) => o.order_id))).toEqual(
      once([...before, ...gap]),
    );
    const healed = await loadConnector(database.db, connector.id);
    expect([healed?.status, healed?.failures, healed?.ordersPulled]).toEqual(['active', 0, 290]);
  });

  it('refreshes a token that expires in the middle of a pull and finishes it', async () => {
    const { fake, pull } = await aShop();
    // A connector that has pulled before holds a token (its first pull fetched one).
    expect((await pull()).outcome).toBe('stored');
    const orders = place(fake, 150);
    clock.advance(3 * MIN);
    fake.expireTokensAfter(60);
    const report = await pull();
    expect([report.outcome, report.taken.accepted]).toEqual(['stored', 150]);
    expect(fake.calls.filter((c) => c.path === '/cgi-bin/stable_token')).toHaveLength(2);
    expect(await stored(orders.map((o) => o.order_id))).toEqual(once(orders));
  });

  it("applies the buyer's new address before dispatch and cancels ours on the platform's cancellation", async () => {
    const { fake, pull } = await aShop();
    const [moved, cancelled] = place(fake, 2);
    clock.advance(2_000);
    await pull();
    clock.advance(30_000);
    Object.assign(moved!.order_detail.delivery_info.address_info, {
      city_name: '深圳市',
      county_name: '南山区',
      detail_info: '科苑路****号',
      hash_code: 'c7aa01f3e9d24b6c8e0f1a2b3c4d5e6f',
    });
    moved!.update_time = seconds();
    cancelled!.status = 250;
    cancelled!.update_time = seconds();
    clock.advance(2_000);
    const report = await pull();
    expect([report.outcome, report.taken.changed]).toEqual(['stored', 2]);
    const ours = await ourOrder(moved!.order_id);
    expect(ours.status).not.toBe('cancelled');
    expect(ours).toMatchObject({
      city: '深圳市',
      addressDetail: '科苑路****号',
    });
    expect(await exceptionsOf(ours.id)).toEqual([]);
    expect((await ourOrder(cancelled!.order_id)).status).toBe('cancelled');
  });

  it('confirms a shipped parcel on the platform with its carrier code and tracking number, in the trace; a cancellation after it is an exception', async () => {
    const { fake, pull, runtime } = await aShop();
    const [order] = place(fake);
    clock.advance(2_000);
    await pull();
    const ours = await ourOrder(order!.order_id);
    const packer = await shipOurs(ours.id, 'sf', 'SF1402365718093');
    expect(await deliverDueShipments(runtime)).toBe(1);
    expect(fake.deliveries).toEqual([
      {
        order_id: order!.order_id,
        delivery_list: [
          {
            delivery_id: 'SF',
            waybill_id: 'SF1402365718093',
            deliver_type: 1,
            product_infos: [{ product_id: '10000200857718', sku_id: '3095702974', product_cnt: 1 }],
          },
        ],
      },
    ]);
    expect(fake.orders.get(order!.order_id)?.status).toBe(30);
    const trace = await orderTrace(database.db, packer, ours.id);
    if (!('platformConfirmations' in trace)) throw new Error('pruned');
    expect(
      trace.timeline.filter((e) => e.kind === 'platform-confirmed').map((e) => e.detail),
    ).toEqual([
      {
        platformOrderId: order!.order_id,
        carrier: 'sf',
        trackingNumber: 'SF1402365718093',
        attempts: 1,
      },
    ]);
    // Our own shipment read back (待收货) is no news; the buyer's after-sale cancellation is.
    clock.advance(2_000);
    await pull();
    expect(await exceptionsOf(ours.id)).toEqual([]);
    clock.advance(MIN);
    order!.status = 200;
    order!.update_time = seconds();
    clock.advance(2_000);
    await pull();
    expect(await exceptionsOf(ours.id)).toEqual([
      {
        kind: 'platform-change',
        message: `Order ${ours.id} (${order!.order_id}) was cancelled on the platform but is shipped already: stop it at the pack bench or intercept it with the carrier · 平台已取消,订单已发货,请拦截`,
      },
    ]);
    expect((await ourOrder(order!.order_id)).status).toBe('shipped');
  });

  it('pulls the order a signed push names through POST /api/connectors/:id/push; a tampered push is refused 401 and changes nothing', async () => {
    const { fake, connector } = await aShop();
    const [order] = place(fake);
    const pushUrl = `http://localhost/api/connectors/${connector.id}/push`;
    const push = fake.orderPush(pushUrl, {
      token: PUSH_TOKEN,
      aesKey: PUSH_AES_KEY,
      event: 'channels_ec_order_pay',
      orderId: order!.order_id,
    });
    const tampered = fake.orderPush(pushUrl, {
      token: 'not-our-token',
      aesKey: PUSH_AES_KEY,
      event: 'channels_ec_order_pay',
      orderId: order!.order_id,
    });
    const send = (p: { url: URL; body: string }) =>
      app.request(`${p.url.pathname}${p.url.search}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: p.body,
      });
    const refused = await send(tampered);
    expect(refused.status).toBe(401);
    expect(await stored([order!.order_id])).toEqual([]);
    expect(fake.calls.filter((c) => c.path === '/channels/ec/order/get')).toEqual([]);
    const res = await send(push);
    expect([res.status, await res.text()]).toEqual([200, 'success']);
    expect(await stored([order!.order_id])).toEqual(once([order!]));
  });
});
