import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { queryRows } from '../db/database';
import { aLoggedInDevice, aSeededAppPerFile } from '../testing/test-app';
import { testDatabases } from '../testing/test-databases';
import { pullConnector } from './pull-connector';
import { TestClock, aScriptedConnector } from './testing/connector-fixtures';
import { aPlatformOrder } from './testing/scripted-platform';
import type { PlatformOrder } from './platform';

describe.each(testDatabases())('later versions of platform orders on $name', (target) => {
  const fx = aSeededAppPerFile(target);
  const clock = new TestClock();

  /** A connector with one order taken in, and a way to send the platform's next version. */
  const anOrderTakenIn = async (overrides: Partial<PlatformOrder> = {}) => {
    const c = await aScriptedConnector(fx.database.db, clock);
    const order = aPlatformOrder(c.connector.cursor, { shopId: c.shopId, ...overrides });
    c.platform.place(order);
    clock.advance(1_000);
    await pullConnector(c.runtime, c.connector.id);
    const [row] = await queryRows<{ id: string }>(
      fx.database.db,
      sql`select id from orders where channel = 'taobao' and channel_order_id = ${order.platformOrderId}`,
    );
    const orderId = row!.id;
    const nextVersion = async (change: Partial<PlatformOrder>) => {
      clock.advance(5_000);
      c.platform.place({ ...order, ...change, modifiedAt: clock.now() });
      clock.advance(1_000);
      return pullConnector(c.runtime, c.connector.id);
    };
    return { ...c, order, orderId, nextVersion };
  };
  const orderRow = async (orderId: string) =>
    (
      await queryRows<{ status: string; city: string; addressDetail: string }>(
        fx.database.db,
        sql`select status, city, address_detail as "addressDetail" from orders where id = ${orderId}`,
      )
    )[0];
  const exceptionsOf = (orderId: string) =>
    queryRows<{ kind: string; message: string }>(
      fx.database.db,
      sql`select kind, message from exceptions where message like ${`Order ${orderId} %`}`,
    );

  it("applies the buyer's new address from the platform directly, before dispatch", async () => {
    const { order, orderId, nextVersion } = await anOrderTakenIn();
    const report = await nextVersion({
      receiver: {
        ...order.receiver,
        city: '宁波市',
        district: '鄞州区',
        detail: '天童南路 588 号',
      },
      addressChanged: true,
    });
    expect(report.taken.changed).toBe(1);
    expect(await orderRow(orderId)).toMatchObject({
      city: '宁波市',
      addressDetail: '天童南路588号',
    });
    const steps = await queryRows<{ kind: string }>(
      fx.database.db,
      sql`select kind from order_events where order_id = ${orderId} and kind = 'address-changed'`,
    );
    expect(steps).toHaveLength(1);
  });

  it('cancels ours when the platform cancels an order not yet picked', async () => {
    const { orderId, nextVersion } = await anOrderTakenIn();
    await nextVersion({ status: 'cancelled' });
    expect((await orderRow(orderId))?.status).toBe('cancelled');
    expect(await exceptionsOf(orderId)).toEqual([]);
  });

  it('raises an exception instead when the cancelled order was already picked', async () => {
    const { order, orderId, nextVersion } = await anOrderTakenIn();
    await fx.database.db.execute(sql`update orders set status = 'picked' where id = ${orderId}`);
    await nextVersion({ status: 'cancelled' });
    expect((await orderRow(orderId))?.status).toBe('picked');
    expect(await exceptionsOf(orderId)).toEqual([
      {
        kind: 'platform-change',
        message: `Order ${orderId} (${order.platformOrderId}) was cancelled on the platform but is picked already: stop it at the pack bench or intercept it with the carrier · 平台已取消,订单已拣货,请拦截`,
      },
    ]);
  });

  it('raises an exception when the platform changes the lines of an order it already sent', async () => {
    const { order, orderId, nextVersion } = await anOrderTakenIn();
    await nextVersion({
      lines: [{ code: 'TB-CUP-RED', qty: 2, unitPriceFen: 9_900 }],
      paidFen: 19_800,
    });
    expect((await exceptionsOf(orderId)).map((e) => e.kind)).toEqual(['platform-change']);
    const again = await nextVersion({
      lines: [{ code: 'TB-CUP-RED', qty: 2, unitPriceFen: 9_900 }],
      paidFen: 19_800,
    });
    expect([again.taken.changed, (await exceptionsOf(orderId)).length]).toEqual([0, 1]);
    expect(order.platformOrderId).toHaveLength(19);
  });

  it('parks an order whose platform code is not mapped, and takes it once the buyer has paid', async () => {
    const c = await aScriptedConnector(fx.database.db, clock);
    const unpaid = aPlatformOrder(c.connector.cursor, { shopId: c.shopId, status: 'unpaid' });
    const unmapped = aPlatformOrder(c.connector.cursor, {
      shopId: c.shopId,
      lines: [{ code: 'TB-MUG-蓝', qty: 1, unitPriceFen: 9_900 }],
    });
    c.platform.place(unpaid);
    c.platform.place(unmapped);
    clock.advance(1_000);
    const first = await pullConnector(c.runtime, c.connector.id);
    expect([first.taken.parked, first.taken.accepted]).toEqual([1, 0]);
    const parked = await queryRows<{ codes: string[] }>(
      fx.database.db,
      sql`select unmapped_codes as codes from sku_reviews where channel_order_id = ${unmapped.platformOrderId}`,
    );
    expect(parked).toEqual([{ codes: ['TB-MUG-蓝'] }]);
    clock.advance(5_000);
    c.platform.place({ ...unpaid, status: 'awaiting-shipment', modifiedAt: clock.now() });
    clock.advance(1_000);
    expect((await pullConnector(c.runtime, c.connector.id)).taken.accepted).toBe(1);
  });

  it('tells masked receivers apart by their platform token, and one receiver by the same token', async () => {
    const c = await aScriptedConnector(fx.database.db, clock);
    const masked = (token: string) =>
      aPlatformOrder(c.connector.cursor, {
        shopId: c.shopId,
        receiver: {
          name: '张**',
          phone: '138****0000',
          province: '浙江省',
          city: '杭州市',
          district: '余杭区',
          detail: '五常街道**',
          masked: true,
          receiverToken: token,
        },
      });
    const orders = [masked('oaid-A1b2'), masked('oaid-C3d4'), masked('oaid-A1b2')];
    orders.forEach((o) => c.platform.place(o));
    clock.advance(1_000);
    const report = await pullConnector(c.runtime, c.connector.id);
    expect(report.taken.accepted).toBe(3);
    const phones = await queryRows<{ channelOrderId: string; phone: string }>(
      fx.database.db,
      sql`select channel_order_id as "channelOrderId", phone from orders
          where channel = 'taobao' and channel_order_id in (${orders[0]!.platformOrderId}, ${orders[1]!.platformOrderId}, ${orders[2]!.platformOrderId})`,
    );
    const phoneOf = (o: PlatformOrder) =>
      phones.find((p) => p.channelOrderId === o.platformOrderId)?.phone;
    expect(phoneOf(orders[0]!)).toMatch(/^138\d{4}0000$/);
    expect(phoneOf(orders[0]!)).toBe(phoneOf(orders[2]!));
    expect(phoneOf(orders[0]!)).not.toBe(phoneOf(orders[1]!));
  });

  it('follows an order a person sent on from SKU review: the platform cancelling it cancels ours', async () => {
    const c = await aScriptedConnector(fx.database.db, clock);
    const order = aPlatformOrder(c.connector.cursor, {
      shopId: c.shopId,
      lines: [{ code: 'TB-LID-绿', qty: 1, unitPriceFen: 9_900 }],
    });
    c.platform.place(order);
    clock.advance(1_000);
    expect((await pullConnector(c.runtime, c.connector.id)).taken.parked).toBe(1);
    const admin = (await aLoggedInDevice(fx.app, 'A-0001')).token;
    const asAdmin = (path: string, body: unknown) =>
      fx.app.request(path, {
        method: path.endsWith('send') ? 'POST' : 'PUT',
        headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    await asAdmin('/api/admin/channel-sku-codes', {
      channel: 'taobao',
      code: 'TB-LID-绿',
      skuId: 'SKU-00121',
    });
    expect((await asAdmin('/api/admin/sku-reviews/send', {})).status).toBe(200);
    clock.advance(5_000);
    c.platform.place({ ...order, status: 'cancelled', modifiedAt: clock.now() });
    clock.advance(1_000);
    await pullConnector(c.runtime, c.connector.id);
    const [ours] = await queryRows<{ status: string }>(
      fx.database.db,
      sql`select status from orders where channel = 'taobao' and channel_order_id = ${order.platformOrderId}`,
    );
    expect(ours?.status).toBe('cancelled');
  });

  it('drops a parked order the platform cancelled before anyone mapped its code', async () => {
    const c = await aScriptedConnector(fx.database.db, clock);
    const order = aPlatformOrder(c.connector.cursor, {
      shopId: c.shopId,
      lines: [{ code: 'TB-NEVER-MAPPED', qty: 1, unitPriceFen: 9_900 }],
    });
    c.platform.place(order);
    clock.advance(1_000);
    await pullConnector(c.runtime, c.connector.id);
    const parked = () =>
      queryRows(
        fx.database.db,
        sql`select id from sku_reviews where channel_order_id = ${order.platformOrderId}`,
      );
    expect(await parked()).toHaveLength(1);
    clock.advance(5_000);
    c.platform.place({ ...order, status: 'cancelled', modifiedAt: clock.now() });
    clock.advance(1_000);
    await pullConnector(c.runtime, c.connector.id);
    expect(await parked()).toEqual([]);
  });
});
