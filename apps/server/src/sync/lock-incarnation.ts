import { and, eq, isNull } from 'drizzle-orm';
import type { Tx } from '../db/database';
import { deviceIncarnations, devices } from '../db/schema';
import { unauthenticated } from '../http/api-error';

/**
 * Locks the incarnation row (FOR UPDATE) so one device's pushes are applied one at a time, in
 * seq order, whichever server instance receives them.
 */
export async function lockIncarnation(tx: Tx, deviceId: string, epoch: number) {
  const [row] = await tx
    .select({
      lastSeq: deviceIncarnations.lastSeq,
      highestLocalSeq: deviceIncarnations.highestLocalSeq,
    })
    .from(deviceIncarnations)
    .innerJoin(devices, eq(devices.id, deviceIncarnations.deviceId))
    .where(
      and(
        eq(deviceIncarnations.deviceId, deviceId),
        eq(deviceIncarnations.epoch, epoch),
        eq(devices.currentEpoch, epoch),
        isNull(devices.revokedAt),
      ),
    )
    .for('update', { of: deviceIncarnations });
  if (!row)
    throw unauthenticated(
      'This device was registered again or revoked since this login: log in again',
      'device_superseded',
    );
  return row;
}
