import { describe, expect, it } from 'vitest';
import {
  checkPackScan,
  expectedParcelGrams,
  findBox,
  parseScaleReading,
  unitsToPack,
  weightMatches,
} from './pack-check';

const order = [
  { skuId: 'SKU-MILK-900', qty: 2 },
  { skuId: 'SKU-DIAPER-L', qty: 1 },
];

describe('pack bench rules', () => {
  it('accepts a unit the order still needs, refuses one not on it or one too many', () => {
    expect(checkPackScan(order, [], 'SKU-MILK-900')).toBe('ok');
    expect(checkPackScan(order, [{ skuId: 'SKU-MILK-900', qty: 2 }], 'SKU-MILK-900')).toBe('extra');
    expect(checkPackScan(order, [], 'SKU-WIPES-80')).toBe('not-in-order');
    expect([...unitsToPack(order, [{ skuId: 'SKU-MILK-900', qty: 1 }])]).toEqual([
      ['SKU-MILK-900', 1],
      ['SKU-DIAPER-L', 1],
    ]);
  });

  it('expects the units by SKU weight plus the box, within 5 % or 30 g', () => {
    const grams = new Map([
      ['SKU-MILK-900', 1050],
      ['SKU-DIAPER-L', 820],
    ]);
    const expected = expectedParcelGrams(order, grams, findBox('box-m')!);
    expect(expected).toBe(2 * 1050 + 820 + 220);
    const tolerance = { pct: 5, minGrams: 30 };
    expect(weightMatches(expected, expected + 157, tolerance)).toBe(true);
    expect(weightMatches(expected, expected + 158, tolerance)).toBe(false);
    expect(weightMatches(100, 131, tolerance)).toBe(false);
    expect(weightMatches(100, 130, tolerance)).toBe(true);
  });

  it('reads what a keyboard-wedge scale types', () => {
    expect(parseScaleReading('1.235')).toBe(1235);
    expect(parseScaleReading('1.2kg')).toBe(1200);
    expect(parseScaleReading('1235 g')).toBe(1235);
    expect(parseScaleReading('980')).toBe(980);
    expect(parseScaleReading('SF1234567890')).toBeNull();
    expect(parseScaleReading('0')).toBeNull();
  });
});
