import type { HoldRule, RoutingRule } from '@wms/protocol';

/**
 * The hold rules of the seeds (M4), loaded as defaults; an admin edits them in the database.
 * The peak high-value threshold is ours (the seeds name no figure).
 */
export const DEFAULT_HOLD_RULES: readonly { id: string; rule: HoldRule }[] = [
  { id: 'M4.1', rule: { kind: 'id-daily-orders', maxPerDay: 3 } },
  {
    id: 'M4.2',
    rule: { kind: 'pickup-station-amount', keywords: ['驿站', '代收点'], minAmountCents: 50_000 },
  },
  { id: 'M4.3', rule: { kind: 'signature-unit-price', minUnitPriceCents: 20_000 } },
  { id: 'M4.4', rule: { kind: 'promo-cost-deviation', maxDeviationPct: 15 } },
  { id: 'M4.5', rule: { kind: 'repeat-same-address', count: 5, windowMinutes: 30 } },
  {
    id: 'M4.6',
    rule: {
      kind: 'address-keywords',
      keywords: ['暂不配送', '不要配送', '勿送', '拒收', 'do not deliver'],
    },
  },
  {
    id: 'M4.8',
    rule: { kind: 'peak-protection', lagMinutes: 15, sustainMinutes: 5, highValueCents: 100_000 },
  },
];

/** The engine assemblies of the demo catalogue (发动机总成, every variant). */
export const ENGINE_ASSEMBLY_SKUS = Array.from(
  { length: 12 },
  (_, i) => `SKU-${String(97 + i).padStart(5, '0')}`,
);

/** The routing rules of the seeds (M3.4), as defaults. */
export const DEFAULT_ROUTING_RULES: readonly RoutingRule[] = [
  {
    id: 'R-XS-OWN',
    priority: 10,
    name: 'Hangzhou Xiaoshan + unit price > 500 + engine assembly → own warehouse',
    conditions: {
      cities: ['杭州市'],
      districts: ['萧山区'],
      minUnitPriceCents: 50_000,
      skuIds: ENGINE_ASSEMBLY_SKUS,
    },
    warehouseId: 'HZ',
    carrier: 'SF',
    enabled: true,
  },
  {
    // The seeds' own example of entering a rule: "订单金额≥2000 AND 收货地=浙江省杭州市西湖区 → 直发自营仓".
    id: 'R-XH-OWN',
    priority: 15,
    name: 'Hangzhou Xihu + order amount ≥ 2000 → own warehouse',
    conditions: { cities: ['杭州市'], districts: ['西湖区'], minAmountCents: 200_000 },
    warehouseId: 'HZ',
    carrier: 'SF',
    enabled: true,
  },
  {
    id: 'R-XS-CLOUD',
    priority: 20,
    name: 'Hangzhou Xiaoshan, other orders → third-party cloud warehouse',
    conditions: { cities: ['杭州市'], districts: ['萧山区'] },
    warehouseId: 'HZCLOUD',
    carrier: 'ZTO',
    enabled: true,
  },
  {
    id: 'R-CD',
    priority: 30,
    name: 'Central and South-West China → Chengdu',
    conditions: { regions: ['central', 'south-west'] },
    warehouseId: 'CD',
    carrier: 'YTO',
    enabled: true,
  },
  {
    id: 'R-GZ',
    priority: 100,
    name: 'Every other recognised region → Guangzhou',
    conditions: { regions: ['north', 'north-east', 'east', 'south', 'north-west'] },
    warehouseId: 'GZ',
    carrier: 'ZTO',
    enabled: true,
  },
];
