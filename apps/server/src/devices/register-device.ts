import { randomUUID } from 'node:crypto';
import type { RegisterDeviceRequest, RegisterDeviceResponse } from '@wms/protocol';
import { and, eq } from 'drizzle-orm';
import { hashDeviceSecret, isDeviceSecretCorrect, newDeviceSecret } from '../auth/secret-hash';
import type { Db } from '../db/database';
import { deviceIncarnations, devices } from '../db/schema';
import { unauthenticated } from '../http/api-error';
import { redeemEnrolmentCode } from './enrolment-codes';
import { recordLostEvents } from './lost-events';

/**
 * Registers a new device (epoch 1), or starts the next epoch of a known device whose local
 * database is gone. In the second case the seqs of the old epoch that never reached the server
 * are counted, so a wiped handheld is a recorded loss, not a silent one.
 *
 * A new device that brings an enrolment code (the admin's QR) joins the code's warehouse; one
 * without gets its warehouse at its first login. With ENROLMENT_REQUIRED only an admin may sign
 * in on a device without a code (the admin's own tablet: the way to show the first QR), see
 * auth/login.ts.
 */
export async function registerDevice(
  db: Db,
  request: RegisterDeviceRequest,
  options: { now: Date } = { now: new Date() },
): Promise<RegisterDeviceResponse> {
  if (!request.previous) {
    const deviceId = randomUUID();
    const deviceSecret = newDeviceSecret();
    await db.transaction(async (tx) => {
      // The code is used up in the same transaction that creates the device: once, or never.
      const warehouseId = request.enrolmentCode
        ? await redeemEnrolmentCode(tx, request.enrolmentCode, deviceId, options.now)
        : null;
      await tx.insert(devices).values({
        id: deviceId,
        label: request.label,
        secretHash: hashDeviceSecret(deviceSecret),
        currentEpoch: 1,
        warehouseId,
      });
      await tx.insert(deviceIncarnations).values({ deviceId, epoch: 1 });
    });
    return { deviceId, epoch: 1, deviceSecret };
  }
  const { deviceId, deviceSecret, lastKnownSeq = 0 } = request.previous;
  return db.transaction(async (tx) => {
    const [device] = await tx.select().from(devices).where(eq(devices.id, deviceId)).for('update');
    if (!device || device.revokedAt || !isDeviceSecretCorrect(deviceSecret, device.secretHash)) {
      throw unauthenticated(
        'This device is not known or was revoked: enrol it again',
        'device_unknown',
      );
    }
    const [old] = await tx
      .select()
      .from(deviceIncarnations)
      .where(
        and(
          eq(deviceIncarnations.deviceId, deviceId),
          eq(deviceIncarnations.epoch, device.currentEpoch),
        ),
      );
    if (old) await recordLostEvents(tx, device.label, old, lastKnownSeq);
    const epoch = device.currentEpoch + 1;
    await tx
      .update(devices)
      .set({ currentEpoch: epoch, label: request.label })
      .where(eq(devices.id, deviceId));
    await tx.insert(deviceIncarnations).values({ deviceId, epoch });
    return { deviceId, epoch, deviceSecret };
  });
}
