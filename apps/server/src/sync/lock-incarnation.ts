import { sql } from 'drizzle-orm';
import { type Tx, queryRows } from '../db/database';
import { unauthenticated } from '../http/api-error';
import { textArray } from './sql-arrays';

/**
 * Locks the incarnation row (FOR UPDATE) so one device's pushes are applied one at a time, in
 * seq order, whichever server instance receives them. In the same round trip, reads which of
 * `userIds` are users of `warehouseId` (`knownUserIds`).
 */
export async function lockIncarnation(
  tx: Tx,
  deviceId: string,
  epoch: number,
  warehouseId: string,
  userIds: readonly string[] = [],
) {
  const [row] = await queryRows<{
    lastSeq: number;
    highestLocalSeq: number;
    knownUserIds: string[] | null;
  }>(
    tx,
    sql`
    select di.last_seq as "lastSeq", di.highest_local_seq as "highestLocalSeq",
           array(select u.id from users u
                 where u.id = any(${textArray(userIds)}) and u.warehouse_id = ${warehouseId}) as "knownUserIds"
    from device_incarnations di
    join devices d on d.id = di.device_id
    where di.device_id = ${deviceId} and di.epoch = ${epoch}
      and d.current_epoch = ${epoch} and d.revoked_at is null
    for update of di`,
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
