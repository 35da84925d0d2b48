import { beforeAll, describe, expect, it } from 'vitest';
import { anIntegrationKey, anOrder } from '../testing/hub-fixtures';
import { aSeededAppPerFile, bodyOf, postJson } from '../testing/test-app';
import { testDatabases } from '../testing/test-databases';

interface Accepted {
  orderId: string;
  status: string;
  holds: string[];
  mergedInto: string | null;
}

/** Count rules (M4.1, M4.5) under concurrency, and the rules on a dedup merge (M3.3 + M4). */
describe.each(testDatabases())('hold rules under concurrency on $name', (target) => {
  const fx = aSeededAppPerFile(target);
  let key = '';
  beforeAll(async () => {
    key = await anIntegrationKey(fx.database.db);
  });
  const sku = (n: number) => `SKU-${String(n).padStart(5, '0')}`;
  const sendAtOnce = (orders: ReturnType<typeof anOrder>[]) =>
    Promise.all(
      orders.map(async (o) => bodyOf<Accepted>(await postJson(fx.app, '/api/orders', o, key))),
    );

  it('M4.1: 8 orders of one ID number at the same moment: 3 pass, 5 are held', async () => {
    const idNumber = '440305199202023456';
    const answers = await sendAtOnce(
      Array.from({ length: 8 }, (_, i) =>
        anOrder({
          consignee: { name: '李雷', phone: `1370000${String(1000 + i)}`, idNumber },
          lines: [{ skuId: sku(140 + i), qty: 1, unitPriceCents: 9_900 }],
        }),
      ),
    );
    const held = answers.filter((a) => a.holds.includes('id-daily-orders'));
    expect(answers.filter((a) => a.status === 'received')).toHaveLength(3);
    expect(held).toHaveLength(5);
  });

  it('M4.5: 8 orders of one customer to one address at once: 4 pass, 4 are held', async () => {
    const address = {
      province: '广东省',
      city: '广州市',
      district: '天河区',
      detail: '体育西路 9 号',
    };
    const answers = await sendAtOnce(
      Array.from({ length: 8 }, (_, i) =>
        anOrder({
          customerId: 'cust-race-address',
          address,
          consignee: { name: '韩梅', phone: `1360000${String(1000 + i)}` },
          lines: [{ skuId: sku(150 + i), qty: 1, unitPriceCents: 9_900 }],
        }),
      ),
    );
    expect(answers.filter((a) => a.holds.includes('repeat-same-address'))).toHaveLength(4);
    expect(answers.filter((a) => a.status === 'received')).toHaveLength(4);
  });

  it('a duplicate shipping together is checked by the rules on its own amounts', async () => {
    const common = {
      consignee: { name: '赵敏', phone: '13800138123' },
      address: { province: '广东', city: '深圳', district: '南山区', detail: '菜鸟驿站 7 号柜' },
      lines: [{ skuId: sku(160), qty: 1, unitPriceCents: 30_000 }],
      paidCents: 30_000,
    };
    const [first] = await sendAtOnce([anOrder(common)]);
    expect(first).toMatchObject({ status: 'received', holds: [] });
    const [second] = await sendAtOnce([anOrder(common)]);
    expect(second).toMatchObject({ mergedInto: first?.orderId, status: 'received', holds: [] });
  });
});
