import { describe, expect, it } from 'vitest';
import { percentile, pickerRates, redAlertsRaised } from './floor-kpis';

const thresholds = { ordersWaiting: 800, returnRateRisePct: 20, syncLagP95Seconds: 60 };

describe('floor KPIs on fixed data', () => {
  it('takes the nearest-rank percentile', () => {
    const lags = Array.from({ length: 20 }, (_, i) => i + 1); // 1..20 s
    expect(percentile(lags, 95)).toBe(19);
    expect(percentile(lags, 100)).toBe(20);
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([], 95)).toBeNull();
  });

  it('gives a picker’s lines and units per hour, mis-scan and short rates', () => {
    expect(
      pickerRates({ lines: 30, units: 45, misScans: 2, scans: 62, shorts: 1, activeMinutes: 40 }),
    ).toEqual({ linesPerHour: 45, unitsPerHour: 67.5, misScanRate: 0.032, shortRate: 0.032 });
    expect(
      pickerRates({ lines: 0, units: 0, misScans: 0, scans: 0, shorts: 0, activeMinutes: 0 }),
    ).toEqual({ linesPerHour: null, unitsPerHour: null, misScanRate: null, shortRate: null });
  });

  it('gives no rate per hour before the minimum active window (10 lines in 1.5 min)', () => {
    const work = { lines: 10, units: 12, misScans: 0, scans: 10, shorts: 0, activeMinutes: 1.5 };
    expect(pickerRates(work, 15)).toEqual({
      linesPerHour: null,
      unitsPerHour: null,
      misScanRate: 0,
      shortRate: 0,
    });
    expect(pickerRates({ ...work, activeMinutes: 15 }, 15).linesPerHour).toBe(40);
  });

  it('raises the orders-waiting alert only above the threshold', () => {
    const base = { returnRateToday: null, returnRateTrailing: null, syncLagP95Seconds: null };
    expect(redAlertsRaised({ ...base, ordersWaiting: 800 }, thresholds)).toEqual([]);
    expect(redAlertsRaised({ ...base, ordersWaiting: 801 }, thresholds)).toEqual([
      'orders-waiting',
    ]);
  });

  it('raises the return-rate alert when up by more than 20 % on the trailing average', () => {
    const at = (today: number, trailing: number | null) =>
      redAlertsRaised(
        {
          ordersWaiting: 0,
          returnRateToday: today,
          returnRateTrailing: trailing,
          syncLagP95Seconds: null,
        },
        thresholds,
      );
    expect(at(0.06, 0.05)).toEqual([]);
    expect(at(0.0601, 0.05)).toEqual(['return-rate']);
    expect(at(0.5, 0)).toEqual([]);
    expect(at(0.5, null)).toEqual([]);
  });

  it('raises the sync-lag alert above its threshold, and follows edited thresholds', () => {
    const figures = {
      ordersWaiting: 10,
      returnRateToday: null,
      returnRateTrailing: null,
      syncLagP95Seconds: 61,
    };
    expect(redAlertsRaised(figures, thresholds)).toEqual(['sync-lag']);
    expect(
      redAlertsRaised(figures, { ...thresholds, syncLagP95Seconds: 90, ordersWaiting: 5 }),
    ).toEqual(['orders-waiting']);
  });
});
