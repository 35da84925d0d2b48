import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db/database';
import { devices } from '../db/schema';
import { notFound } from '../http/api-error';

/**
 * Revokes a lost or stolen handheld of the caller's warehouse: its tokens stop at once, and it
 * cannot register again. A device of another warehouse is answered as unknown.
 */
export async function revokeDevice(db: Db, warehouseId: string, deviceId: string, now: Date) {
  const [revoked] = await db
    .update(devices)
    .set({ revokedAt: now })
    .where(
      and(
        eq(devices.id, deviceId),
        eq(devices.warehouseId, warehouseId),
        isNull(devices.revokedAt),
      ),
    )
    .returning({ id: devices.id, label: devices.label, revokedAt: devices.revokedAt });
  if (!revoked) throw notFound(`No active device ${deviceId} in ${warehouseId}`);
  return revoked;
}

/** Renames a handheld of the caller's warehouse (the label painted on its back). */
export async function renameDevice(db: Db, warehouseId: string, deviceId: string, label: string) {
  const [renamed] = await db
    .update(devices)
    .set({ label })
    .where(and(eq(devices.id, deviceId), eq(devices.warehouseId, warehouseId)))
    .returning({ id: devices.id, label: devices.label });
  if (!renamed) throw notFound(`No device ${deviceId} in ${warehouseId}`);
  return renamed;
}
