import { eq } from 'drizzle-orm';
import { createMiddleware } from 'hono/factory';
import type { Db } from '../db/database';
import { devices } from '../db/schema';
import { unauthenticated } from '../http/api-error';
import { verifySession } from './session-token';

/**
 * A lost handheld is revoked in one action and its tokens stop working at once: every request
 * that carries a device token is checked against the device's row (revoked? a newer epoch?).
 * Requests without such a token pass on to their route's own checks.
 */
export function rejectRevokedDevices(db: Db, secret: string) {
  return createMiddleware(async (c, next) => {
    const header = c.req.header('authorization');
    const token = header?.startsWith('Bearer ') ? header.slice(7) : c.req.query('token');
    const session = token ? await verifySession(token, secret) : null;
    if (session) {
      const [device] = await db
        .select({ currentEpoch: devices.currentEpoch, revokedAt: devices.revokedAt })
        .from(devices)
        .where(eq(devices.id, session.deviceId));
      if (!device || device.revokedAt) {
        throw unauthenticated('This handheld was revoked: hand it to your lead', 'device_revoked');
      }
      if (device.currentEpoch !== session.epoch) {
        throw unauthenticated(
          'This device was registered again since this login: log in again',
          'device_superseded',
        );
      }
    }
    await next();
  });
}
