export const SYNC_INTERVAL_MS = 15_000;
const FIRST_RETRY_MS = 1_000;
const MAX_RETRY_MS = 30_000;

/** After a pull said changes are held behind an older transaction: 250 ms, doubling, up to 8 s. */
const HELD_BACK_RETRY_MS = 250;
const HELD_BACK_MAX_MS = 8_000;

/**
 * How long to wait before the next sync: the regular interval after a success, and after
 * `failures` failures in a row 1 s, 2 s, 4 s … capped at 30 s. After `heldBackStreak` successful
 * syncs in a row whose pull said `heldBack`, soon (the held changes have no poke of their own).
 *
 * @example
 * nextSyncDelay(0) // → 15000
 * nextSyncDelay(3) // → 4000
 */
export function nextSyncDelay(failures: number, heldBackStreak = 0): number {
  if (failures <= 0 && heldBackStreak > 0) {
    return Math.min(HELD_BACK_MAX_MS, HELD_BACK_RETRY_MS * 2 ** (heldBackStreak - 1));
  }
  if (failures <= 0) return SYNC_INTERVAL_MS;
  return Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** (failures - 1));
}
