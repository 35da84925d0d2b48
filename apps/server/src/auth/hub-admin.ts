import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/database';
import { users } from '../db/schema';
import { forbidden } from '../http/api-error';
import type { Session } from './session-token';

/**
 * Whether the caller is one of the hub's admins: an admin whose user has `hub_admin` (006).
 * Read from the user on each call, not from the token: a power taken away counts at once, not
 * when the 12-hour token runs out. Keys are never hub admins.
 */
export async function isHubAdmin(db: Db, session: Session): Promise<boolean> {
  if (session.role !== 'admin' || session.channel) return false;
  const [user] = await db
    .select({ hubAdmin: users.hubAdmin })
    .from(users)
    .where(and(eq(users.id, session.userId), eq(users.active, true)));
  return user?.hubAdmin === true;
}

/**
 * Refuses (403 `forbidden`, `params.needs: hub-admin`) a caller who is not a hub admin; `what`
 * says what they tried, for the message and `params`.
 */
export async function assertHubAdmin(
  db: Db,
  session: Session,
  what: { message: string; params?: Record<string, string> },
): Promise<void> {
  if (await isHubAdmin(db, session)) return;
  throw forbidden(`${what.message}: only a hub admin may`, undefined, {
    needs: 'hub-admin',
    caller: session.channel ? 'channel-key' : session.role,
    ...what.params,
  });
}
