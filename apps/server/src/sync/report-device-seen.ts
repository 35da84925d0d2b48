import { sql } from 'drizzle-orm';
import type { Session } from '../auth/session-token';
import { type Db, queryRowsPrepared } from '../db/database';

/**
 * Records that a device was heard from, and how many events it says it has allocated: with the
 * last seq stored, that is its unsynced backlog, which supervisors see before reassigning.
 * One text whatever is reported, run prepared: a pull that writes its sighting makes one round
 * trip for it instead of two (describe, then execute).
 */
export async function reportDeviceSeen(
  db: Db,
  session: Session,
  highestLocalSeq: number | undefined,
  now: Date,
) {
  await queryRowsPrepared(
    db,
    sql`update device_incarnations
        set last_seen_at = ${now.toISOString()}::timestamptz, last_user_id = ${session.userId},
            highest_local_seq = greatest(highest_local_seq,
                                         coalesce(${highestLocalSeq ?? null}::int, highest_local_seq))
        where device_id = ${session.deviceId}::uuid and epoch = ${session.epoch}::int`,
  );
}

/**
 * How stale a device's last sighting may get before a pull writes it again: a pull that changes
 * nothing else stored (same user, no higher local seq) is not a write of its own, so 200
 * devices pulling on every poke do not each write (and lock) their row on every pull.
 */
export const SEEN_RESOLUTION_MS = 10_000;

/** What is stored of a device incarnation's last sighting. */
export interface DeviceSeenRow {
  lastSeenAt: Date | string | null;
  lastUserId: string | null;
  highestLocalSeq: number;
}

/** Whether a request now, with this report, would change what `stored` says. */
export function deviceSeenIsStale(
  stored: DeviceSeenRow,
  session: Session,
  highestLocalSeq: number | undefined,
  now: Date,
): boolean {
  if (stored.lastUserId !== session.userId) return true;
  if (highestLocalSeq !== undefined && highestLocalSeq > stored.highestLocalSeq) return true;
  if (stored.lastSeenAt === null) return true;
  return now.getTime() - new Date(stored.lastSeenAt).getTime() >= SEEN_RESOLUTION_MS;
}
