import type { HoldRule } from '@wms/protocol';
import { describe, expect, it } from 'vitest';
import { DEFAULT_HOLD_RULES } from './default-rules';
import { evaluateHolds, type HoldContext } from './hold-rules';
import type { OrderFacts } from './order-facts';

const rules: HoldRule[] = DEFAULT_HOLD_RULES.map((r) => r.rule);
const calm: HoldContext = { sameIdOrdersToday: 1, sameAddressOrdersInWindow: 1, peak: false };
const order = (o: Partial<OrderFacts> = {}): OrderFacts => ({
  channel: 'taobao',
  province: '浙江省',
  city: '杭州市',
  district: '西湖区',
  addressText: '浙江省杭州市西湖区文三路 1 号',
  regionGroup: 'east',
  paidCents: 10_000,
  vip: false,
  lines: [
    { skuId: 'SKU-1', category: 'apparel', qty: 1, unitPriceCents: 10_000, costCents: 8_000 },
  ],
  ...o,
});
const line = (unitPriceCents: number, costCents: number | null = null) => [
  { skuId: 'SKU-1', category: 'auto', qty: 1, unitPriceCents, costCents },
];
const kinds = (o: OrderFacts, ctx: Partial<HoldContext> = {}) =>
  evaluateHolds(o, { ...calm, ...ctx }, rules).map((h) => `${h.kind}:${h.action}`);

describe('the seeds hold rules (M4)', () => {
  it.each<[string, OrderFacts, Partial<HoldContext>, string[]]>([
    ['an ordinary order passes', order(), {}, []],
    [
      'M4.1 a 4th order with one ID in a day is held',
      order(),
      { sameIdOrdersToday: 4 },
      ['id-daily-orders:hold'],
    ],
    ['M4.1 the 3rd is not', order(), { sameIdOrdersToday: 3 }, []],
    [
      'M4.2 驿站 and ¥500.01 is held',
      order({ addressText: '杭州市菜鸟驿站', paidCents: 50_001 }),
      {},
      ['pickup-station-amount:hold'],
    ],
    [
      'M4.2 代收点 at exactly ¥500 is not',
      order({ addressText: '代收点', paidCents: 50_000 }),
      {},
      [],
    ],
    [
      'M4.3 unit price ¥200.01 needs a signature',
      order({ lines: line(20_001) }),
      {},
      ['signature-unit-price:flag'],
    ],
    ['M4.3 ¥200 does not', order({ lines: line(20_000) }), {}, []],
    [
      'M4.4 sold 20% below cost is held',
      order({ lines: line(8_000, 10_000) }),
      {},
      ['promo-cost-deviation:hold'],
    ],
    ['M4.4 sold 10% below cost is not', order({ lines: line(9_000, 10_000) }), {}, []],
    [
      'M4.5 the 5th order to one address in 30 min is held',
      order(),
      { sameAddressOrdersInWindow: 5 },
      ['repeat-same-address:hold'],
    ],
    ['M4.5 the 4th is not', order(), { sameAddressOrdersInWindow: 4 }, []],
    [
      'M4.6 暂不配送 in the address is held',
      order({ addressText: '文三路 1 号 暂不配送' }),
      {},
      ['address-keywords:hold'],
    ],
    [
      'M4.8 a VIP order in a peak goes to review',
      order({ vip: true }),
      { peak: true },
      ['peak-protection:hold'],
    ],
    [
      'M4.8 a ¥1000 order in a peak goes to review',
      order({ paidCents: 100_000 }),
      { peak: true },
      ['peak-protection:hold'],
    ],
    ['M4.8 an ordinary order in a peak queues', order(), { peak: true }, []],
  ])('%s', (_name, o, ctx, expected) => expect(kinds(o, ctx)).toEqual(expected));
});
