import { and, asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { type Db, queryRows, type Tx } from '../db/database';
import { users } from '../db/schema';
import { ApiError, forbidden, notFound } from '../http/api-error';
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

/** One admin user and whether they are a hub admin. */
export const hubAdminSchema = z.looseObject({
  userId: z.string().min(1),
  name: z.string(),
  warehouseId: z.string().min(1),
  hubAdmin: z.boolean(),
});
export const hubAdminListSchema = z.looseObject({ hubAdmins: z.array(hubAdminSchema) });
export type HubAdmin = z.infer<typeof hubAdminSchema>;

const view = {
  userId: users.id,
  name: users.name,
  warehouseId: users.warehouseId,
  hubAdmin: users.hubAdmin,
};

/** The hub's active hub admins, every warehouse's. */
export async function listHubAdmins(db: Db): Promise<HubAdmin[]> {
  return db
    .select(view)
    .from(users)
    .where(and(eq(users.hubAdmin, true), eq(users.active, true), eq(users.role, 'admin')))
    .orderBy(asc(users.id));
}

/** The admin user of any warehouse (a hub admin's power is the hub's), or 404 / 409. */
async function adminUser(tx: Tx, userId: string) {
  const [user] = await tx
    .select({ ...view, role: users.role, active: users.active })
    .from(users)
    .where(eq(users.id, userId));
  if (!user || user.role === 'integration') throw notFound(`No user ${userId}`, { userId });
  if (user.role !== 'admin' || !user.active) {
    throw new ApiError(
      409,
      'not_an_admin',
      `${userId} is not an active admin: make them one first`,
      {
        fields: [{ path: 'userId', message: 'not an active admin' }],
        params: { userId },
      },
    );
  }
  return user;
}

/** Makes an active admin of any warehouse a hub admin (idempotent). */
export async function grantHubAdmin(db: Db, userId: string): Promise<HubAdmin> {
  return db.transaction(async (tx) => {
    const user = await adminUser(tx, userId);
    await tx.update(users).set({ hubAdmin: true }).where(eq(users.id, userId));
    return { userId, name: user.name, warehouseId: user.warehouseId, hubAdmin: true };
  });
}

/** The active hub admins, their rows locked (two changes at once cannot each leave the other last). */
export async function lockHubAdmins(tx: Tx) {
  return queryRows<{ id: string }>(
    tx,
    sql`select id from users where hub_admin and active and role = 'admin' order by id for update`,
  );
}

export const lastHubAdmin = (userId: string) =>
  new ApiError(409, 'last_hub_admin', `${userId} is the hub's last hub admin`, {
    fields: [{ path: 'userId', message: 'the last hub admin' }],
    params: { userId },
  });

/**
 * Runs `change` (in the caller's transaction) and refuses it, 409 `last_hub_admin`, when it leaves
 * the hub without an active hub admin: deactivating one, making one a supervisor, a users file.
 * Nothing is refused where there was none before (a hub not yet given one).
 */
export async function keepingAHubAdmin<T>(tx: Tx, userId: string, change: () => Promise<T>) {
  const before = await lockHubAdmins(tx);
  const result = await change();
  if (before.length > 0 && (await lockHubAdmins(tx)).length === 0) throw lastHubAdmin(userId);
  return result;
}

/**
 * Takes hub admin away from a user (idempotent), never from the last active one: the hub would
 * have nobody left to back it up or add a warehouse (409 `last_hub_admin`). The hub admins' rows
 * are locked first, so two removals at once cannot each leave the other as the last.
 */
export async function removeHubAdmin(db: Db, userId: string): Promise<HubAdmin> {
  return db.transaction(async (tx) => {
    const [user] = await tx.select(view).from(users).where(eq(users.id, userId));
    if (!user) throw notFound(`No user ${userId}`, { userId });
    const holders = await lockHubAdmins(tx);
    if (!holders.some((h) => h.id === userId)) return { ...user, hubAdmin: false };
    if (holders.length === 1) throw lastHubAdmin(userId);
    await tx.update(users).set({ hubAdmin: false }).where(eq(users.id, userId));
    return { ...user, hubAdmin: false };
  });
}
