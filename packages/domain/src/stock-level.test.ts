import { describe, expect, it } from 'vitest';
import {
  availableQty,
  isBelowSafetyLevel,
  isPeak,
  isSuspectedDuplicate,
  poolDrift,
} from './stock-level';

describe('availableQty (M3.6)', () => {
  it.each([
    [100, 30, 20, 8000, 86],
    [100, 30, 20, 5000, 80],
    [0, 0, 3, 5000, 1],
    [5, 5, 0, 8000, 0],
  ])('%i − %i + %i × %i bp → %i', (physical, reserved, inbound, inboundCoefficientBp, out) =>
    expect(availableQty({ physical, reserved, inbound, inboundCoefficientBp })).toBe(out),
  );

  it('an expired lot in the bins is physical but not available (issue 16)', () =>
    expect(
      availableQty({
        physical: 100,
        expired: 2,
        reserved: 30,
        inbound: 20,
        inboundCoefficientBp: 8000,
      }),
    ).toBe(84));
});

describe('isBelowSafetyLevel (M3.7)', () => {
  it.each([
    [14, 70, true],
    [15, 70, false],
    [0, 0, false],
  ])('available %i, sold %i in 7 days → %s', (available, sold, below) =>
    expect(isBelowSafetyLevel(available, sold, 7, 1.5)).toBe(below),
  );
});

describe('isSuspectedDuplicate (M3.3)', () => {
  const at = (min: number) => new Date(Date.UTC(2026, 10, 22, 10, min));
  const a = { phone: '13800138000', skuIds: ['S1', 'S2'], placedAt: at(0) };
  it.each([
    ['same phone and SKU 4 min apart', { ...a, skuIds: ['S2'], placedAt: at(4) }, true],
    ['exactly 5 min apart', { ...a, placedAt: at(5) }, true],
    ['6 min apart', { ...a, placedAt: at(6) }, false],
    ['another phone', { ...a, phone: '13900139000' }, false],
    ['no SKU in common', { ...a, skuIds: ['S3'] }, false],
  ])('%s → %s', (_n, b, dup) => expect(isSuspectedDuplicate(a, b, 5 * 60_000)).toBe(dup));
});

describe('isPeak (M4.8)', () => {
  const now = new Date(Date.UTC(2026, 10, 22, 10, 10));
  const ago = (min: number, lagMin: number) => ({
    at: new Date(now.getTime() - min * 60_000),
    lagMs: lagMin * 60_000,
  });
  it.each([
    ['lag above 15 min for 5 min', [ago(5, 16), ago(2, 20), ago(0, 17)], true],
    ['one sample back under', [ago(5, 16), ago(2, 10), ago(0, 17)], false],
    ['lag only for a minute', [ago(1, 30), ago(0, 30)], false],
    ['no intake at all', [], false],
  ])('%s → %s', (_n, samples, peak) =>
    expect(isPeak(samples, now, 15 * 60_000, 5 * 60_000)).toBe(peak),
  );
});

describe('poolDrift (pool vs bins)', () => {
  it.each([
    [{ physical: 100, inBins: 100, inHand: 0 }, 0],
    [{ physical: 100, inBins: 97, inHand: 3 }, 0],
    [{ physical: 100, inBins: 90, inHand: 8 }, 2],
    [{ physical: 95, inBins: 97, inHand: 3 }, -5],
  ])('%o → %i', (balance, drift) => {
    expect(poolDrift(balance)).toBe(drift);
  });
});
