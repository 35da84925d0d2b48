import { eq } from 'drizzle-orm';
import { createMiddleware } from 'hono/factory';
import type { Db } from '../db/database';
import { devices } from '../db/schema';
import { unauthenticated } from '../http/api-error';
import { type Session, verifySession } from './session-token';
import { verifyStreamTicket } from './stream-ticket';

/**
 * Routes that make the same check themselves, in a statement they run anyway: the pull reads
 * the device's row in its one statement, the push locks the incarnation joined to it (and asks
 * `deviceRefusal` which of the two refusals it is). One round trip less on the two most
 * frequent requests.
 */
const CHECKED_BY_THE_ROUTE: ReadonlySet<string> = new Set([
  'GET /api/sync/pull',
  'POST /api/sync/push',
]);

/**
 * A lost handheld is revoked in one action and its tokens stop working at once: every request
 * that carries a device token is checked against the device's row (revoked? a newer epoch?).
 * Requests without such a token pass on to their route's own checks.
 */
export function rejectRevokedDevices(db: Db, secret: string) {
  return createMiddleware(async (c, next) => {
    if (CHECKED_BY_THE_ROUTE.has(`${c.req.method} ${c.req.path}`)) return next();
    const header = c.req.header('authorization');
    const token = header?.startsWith('Bearer ') ? header.slice(7) : undefined;
    const ticket = token ? undefined : c.req.query('ticket');
    const session = token
      ? await verifySession(token, secret)
      : ticket
        ? await verifyStreamTicket(ticket, secret)
        : null;
    if (session) {
      await assertDeviceOfSession(db, session);
    }
    await next();
  });
}

/** Throws 401 `device_revoked` or `device_superseded` unless the session's device is current. */
export async function assertDeviceOfSession(db: Db, session: Session): Promise<void> {
  const [device] = await db
    .select({ currentEpoch: devices.currentEpoch, revokedAt: devices.revokedAt })
    .from(devices)
    .where(eq(devices.id, session.deviceId));
  assertDeviceCurrent(device ?? null, session.epoch);
}

/** Throws 401 unless the device (its row, null when unknown) is not revoked and on `epoch`. */
export function assertDeviceCurrent(
  device: { currentEpoch: number; revokedAt: Date | string | null } | null,
  epoch: number,
): void {
  if (!device || device.revokedAt) {
    throw unauthenticated('This handheld was revoked: hand it to your lead', 'device_revoked');
  }
  if (device.currentEpoch !== epoch) {
    throw unauthenticated(
      'This device was registered again since this login: log in again',
      'device_superseded',
    );
  }
}
