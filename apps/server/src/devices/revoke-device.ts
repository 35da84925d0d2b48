import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db/database';
import { devices } from '../db/schema';
import { notFound } from '../http/api-error';

/** Revokes a lost or stolen handheld: its tokens stop at once, and it cannot register again. */
export async function revokeDevice(db: Db, deviceId: string, now: Date) {
  const [revoked] = await db
    .update(devices)
    .set({ revokedAt: now })
    .where(and(eq(devices.id, deviceId), isNull(devices.revokedAt)))
    .returning({ id: devices.id, label: devices.label, revokedAt: devices.revokedAt });
  if (!revoked) throw notFound(`No active device ${deviceId}`);
  return revoked;
}
