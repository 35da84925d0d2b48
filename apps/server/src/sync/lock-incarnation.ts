import { sql } from 'drizzle-orm';
import { type Tx, queryRowsPrepared } from '../db/database';
import { unauthenticated } from '../http/api-error';
import { textArray } from './sql-arrays';

/** What a push tells of its incarnation, written as the lock is taken. */
export interface IncarnationAdvance {
  /** The last seq of the push: the incarnation's last seq becomes it, if higher. */
  lastSeq: number;
  highestLocalSeq: number;
  seenAt: Date;
  userId: string;
}

/**
 * Locks the incarnation row (FOR UPDATE) so one device's pushes are applied one at a time, in
 * seq order, whichever server instance receives them. In the same round trip, reads which of
 * `userIds` are users of `warehouseId` (`knownUserIds`) and advances the incarnation: last seq and highest local seq (never lowered), last seen, last user. It
 * returns the incarnation as it was before. A push refused after this (a gap, a stranger's
 * events) rolls back the advance with the rest of its transaction.
 */
export async function lockIncarnation(
  tx: Tx,
  deviceId: string,
  epoch: number,
  warehouseId: string,
  userIds: readonly string[],
  advance: IncarnationAdvance,
) {
  const [row] = await queryRowsPrepared<{
    lastSeq: number;
    highestLocalSeq: number;
    knownUserIds: string[] | null;
  }>(
    tx,
    sql`
    with locked as (
      select di.device_id, di.epoch, di.last_seq, di.highest_local_seq
      from device_incarnations di
      join devices d on d.id = di.device_id
      where di.device_id = ${deviceId} and di.epoch = ${epoch}
        and d.current_epoch = ${epoch} and d.revoked_at is null
      for update of di
    ), advanced as (
      update device_incarnations di
      set last_seq = greatest(l.last_seq, ${advance.lastSeq}::int),
          highest_local_seq = greatest(l.highest_local_seq, ${advance.highestLocalSeq}::int),
          last_seen_at = ${advance.seenAt.toISOString()}::timestamptz,
          last_user_id = ${advance.userId}
      from locked l
      where di.device_id = l.device_id and di.epoch = l.epoch
    )
    select l.last_seq as "lastSeq", l.highest_local_seq as "highestLocalSeq",
           array(select u.id from users u
                 where u.id = any(${textArray(userIds)}) and u.warehouse_id = ${warehouseId}) as "knownUserIds"
    from locked l`,
  );
  if (!row)
    throw unauthenticated(
      'This device was registered again or revoked since this login: log in again',
      'device_superseded',
    );
  return {
    lastSeq: Number(row.lastSeq),
    highestLocalSeq: Number(row.highestLocalSeq),
    knownUserIds: new Set(row.knownUserIds ?? []),
  };
}
