import { and, eq, sql } from 'drizzle-orm';
import type { Session } from '../auth/session-token';
import type { Db } from '../db/database';
import { deviceIncarnations } from '../db/schema';

/**
 * Records that a device was heard from, and how many events it says it has allocated: with the
 * last seq stored, that is its unsynced backlog, which supervisors see before reassigning.
 */
export async function reportDeviceSeen(
  db: Db,
  session: Session,
  highestLocalSeq: number | undefined,
  now: Date,
) {
  await db
    .update(deviceIncarnations)
    .set({
      lastSeenAt: now,
      lastUserId: session.userId,
      ...(highestLocalSeq === undefined
        ? {}
        : {
            highestLocalSeq: sql`greatest(${deviceIncarnations.highestLocalSeq}, ${highestLocalSeq})`,
          }),
    })
    .where(
      and(
        eq(deviceIncarnations.deviceId, session.deviceId),
        eq(deviceIncarnations.epoch, session.epoch),
      ),
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
