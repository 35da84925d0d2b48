import type { FieldError, NewUser, User, UserInput } from '@wms/protocol';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { keepingAHubAdmin, lastHubAdmin, lockHubAdmins } from '../auth/hub-admin';
import { hashPin } from '../auth/secret-hash';
import { isLeadRole, unlockVerifierFor } from '../auth/unlock-verifier';
import type { Db, Tx } from '../db/database';
import { users } from '../db/schema';
import { badRequest, conflict, notFound } from '../http/api-error';

const staff = (warehouseId: string) =>
  and(eq(users.warehouseId, warehouseId), inArray(users.role, ['picker', 'supervisor', 'admin']));

function toUser(u: typeof users.$inferSelect, now: Date): User {
  return {
    id: u.id,
    warehouseId: u.warehouseId,
    name: u.name,
    role: u.role as User['role'],
    badge: u.badge,
    language: u.language,
    active: u.active,
    locked: u.lockedUntil !== null && u.lockedUntil > now,
  };
}

/** The people of a warehouse (never the integration users behind API keys). */
export async function listUsers(db: Tx, warehouseId: string, now: Date): Promise<User[]> {
  const rows = await db.select().from(users).where(staff(warehouseId)).orderBy(asc(users.badge));
  return rows.map((u) => toUser(u, now));
}

async function clashes(tx: Tx, id: string, badge: string, prefix: string): Promise<FieldError[]> {
  const [holder] = await tx.select({ id: users.id }).from(users).where(eq(users.badge, badge));
  return holder && holder.id !== id
    ? [{ path: `${prefix}badge`, message: `badge ${badge} belongs to ${holder.id}` }]
    : [];
}

export async function createUser(db: Db, warehouseId: string, input: NewUser, now: Date) {
  return db.transaction(async (tx) => {
    const { pin, ...rest } = input;
    const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.id, input.id));
    if (existing)
      throw conflict(`User ${input.id} exists already`, [
        { path: 'id', message: 'exists already' },
      ]);
    const clash = await clashes(tx, input.id, input.badge, '');
    if (clash.length > 0) throw conflict(`Badge ${input.badge} is taken`, clash);
    const [created] = await tx
      .insert(users)
      .values({
        ...rest,
        warehouseId,
        pinHash: await hashPin(pin),
        unlockVerifier: await unlockVerifierFor(rest.role, pin),
      })
      .returning();
    return toUser(created!, now);
  });
}

/** A hub admin (006) who stops being an admin stops being the hub's too (and stays so). */
const notHubAdminUnless = (role: string) => (role === 'admin' ? {} : { hubAdmin: false });

async function ownUser(tx: Tx, warehouseId: string, userId: string) {
  const [user] = await tx
    .select()
    .from(users)
    .where(and(eq(users.id, userId), staff(warehouseId)));
  if (!user) throw notFound(`No user ${userId} in ${warehouseId}`);
  return user;
}

export async function updateUser(
  db: Db,
  warehouseId: string,
  userId: string,
  input: UserInput,
  now: Date,
): Promise<User> {
  return db.transaction(async (tx) => {
    await ownUser(tx, warehouseId, userId);
    const clash = await clashes(tx, userId, input.badge, '');
    if (clash.length > 0) throw conflict(`Badge ${input.badge} is taken`, clash);
    // A lead made a picker can no longer unlock handhelds (a picker made a lead can from their
    // next sign-in, when the server sees the PIN).
    const [updated] = await keepingAHubAdmin(tx, userId, () =>
      tx
        .update(users)
        .set({
          ...input,
          ...notHubAdminUnless(input.role),
          ...(isLeadRole(input.role) ? {} : { unlockVerifier: null }),
        })
        .where(eq(users.id, userId))
        .returning(),
    );
    return toUser(updated!, now);
  });
}

/** Deactivates (or reactivates) a user: a deactivated badge can no longer log in. */
export async function setUserActive(
  db: Db,
  warehouseId: string,
  userId: string,
  active: boolean,
  now: Date,
): Promise<User> {
  return db.transaction(async (tx) => {
    await ownUser(tx, warehouseId, userId);
    const [updated] = await keepingAHubAdmin(tx, userId, () =>
      tx.update(users).set({ active }).where(eq(users.id, userId)).returning(),
    );
    return toUser(updated!, now);
  });
}

/** Sets a new PIN and unlocks the badge (wrong-PIN count back to 0). */
export async function resetPin(
  db: Db,
  warehouseId: string,
  userId: string,
  pin: string,
  now: Date,
) {
  const user = await ownUser(db, warehouseId, userId);
  const [updated] = await db
    .update(users)
    .set({
      pinHash: await hashPin(pin),
      unlockVerifier: await unlockVerifierFor(user.role, pin),
      failedPinAttempts: 0,
      lockedUntil: null,
    })
    .where(eq(users.id, userId))
    .returning();
  return toUser(updated!, now);
}

/**
 * Creates or updates (by id) the users of an import in one transaction. A new user needs a PIN;
 * an existing one keeps theirs unless the row gives one. Any bad row imports nothing.
 */
export async function importUsers(
  db: Db,
  warehouseId: string,
  rows: readonly (UserInput & { id: string; pin?: string })[],
): Promise<{ created: number; updated: number }> {
  return db.transaction(async (tx) => {
    // A file may not leave the hub without an active hub admin (deactivated, or no admin now).
    const hubAdmins = await lockHubAdmins(tx);
    const ids = rows.map((r) => r.id);
    const existing = new Map(
      (await tx.select().from(users).where(inArray(users.id, ids))).map((u) => [u.id, u]),
    );
    const fields: FieldError[] = [];
    const badges = new Map<string, number>();
    for (const [i, row] of rows.entries()) {
      const prefix = `rows.${i + 1}.`;
      const old = existing.get(row.id);
      if (old && old.warehouseId !== warehouseId)
        fields.push({
          path: `${prefix}id`,
          message: `user ${row.id} belongs to ${old.warehouseId}`,
        });
      if (!old && !row.pin)
        fields.push({ path: `${prefix}pin`, message: 'a new user needs a PIN' });
      const holders = await clashes(tx, row.id, row.badge, prefix);
      // A badge moving between two users of this same file is not a clash.
      fields.push(...holders.filter((f) => !ids.includes(f.message.split(' ').at(-1)!)));
      const first = badges.get(row.badge);
      if (first !== undefined)
        fields.push({
          path: `${prefix}badge`,
          message: `badge ${row.badge} is also on row ${first + 1}`,
        });
      else badges.set(row.badge, i);
    }
    if (fields.length > 0)
      throw badRequest(`${fields.length} problem(s) in the CSV: fix them and import again`, fields);
    // Free the badges first, so two users may swap theirs in one file.
    for (const id of ids.filter((i) => existing.has(i)))
      await tx
        .update(users)
        .set({ badge: `~${id}` })
        .where(eq(users.id, id));
    let created = 0;
    for (const { pin, ...row } of rows) {
      if (existing.has(row.id)) {
        const secrets = pin
          ? { pinHash: await hashPin(pin), unlockVerifier: await unlockVerifierFor(row.role, pin) }
          : isLeadRole(row.role)
            ? {}
            : { unlockVerifier: null };
        await tx
          .update(users)
          .set({ ...row, ...notHubAdminUnless(row.role), ...secrets })
          .where(eq(users.id, row.id));
      } else {
        await tx.insert(users).values({
          ...row,
          warehouseId,
          pinHash: await hashPin(pin!),
          unlockVerifier: await unlockVerifierFor(row.role, pin!),
        });
        created++;
      }
    }
    if (hubAdmins.length > 0 && (await lockHubAdmins(tx)).length === 0)
      throw lastHubAdmin(hubAdmins.map((h) => h.id).join(', '));
    return { created, updated: rows.length - created };
  });
}
