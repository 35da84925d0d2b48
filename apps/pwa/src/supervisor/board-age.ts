/**
 * Whole minutes (at least 1) between the board's fetch and now, for "this board is 12 min old".
 *
 * @example
 * boardAgeMinutes('2026-11-22T08:00:00.000Z', Date.parse('2026-11-22T08:12:40.000Z')) // → 12
 */
export function boardAgeMinutes(fetchedAt: string, nowMs: number): number {
  return Math.max(1, Math.floor((nowMs - Date.parse(fetchedAt)) / 60_000));
}

/** Seconds since an ISO time, or null when there is none. */
export function secondsSince(iso: string | null, nowMs: number): number | null {
  return iso === null ? null : Math.max(0, Math.round((nowMs - Date.parse(iso)) / 1000));
}

/** A share as a whole percentage, 0 when there is nothing to share. */
export function percent(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((part / whole) * 100);
}
