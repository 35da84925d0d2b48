import { describe, expect, it } from 'vitest';
import { DEFAULT_ROUTING_RULES } from './default-rules';
import { buildDivisionIndex } from './regions/division-index';
import { cleanAddress } from './regions/resolve-address';
import { SAMPLE_DIVISIONS } from './regions/sample-divisions';
import type { OrderFacts } from './order-facts';
import { routeOrder } from './routing';

const regions = buildDivisionIndex(SAMPLE_DIVISIONS);

const order = (
  province: string,
  city: string,
  district: string,
  unitPriceCents = 10_000,
  skuId = 'SKU-00001',
): OrderFacts => {
  const clean = cleanAddress(regions, { province, city, district });
  return {
    channel: 'jd',
    province: clean.province,
    city: clean.city,
    district: clean.district,
    addressText: '',
    regionGroup: clean.group,
    paidCents: unitPriceCents,
    vip: false,
    lines: [{ skuId, category: 'auto', qty: 1, unitPriceCents, costCents: null }],
  };
};
const routed = (o: OrderFacts) => routeOrder(o, DEFAULT_ROUTING_RULES)?.rule.id ?? 'manual';

describe('the seeds routing rules (M3.4)', () => {
  it.each([
    [
      'Xiaoshan, ¥600 engine assembly → own warehouse',
      order('浙江', '杭州', '萧山区', 60_000, 'SKU-00097'),
      'R-XS-OWN',
    ],
    [
      'Xiaoshan, ¥500 engine assembly → cloud warehouse',
      order('浙江', '杭州', '萧山区', 50_000, 'SKU-00097'),
      'R-XS-CLOUD',
    ],
    [
      'Xiaoshan, ¥600 brake pads → cloud warehouse',
      order('浙江省', '杭州市', '萧山区', 60_000),
      'R-XS-CLOUD',
    ],
    ['Hangzhou Xihu → Guangzhou', order('浙江省', '杭州市', '西湖区'), 'R-GZ'],
    [
      'Hangzhou Xihu, ¥2000 order → own warehouse',
      order('浙江', '杭州', '西湖区', 200_000),
      'R-XH-OWN',
    ],
    [
      'Hangzhou Xihu, ¥1999.99 order → Guangzhou',
      order('浙江省', '杭州市', '西湖区', 199_999),
      'R-GZ',
    ],
    ['Wuhan (central) → Chengdu', order('湖北', '武汉', '江汉区'), 'R-CD'],
    ['Chongqing (south-west) → Chengdu', order('重庆', '重庆', '渝中区'), 'R-CD'],
    ['Kunming (south-west) → Chengdu', order('云南省', '昆明市', '五华区'), 'R-CD'],
    ['Beijing → Guangzhou', order('北京', '北京', '朝阳区'), 'R-GZ'],
    ['Shenzhen → Guangzhou', order('广东', '深圳', '南山区'), 'R-GZ'],
    ['an unknown region → manual queue', order('火星', '奥林帕斯', '一区'), 'manual'],
  ])('%s', (_name, o, rule) => expect(routed(o)).toBe(rule));

  it('says why a rule matched', () => {
    expect(routeOrder(order('湖北', '武汉', '江汉区'), DEFAULT_ROUTING_RULES)?.reason).toBe(
      'region central',
    );
  });

  it('skips a disabled rule', () => {
    const rules = DEFAULT_ROUTING_RULES.map((r) =>
      r.id === 'R-CD' ? { ...r, enabled: false } : r,
    );
    expect(routeOrder(order('湖北', '武汉', '江汉区'), rules)).toBeNull();
  });
});
