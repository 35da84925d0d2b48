import { sql } from 'drizzle-orm';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { storedOrders } from '../testing/stored-orders';
import type { Session } from '../../auth/session-token';
import { putChannelSkuCode } from '../../channel-codes/channel-sku-codes';
import { queryRows } from '../../db/database';
import { orderTrace } from '../../orders/order-trace';
import { shipOrder } from '../../orders/ship-order';
import { aSeededAppPerFile } from '../../testing/test-app';
import { testDatabases } from '../../testing/test-databases';
import { deliverDueShipments } from '../confirm-shipments';
import { loadConnector } from '../connector-store';
import { pullConnector } from '../pull-connector';
import { platformAdapters } from '../registry';
import { TEST_CONNECTOR_KEY, TestClock, aConnector } from '../testing/connector-fixtures';
import { openCredentials } from '../vault';
import { FakeTop, type FakeTopTrade } from './fake-top';
import { taobaoAdapter } from './taobao-adapter';
import { aTopTrade } from './top-fixtures';

/**
 * 淘宝/天猫 (TOP) end to end (issue 27): the adapter as registered (TMALL_SHOPS naming the
 * shop) against the local TOP over real HTTP, driven by the framework's pull, intake and
 * write-back outbox. TOP has no HTTP push for ordinary apps (its messages come over TMC), so
 * pulls carry every order.
 */
const APP = { appKey: '34567812', appSecret: '6c1f2a9be0d84e4f9b6d3c2a1e0f9d8c' };
const SHOPS = [
  '良品母婴旗舰店',
  '三只松鼠旗舰店',
  '百草味旗舰店',
  '花西子旗舰店',
  '南极人家居旗舰店',
];
const HOUR = 3_600_000;
const urlOf = (input: string | URL | Request) =>
  typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
const MIN = 60_000;

describe.each(testDatabases())('淘宝/天猫 end to end on $name', (target) => {
  const fx = aSeededAppPerFile(target);
  const clock = new TestClock();
  const fakes: FakeTop[] = [];
  let shopSerial = 0;
  let tradeSerial = 0;

  beforeAll(async () => {
    // The shop's 商家编码 (outer_sku_id) mapped to our SKU first, for every Tmall shop.
    await putChannelSkuCode(fx.database.db, 'GZ', {
      channel: 'tmall',
      shopId: '',
      code: 'MILK-900G',
      skuId: 'SKU-00121',
    });
  });
  afterEach(async () => {
    for (const fake of fakes.splice(0)) await fake.close();
  });

  /** A Tmall shop on its own local TOP, authorised and connected from now. */
  const aShop = async (options: { fetch?: typeof fetch } = {}) => {
    const nick = SHOPS[shopSerial]!;
    shopSerial += 1;
    const fake = await FakeTop.start({ apps: [APP], now: clock.now });
    fakes.push(fake);
    const adapter = taobaoAdapter({
      tmallShops: SHOPS,
      now: clock.now,
      ...(options.fetch && { fetch: options.fetch }),
    });
    const grant = fake.authorise(nick, { accessMs: 24 * HOUR, refreshMs: 30 * 24 * HOUR });
    const { connector, runtime } = await aConnector(fx.database.db, clock, {
      adapter,
      credentials: { ...APP, ...grant, baseUrl: fake.routerUrl },
      shopId: nick,
      name: `天猫 ${nick}`,
    });
    const pull = () => pullConnector(runtime, connector.id);
    return { fake, nick, grant, connector, runtime, pull };
  };

  /** `count` paid trades of their own buyers placed now, a second apart, 19-digit tids. */
  const place = (fake: FakeTop, nick: string, count = 1) =>
    Array.from({ length: count }, (_, k) => {
      tradeSerial += 1;
      const n = String(tradeSerial).padStart(5, '0');
      const trade = aTopTrade(`41728819932188${n}`, new Date(clock.now().getTime() + k * 1_000), {
        seller_nick: nick,
        buyer_open_uid: `AAHm5d-EAAeGwJedwSH${n}`,
        receiver_mobile: `*******${n.slice(-4)}`,
        oaid: `1sMVYDzxrfDkYcibTZQtpHibicv3cVyZd5ibELh4xLaPUk1Xu4V${n}`,
      });
      fake.addTrade(trade);
      return trade;
    });

  const ours = storedOrders(() => fx.database.db, 'tmall');
  const stored = ours.counts;
  const once = (placed: readonly FakeTopTrade[]) => ours.once(placed.map((o) => o.tid));
  const ourOrder = ours.order;
  const exceptionsOf = ours.exceptionsOf;

  it('takes a TMALL_SHOPS shop in as tmall through the registry', () => {
    const registered = platformAdapters({ tmallShops: [SHOPS[0]!] }).taobao!();
    expect([registered.channelOf(SHOPS[0]!), registered.channelOf('小林杂货铺')]).toEqual([
      'tmall',
      'taobao',
    ]);
  });

  it('stores trades placed on the shop mapped through the channel codes: Chinese address, yuan as fen, 19-digit tids exact', async () => {
    const { fake, nick, pull } = await aShop();
    const [trade] = place(fake, nick);
    const [unpaid] = place(fake, nick);
    fake.touch(unpaid!.tid, clock.now(), { status: 'WAIT_BUYER_PAY' });
    clock.advance(5_000);
    const report = await pull();
    expect([report.outcome, report.taken.accepted, report.taken.unchanged]).toEqual([
      'stored',
      1,
      1,
    ]);
    expect(trade!.tid).toMatch(/^\d{19}$/);
    const ours = await ourOrder(trade!.tid);
    expect(ours).toMatchObject({
      province: '广东省',
      city: '深圳市',
      district: '南山区',
      consigneeName: '陈**',
      paidCents: 41_050,
      freightCents: 1_250,
      couponCents: 2_000,
    });
    expect(ours.addressDetail).toMatch(/^粤海街道 ?科技园科苑路\*\*号$/);
    expect(ours.phone).toMatch(/^1[3-9]\d{9}$/);
    expect(
      await queryRows(
        fx.database.db,
        sql`select sku_id as "skuId", qty, unit_price_cents as "unitPriceCents" from order_lines
            where order_id = ${ours.id}`,
      ),
    ).toEqual([{ skuId: 'SKU-00121', qty: 2, unitPriceCents: 19_900 }]);
    expect(await stored([unpaid!.tid])).toEqual([]);
  });

  it('catches the whole gap after TOP goes down in the middle of a pull, none twice', async () => {
    let routerCalls = 0;
    const trip: { fourth?: () => void } = {};
    // TOP answers 502 from the 4th router call of the pull on (page 1, the count, page 3 done).
    const gateway: typeof fetch = (input, init) => {
      if (urlOf(input).includes('/router/rest') && (routerCalls += 1) === 4) trip.fourth?.();
      return fetch(input, init);
    };
    const shop = await aShop({ fetch: gateway });
    const { fake } = shop;
    trip.fourth = () => {
      fake.outage = 'down';
    };
    const before = place(fake, shop.nick, 250);
    clock.advance(5 * MIN);
    const during = await shop.pull();
    expect([during.outcome, during.taken.accepted]).toEqual(['failed', 150]);
    expect(during.error).toMatch(/^unavailable/);
    const cursor = shop.connector.cursor.getTime();
    expect((await loadConnector(fx.database.db, shop.connector.id))?.cursor.getTime()).toBe(cursor);
    // Ten minutes down; buyers keep paying on Tmall.
    const gap = place(fake, shop.nick, 40);
    clock.advance(10 * MIN);
    expect((await shop.pull()).outcome).toBe('failed');
    fake.outage = null;
    clock.advance(10_000);
    const after = await shop.pull();
    expect([after.outcome, after.taken.accepted]).toEqual(['stored', 140]);
    expect(await stored([...before, ...gap].map((t) => t.tid))).toEqual(once([...before, ...gap]));
    const healed = await loadConnector(fx.database.db, shop.connector.id);
    expect([healed?.status, healed?.failures, healed?.ordersPulled]).toEqual(['active', 0, 290]);
  });

  it('refreshes a session key that expires in the middle of a pull, stores the new one sealed, and finishes', async () => {
    let routerCalls = 0;
    const trip: { third?: () => void } = {};
    // The session key dies as the pull's 3rd router call arrives (page 1 and the count done).
    const gateway: typeof fetch = (input, init) => {
      if (urlOf(input).includes('/router/rest') && (routerCalls += 1) === 3) trip.third?.();
      return fetch(input, init);
    };
    const shop = await aShop({ fetch: gateway });
    trip.third = () => shop.fake.expireSession(shop.grant.accessToken);
    const trades = place(shop.fake, shop.nick, 250);
    clock.advance(5 * MIN);
    const report = await shop.pull();
    expect([report.outcome, report.taken.accepted]).toEqual(['stored', 250]);
    const creds = openCredentials(
      TEST_CONNECTOR_KEY,
      (await loadConnector(fx.database.db, shop.connector.id))!.credentials,
    );
    expect(creds.accessToken).toMatch(/^6100/);
    expect(creds.accessToken).not.toBe(shop.grant.accessToken);
    expect(creds.refreshToken).not.toBe(shop.grant.refreshToken);
    expect(await stored(trades.map((t) => t.tid))).toEqual(once(trades));
  });

  it("applies the buyer's new address before dispatch and cancels ours when the trade closes", async () => {
    const { fake, nick, pull } = await aShop();
    const [moved, closed] = place(fake, nick, 2);
    clock.advance(5_000);
    await pull();
    clock.advance(MIN);
    fake.touch(moved!.tid, clock.now(), {
      receiver_city: '广州市',
      receiver_district: '天河区',
      receiver_town: '天河南街道',
      receiver_address: '天河路**号',
    });
    fake.touch(closed!.tid, clock.now(), {
      status: 'TRADE_CLOSED',
      orders: closed!.orders.map((o) => ({
        ...o,
        status: 'TRADE_CLOSED',
        refund_status: 'SUCCESS',
      })),
    });
    clock.advance(5_000);
    const report = await pull();
    expect([report.outcome, report.taken.changed]).toEqual(['stored', 2]);
    const ours = await ourOrder(moved!.tid);
    expect(ours.status).not.toBe('cancelled');
    expect([ours.city, ours.district]).toEqual(['广州市', '天河区']);
    expect(ours.addressDetail).toMatch(/^天河南街道 ?天河路\*\*号$/);
    expect(await exceptionsOf(ours.id)).toEqual([]);
    expect((await ourOrder(closed!.tid)).status).toBe('cancelled');
  });

  it('confirms a shipped parcel on TOP with its company code and tracking number, in the trace; a refund after it is an exception', async () => {
    const { fake, nick, pull, runtime } = await aShop();
    const [trade] = place(fake, nick);
    clock.advance(5_000);
    await pull();
    const ours = await ourOrder(trade!.tid);
    // Picking is not what this file is about: the order is picked.
    await fx.database.db.execute(sql`update orders set status = 'picked' where id = ${ours.id}`);
    const packer: Session = {
      userId: 'u-packer',
      role: 'supervisor',
      warehouseId: 'GZ',
      deviceId: 'bench-1',
      epoch: 1,
    };
    await shipOrder(
      fx.database.db,
      packer,
      ours.id,
      { carrier: 'yd', trackingNumber: '4318850367219' },
      clock.now(),
    );
    expect(await deliverDueShipments(runtime)).toBe(1);
    expect(fake.shipments).toEqual([
      { tid: trade!.tid, outSid: '4318850367219', companyCode: 'YUNDA' },
    ]);
    expect(fake.trades.get(trade!.tid)?.status).toBe('WAIT_BUYER_CONFIRM_GOODS');
    const trace = await orderTrace(fx.database.db, packer, ours.id);
    if (!('platformConfirmations' in trace)) throw new Error('pruned');
    expect(
      trace.timeline.filter((e) => e.kind === 'platform-confirmed').map((e) => e.detail),
    ).toEqual([
      { platformOrderId: trade!.tid, carrier: 'yd', trackingNumber: '4318850367219', attempts: 1 },
    ]);
    // Our shipment read back from TOP is no news; the trade closed by a refund after it is.
    clock.advance(5_000);
    await pull();
    expect(await exceptionsOf(ours.id)).toEqual([]);
    clock.advance(MIN);
    fake.touch(trade!.tid, clock.now(), { status: 'TRADE_CLOSED' });
    clock.advance(5_000);
    await pull();
    expect(await exceptionsOf(ours.id)).toEqual([
      {
        kind: 'platform-change',
        message: `Order ${ours.id} (${trade!.tid}) was cancelled on the platform but is shipped already: stop it at the pack bench or intercept it with the carrier · 平台已取消,订单已发货,请拦截`,
      },
    ]);
  });
});
