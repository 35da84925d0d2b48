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
