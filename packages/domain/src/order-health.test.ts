import { describe, expect, it } from 'vitest';
import { type HealthFacts, orderHealth } from './order-health';

const day: HealthFacts = {
  shouldShip: 200,
  shippedOnTime: 180,
  shipped: 190,
  signedWithin48h: 171,
  exceptions: 20,
  answeredWithin15m: 15,
  fieldsFilled: 5_320,
  fieldsRequired: 5_600,
  statusSyncs: 4_000,
  statusSyncsUnder30s: 3_800,
  customerQueries: 30,
  orders: 200,
};

describe('the order health index (M2.4) on fixed data', () => {
  it('computes each part from its ratios and weights', () => {
    const health = orderHealth(day);
    // 180/200 × 0.4 + 171/190 × 0.3 + 15/20 × 0.3 = 0.36 + 0.27 + 0.225
    expect(health.timeliness.value).toBeCloseTo(0.855, 10);
    // 5320/5600 × 0.5 + 3800/4000 × 0.5 = 0.475 + 0.475
    expect(health.data.value).toBeCloseTo(0.95, 10);
    // 30 / 200 × 100
    expect(health.experience.value).toBeCloseTo(15, 10);
    // 100 × (0.855 + 0.95 + 0.85) / 3 = 88.5
    expect(health.index).toBe(88.5);
    expect(health.timeliness.ratios.map((r) => [r.numerator, r.denominator, r.weight])).toEqual([
      [180, 200, 0.4],
      [171, 190, 0.3],
      [15, 20, 0.3],
    ]);
  });

  it('leaves out what is not recorded, scaling the other weights back', () => {
    const health = orderHealth({ ...day, signedWithin48h: null, customerQueries: null });
    // (0.36 + 0.225) / 0.7 = 0.835714…
    expect(health.timeliness.value).toBeCloseTo(0.585 / 0.7, 10);
    expect(health.timeliness.ratios[1]?.value).toBeNull();
    expect(health.experience.value).toBeNull();
    // 100 × (0.835714 + 0.95) / 2 = 89.3
    expect(health.index).toBe(89.3);
  });

  it('has no value without any data, and never divides by zero', () => {
    const empty = orderHealth({
      shouldShip: 0,
      shippedOnTime: 0,
      shipped: 0,
      signedWithin48h: 0,
      exceptions: 0,
      answeredWithin15m: 0,
      fieldsFilled: 0,
      fieldsRequired: 0,
      statusSyncs: 0,
      statusSyncsUnder30s: 0,
      customerQueries: 0,
      orders: 0,
    });
    expect(empty).toMatchObject({
      index: null,
      timeliness: { value: null },
      data: { value: null },
      experience: { value: null },
    });
  });

  it('floors the experience score at zero when queries exceed orders', () => {
    const health = orderHealth({ ...day, customerQueries: 400 });
    expect(health.experience.value).toBe(200);
    expect(health.index).toBe(Math.round(((0.855 + 0.95 + 0) / 3) * 1000) / 10);
  });
});
