/**
 * The p-th percentile (0 < p ≤ 100) by the nearest-rank method; null for no samples.
 *
 * @example
 * percentile([5, 1, 9, 3], 95) // → 9
 */
export function percentile(samples: readonly number[], p: number): number | null {
  if (samples.length === 0) return null;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] ?? null;
}

/** What a picker did in a window of time, as the server counts it. */
export interface PickerWork {
  lines: number;
  units: number;
  /** Scans the device refused (wrong bin, wrong item) — a mis-scan each. */
  misScans: number;
  /** All scans (accepted picks + mis-scans). */
  scans: number;
  shorts: number;
  /** Minutes between their first and last scan in the window (at least 1 when they scanned). */
  activeMinutes: number;
}

export interface PickerRates {
  linesPerHour: number | null;
  unitsPerHour: number | null;
  /** Mis-scans / scans. */
  misScanRate: number | null;
  /** Lines shorted / lines worked (picked + shorted). */
  shortRate: number | null;
}

const perHour = (n: number, minutes: number) =>
  minutes <= 0 ? null : Math.round((n / minutes) * 60 * 10) / 10;
const share = (n: number, of: number) => (of <= 0 ? null : Math.round((n / of) * 1000) / 1000);

/**
 * Rates per hour only once the picker has worked `minActiveMinutes` (before that a rate is a guess
 * from a few minutes: 10 lines in 1.5 min is not 400 lines an hour), null until then.
 *
 * @example
 * pickerRates({ lines: 30, units: 45, misScans: 2, scans: 62, shorts: 1, activeMinutes: 40 }, 15)
 * // → { linesPerHour: 45, unitsPerHour: 67.5, misScanRate: 0.032, shortRate: 0.032 }
 * pickerRates({ lines: 10, units: 12, misScans: 0, scans: 10, shorts: 0, activeMinutes: 1.5 }, 15)
 * // → { linesPerHour: null, unitsPerHour: null, misScanRate: 0, shortRate: 0 }
 */
export function pickerRates(work: PickerWork, minActiveMinutes = 0): PickerRates {
  const early = work.activeMinutes < minActiveMinutes;
  return {
    linesPerHour: early ? null : perHour(work.lines, work.activeMinutes),
    unitsPerHour: early ? null : perHour(work.units, work.activeMinutes),
    misScanRate: share(work.misScans, work.scans),
    shortRate: share(work.shorts, work.lines + work.shorts),
  };
}

/** Thresholds of the red alerts (M2.3): data, editable by an admin, not constants. */
export interface RedAlertThresholds {
  /** Orders waiting (received, held, unrouted, waved, picking) above this raise an alert. */
  ordersWaiting: number;
  /** Today's return rate above the trailing daily average by more than this percentage. */
  returnRateRisePct: number;
  /** Sync lag p95 (device time → stored), in seconds, above this. */
  syncLagP95Seconds: number;
}

export interface RedAlertFigures {
  ordersWaiting: number;
  returnRateToday: number | null;
  returnRateTrailing: number | null;
  syncLagP95Seconds: number | null;
}

export type RedAlertKind = 'orders-waiting' | 'return-rate' | 'sync-lag';

/**
 * Which red alerts the figures raise now. The return-rate alert needs a trailing average above
 * zero to compare with.
 *
 * @example
 * redAlertsRaised({ ordersWaiting: 801, returnRateToday: 0.06, returnRateTrailing: 0.05,
 *   syncLagP95Seconds: 12 }, { ordersWaiting: 800, returnRateRisePct: 20, syncLagP95Seconds: 60 })
 * // → ['orders-waiting']   (0.06 is exactly 20 % above 0.05: not more)
 */
export function redAlertsRaised(
  figures: RedAlertFigures,
  thresholds: RedAlertThresholds,
): RedAlertKind[] {
  const raised: RedAlertKind[] = [];
  if (figures.ordersWaiting > thresholds.ordersWaiting) raised.push('orders-waiting');
  const { returnRateToday: today, returnRateTrailing: trailing } = figures;
  if (
    today !== null &&
    trailing !== null &&
    trailing > 0 &&
    (today - trailing) / trailing > thresholds.returnRateRisePct / 100 + 1e-9
  )
    raised.push('return-rate');
  if (
    figures.syncLagP95Seconds !== null &&
    figures.syncLagP95Seconds > thresholds.syncLagP95Seconds
  )
    raised.push('sync-lag');
  return raised;
}
