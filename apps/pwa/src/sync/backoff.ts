export const SYNC_INTERVAL_MS = 15_000;
const FIRST_RETRY_MS = 1_000;
const MAX_RETRY_MS = 30_000;

/**
 * How long to wait before the next sync: the regular interval after a success, and after
 * `failures` failures in a row 1 s, 2 s, 4 s … capped at 30 s.
 *
 * @example
 * nextSyncDelay(0) // → 15000
 * nextSyncDelay(3) // → 4000
 */
export function nextSyncDelay(failures: number): number {
  if (failures <= 0) return SYNC_INTERVAL_MS;
  return Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** (failures - 1));
}
