import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../db/database';
import { aChannelKey, anIntegrationKey, anOrder } from '../testing/hub-fixtures';
import { aLoggedInDevice, aSeededAppPerFile, bodyOf, postJson } from '../testing/test-app';
import { testDatabases } from '../testing/test-databases';

interface Answer {
  orderId: string;
  status: string;
  outcome: string;
  confirmationUrl: string | null;
}
interface Trace {
  order: {
    status: string;
    province: string;
    city: string;
    district: string;
    addressDetail: string;
  };
  timeline: { kind: string; detail: Record<string, unknown> }[];
}

/** M4.7 (issue 21): the customer confirms an address change on a signed page; then it changes. */
describe.each(testDatabases())('address changes on $name', (target) => {
  const fx = aSeededAppPerFile(target);
  let key = '';
  let supervisor = '';
  beforeAll(async () => {
    key = await anIntegrationKey(fx.database.db);
    supervisor = (await aLoggedInDevice(fx.app, 'S-0001')).token;
  });
  const shenzhen = {
    consignee: { name: '黄丽娟', phone: '13926001234' },
    address: {
      province: '广东省',
      city: '深圳市',
      district: '南山区',
      detail: '科技园科苑路 15 号',
    },
  };
  const placeOrder = async (skuId: string) =>
    bodyOf<{ orderId: string }>(
      await postJson(
        fx.app,
        '/api/orders',
        anOrder({ ...shenzhen, lines: [{ skuId, qty: 1, unitPriceCents: 9_900 }] }),
        key,
      ),
    );
  const change = async (orderId: string, body: Record<string, unknown>, as = key) =>
    postJson(fx.app, `/api/holds/orders/${orderId}/address-change`, body, as);
  const trace = async (orderId: string) =>
    bodyOf<Trace>(
      await fx.app.request(`/api/orders/${orderId}/trace`, {
        headers: { authorization: `Bearer ${supervisor}` },
      }),
    );
  const openHolds = async (orderId: string) =>
    (
      await queryRows<{ kind: string }>(
        fx.database.db,
        sql`select kind from order_holds where order_id = ${orderId} and status = 'open'`,
      )
    ).map((h) => h.kind);
  const answer = (url: string, decision: string) =>
    fx.app.request(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ decision, lang: 'zh-CN' }).toString(),
    });

  it('holds once, replaces the pending request, and on confirm changes, cleans and re-routes the address', async () => {
    const { orderId } = await placeOrder('SKU-00281');
    const first = await bodyOf<Answer>(
      await change(orderId, { newAddress: '广州市天河区体育西路 191 号' }),
    );
    expect(first).toMatchObject({ status: 'held', outcome: 'hold' });
    const second = await bodyOf<Answer>(
      await change(orderId, { newAddress: '广州 天河区 天河路 385 号 太古汇 2 座' }),
    );
    expect(await openHolds(orderId)).toEqual(['address-change']);
    // The replaced request's link opens nothing.
    expect((await fx.app.request(first.confirmationUrl!)).status).toBe(404);
    const [sent] = await queryRows<{ link: string }>(
      fx.database.db,
      sql`select payload->'data'->>'link' as link from webhook_messages
          where type = 'order.address-confirmation-requested' and order_id = ${orderId}
          order by created_at desc, id limit 1`,
    );
    expect(sent?.link).toBe(second.confirmationUrl);

    const page = await fx.app.request(second.confirmationUrl!, {
      headers: { 'accept-language': 'en-US,en;q=0.9,zh-CN;q=0.5' },
    });
    const text = await page.text();
    expect(page.status).toBe(200);
    expect(text).toContain('Confirm your new delivery address');
    expect(text).toContain('广东省深圳市南山区科技****');
    expect(text).toContain('广州 天河区 天河路 385 号 太古汇 2 座');
    expect(text).not.toContain('科苑路');
    expect(text).not.toContain('13926001234');
    expect(await (await fx.app.request(`${second.confirmationUrl!}?lang=zh-CN`)).text()).toContain(
      '确认新的收货地址',
    );

    const done = await answer(second.confirmationUrl!, 'confirm');
    expect(await done.text()).toContain('地址已修改');
    const after = await trace(orderId);
    expect(after.order).toMatchObject({
      status: 'received',
      province: '广东省',
      city: '广州市',
      district: '天河区',
      addressDetail: '天河路385号太古汇2座',
    });
    expect(after.timeline.find((t) => t.kind === 'address-changed')?.detail).toMatchObject({
      from: '广东省深圳市南山区科技园科苑路15号',
      to: '广东省广州市天河区天河路385号太古汇2座',
    });
    expect(await openHolds(orderId)).toEqual([]);
    // Answered: the link is spent.
    expect((await answer(second.confirmationUrl!, 'confirm')).status).toBe(404);
  });

  it('reject releases the change hold and keeps the old address', async () => {
    const { orderId } = await placeOrder('SKU-00282');
    const asked = await bodyOf<Answer>(
      await change(orderId, {
        newAddress: {
          province: '北京',
          city: '北京',
          district: '海淀区',
          detail: '中关村大街 1 号',
        },
      }),
    );
    expect(await (await answer(asked.confirmationUrl!, 'reject')).text()).toContain('已保留原地址');
    const after = await trace(orderId);
    expect(after.order).toMatchObject({ status: 'received', city: '深圳市', district: '南山区' });
    expect(await openHolds(orderId)).toEqual([]);
  });

  it("a marketplace's confirmed change applies at once and is checked again by the hold rules", async () => {
    const { orderId } = await placeOrder('SKU-00283');
    const refused = await change(orderId, { newAddress: '广州市越秀区 1 号', source: 'platform' });
    expect(refused.status).toBe(400);
    expect((await bodyOf(refused)).error.fields?.[0]?.path).toBe('source');
    const taobao = await aChannelKey(fx.database.db, 'taobao');
    const applied = await bodyOf<Answer>(
      await change(
        orderId,
        { newAddress: '广东省广州市越秀区中山五路 33 号 暂不配送', source: 'platform' },
        taobao,
      ),
    );
    expect(applied).toMatchObject({ outcome: 'applied', status: 'held', confirmationUrl: null });
    expect(await openHolds(orderId)).toEqual(['address-keywords']);
    expect((await trace(orderId)).order).toMatchObject({ city: '广州市', district: '越秀区' });
  });

  it('the page is rate-limited per link', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++)
      statuses.push(
        (await fx.app.request('/api/address-confirmations/eyJwIjoiYSJ9.forged')).status,
      );
    expect(statuses.slice(0, 20).every((s) => s === 404)).toBe(true);
    expect(statuses[20]).toBe(429);
  });
});
