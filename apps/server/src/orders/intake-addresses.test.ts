import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../db/database';
import { anIntegrationKey, anOrder } from '../testing/hub-fixtures';
import { aLoggedInDevice, aSeededAppPerFile, bodyOf, postJson } from '../testing/test-app';
import { testDatabases } from '../testing/test-databases';

interface Accepted {
  orderId: string;
  status: string;
  holds: string[];
}

describe.each(testDatabases())('addresses, phones and ID numbers at intake on $name', (target) => {
  const fx = aSeededAppPerFile(target);
  let key = '';
  beforeAll(async () => {
    key = await anIntegrationKey(fx.database.db);
  });
  const send = async (order: unknown) => postJson(fx.app, '/api/orders', order, key);
  const accept = async (order: unknown) => bodyOf<Accepted>(await send(order));
  const line = (n: number) => [
    { skuId: `SKU-${String(n).padStart(5, '0')}`, qty: 1, unitPriceCents: 9_900 },
  ];
  const stored = async (orderId: string) =>
    (
      await queryRows<Record<string, unknown>>(
        fx.database.db,
        sql`select phone, id_number, province, city, district, address_detail
            from orders where id = ${orderId}`,
      )
    )[0];

  it('accepts a B2B landline with area code and extension, in one spelling', async () => {
    const res = await send(
      anOrder({
        consignee: { name: '汽修厂', phone: '(0571) 8888 1234 转 802' },
        lines: line(201),
      }),
    );
    expect(res.status).toBe(201);
    const { orderId } = await bodyOf<Accepted>(res);
    expect((await stored(orderId))?.phone).toBe('0571-88881234-802');
  });

  it('takes a one-line marketplace address apart, without the province and with short forms', async () => {
    const { orderId, status } = await accept({
      ...anOrder({ lines: line(202) }),
      address: { text: '杭州 滨江 江南大道 3850 号' },
    });
    expect(status).toBe('received');
    expect(await stored(orderId)).toMatchObject({
      province: '浙江省',
      city: '杭州市',
      district: '滨江区',
      address_detail: '江南大道3850号',
    });
  });

  it('cleans districts and cities of the whole table: 湖州 吴兴, 晋中 榆次', async () => {
    const a = await accept(
      anOrder({
        address: { province: '浙江', city: '湖州', district: '吴兴', detail: '人民路 1 号' },
        lines: line(203),
      }),
    );
    const b = await accept(
      anOrder({
        address: { province: '山西', city: '晋中', district: '榆次', detail: '顺城街 2 号' },
        lines: line(204),
      }),
    );
    expect([await stored(a.orderId), await stored(b.orderId)]).toMatchObject([
      { province: '浙江省', city: '湖州市', district: '吴兴区' },
      { province: '山西省', city: '晋中市', district: '榆次区' },
    ]);
  });

  it('holds 朝阳区 with no city for review, naming both places, instead of guessing', async () => {
    const held = await accept({
      ...anOrder({ lines: line(205) }),
      address: { text: '朝阳区建国路 88 号' },
    });
    expect([held.status, held.holds]).toEqual(['held', ['address-review']]);
    const supervisor = (await aLoggedInDevice(fx.app, 'S-0001')).token;
    const queue = await bodyOf<{ holds: { orderId: string; kind: string; evidence: string }[] }>(
      await fx.app.request('/api/holds', { headers: { authorization: `Bearer ${supervisor}` } }),
    );
    expect(queue.holds.find((h) => h.orderId === held.orderId)).toMatchObject({
      kind: 'address-review',
      evidence:
        'district "朝阳区" is in 北京市 朝阳区 / 吉林省 长春市 朝阳区: confirm the address with the buyer',
    });
  });

  it('M4.5 is not bypassed by alternating 滨江 and 滨江区, nor spaces in the street', async () => {
    const statuses: string[] = [];
    for (let i = 0; i < 5; i++) {
      const order = anOrder({
        customerId: 'cust-binjiang',
        address: {
          province: i % 2 ? '浙江省' : '浙江',
          city: i % 2 ? '杭州市' : '杭州',
          district: i % 2 ? '滨江区' : '滨江',
          detail: i % 2 ? '江南大道 3850 号' : '江南大道3850号',
        },
        lines: line(210 + i),
      });
      statuses.push((await accept(order)).status);
    }
    expect(statuses).toEqual(['received', 'received', 'received', 'received', 'held']);
  });

  it('M4.1 counts an ID number ending x and X as one person', async () => {
    const holds: string[][] = [];
    for (let i = 0; i < 4; i++) {
      const idNumber = i % 2 ? '11010519491231002X' : '11010519491231002x';
      const order = anOrder({
        consignee: { name: '李娜', phone: `1370000000${i}`, idNumber },
        lines: line(220 + i),
      });
      holds.push((await accept(order)).holds);
    }
    expect(holds).toEqual([[], [], [], ['id-daily-orders']]);
  });

  it('refuses an ID number whose check digit is wrong, naming the field; nothing is stored', async () => {
    const order = anOrder({
      channelOrderId: 'BAD-ID-1',
      consignee: { name: '李娜', phone: '13700000009', idNumber: '110105194912310021' },
    });
    const res = await send(order);
    expect(res.status).toBe(400);
    expect(JSON.stringify(await bodyOf(res))).toContain('consignee.idNumber');
    const rows = await queryRows(
      fx.database.db,
      sql`select id from orders where channel_order_id = 'BAD-ID-1'`,
    );
    expect(rows).toEqual([]);
  });
});
