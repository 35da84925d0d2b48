import type { LoginRequest, LoginResponse } from '@wms/protocol';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/database';
import { deviceIncarnations, devices, enrolmentCodes, users } from '../db/schema';
import { ApiError, unauthenticated } from '../http/api-error';
import { isDeviceSecretCorrect, isPinCorrect } from './secret-hash';
import { isLeadRole, unlockVerifierOf } from './unlock-verifier';
import { signSession } from './session-token';

export interface LoginDeps {
  db: Db;
  authSecret: string;
  tokenTtlMs: number;
  now: () => Date;
  /** ENROLMENT_REQUIRED: only admins may sign in on a device registered without a code. */
  enrolmentRequired?: boolean;
}

/** Checks badge + PIN on a registered, current device incarnation and issues a session token. */
export async function login(deps: LoginDeps, request: LoginRequest): Promise<LoginResponse> {
  const { db } = deps;
  const [device] = await db.select().from(devices).where(eq(devices.id, request.deviceId));
  if (!device || !isDeviceSecretCorrect(request.deviceSecret, device.secretHash)) {
    throw unauthenticated(
      'This device is not registered: ask your lead to enrol it',
      'device_unknown',
    );
  }
  // Only the device itself (it knows its secret) learns that it was revoked, so it can say so.
  if (device.revokedAt) {
    throw unauthenticated(
      'This handheld was revoked: ask your lead to enrol it again',
      'device_revoked',
    );
  }
  if (device.currentEpoch !== request.epoch) {
    throw unauthenticated(
      'This device has been registered again since: reload the app',
      'device_superseded',
    );
  }
  const user = await checkBadgeAndPin(db, request, deps.now());
  if (device.warehouseId && device.warehouseId !== user.warehouseId) {
    throw new ApiError(
      403,
      'wrong_warehouse',
      `This handheld belongs to warehouse ${device.warehouseId}; your badge is for ${user.warehouseId}`,
      { params: { deviceWarehouse: device.warehouseId, userWarehouse: user.warehouseId } },
    );
  }
  if (
    deps.enrolmentRequired &&
    user.role !== 'admin' &&
    !(await wasEnrolledByCode(db, device.id))
  ) {
    throw unauthenticated(
      'This handheld was not enrolled: scan the enrolment QR your admin shows, then sign in',
      'enrolment_required',
    );
  }
  // A device registered without an enrolment code belongs to the warehouse of its first login.
  if (!device.warehouseId)
    await db
      .update(devices)
      .set({ warehouseId: user.warehouseId })
      .where(and(eq(devices.id, device.id), isNull(devices.warehouseId)));
  await db
    .update(deviceIncarnations)
    .set({ lastUserId: user.id, lastSeenAt: deps.now() })
    .where(
      and(eq(deviceIncarnations.deviceId, device.id), eq(deviceIncarnations.epoch, request.epoch)),
    );
  const expiresAt = new Date(deps.now().getTime() + deps.tokenTtlMs);
  const session = {
    userId: user.id,
    role: user.role,
    warehouseId: user.warehouseId,
    deviceId: device.id,
    epoch: request.epoch,
  };
  return {
    token: await signSession(session, deps.authSecret, expiresAt),
    expiresAt: expiresAt.toISOString(),
    user: {
      id: user.id,
      name: user.name,
      role: user.role,
      warehouseId: user.warehouseId,
      language: user.language,
    },
  };
}

async function wasEnrolledByCode(db: Db, deviceId: string): Promise<boolean> {
  const [used] = await db
    .select({ code: enrolmentCodes.code })
    .from(enrolmentCodes)
    .where(eq(enrolmentCodes.usedByDeviceId, deviceId))
    .limit(1);
  return used !== undefined;
}

/** Wrong PINs in a row before a badge is locked, and for how long. */
export const MAX_PIN_ATTEMPTS = 5;
export const PIN_LOCK_MS = 15 * 60_000;

/**
 * The user behind a badge and PIN. Wrong PINs are counted per badge; the fifth in a row locks
 * the badge for 15 minutes (PIN guessing on a lost handheld), a right one resets the count.
 */
async function checkBadgeAndPin(db: Db, request: LoginRequest, now: Date) {
  const [user] = await db.select().from(users).where(eq(users.badge, request.badge));
  if (user?.lockedUntil && user.lockedUntil > now) {
    const until = user.lockedUntil.toISOString().slice(11, 16);
    throw new ApiError(
      429,
      'pin_locked',
      `Too many wrong PINs for this badge: try again after ${until} UTC or ask your lead to unlock it`,
      { params: { until: user.lockedUntil.toISOString() } },
    );
  }
  if (!user || !user.active || !(await isPinCorrect(request.pin, user.pinHash))) {
    if (user) await countWrongPin(db, user.id, now);
    throw unauthenticated(
      'Badge or PIN not recognised: scan your badge and try the PIN again',
      'bad_credentials',
    );
  }
  // A lead whose PIN the server has not seen since unlock verifiers came gets one now.
  if (isLeadRole(user.role) && user.unlockVerifier === null) {
    await db
      .update(users)
      .set({ unlockVerifier: await unlockVerifierOf(request.pin) })
      .where(and(eq(users.id, user.id), isNull(users.unlockVerifier)));
  }
  if (user.failedPinAttempts > 0) {
    await db
      .update(users)
      .set({ failedPinAttempts: 0, lockedUntil: null })
      .where(eq(users.id, user.id));
  }
  return user;
}

async function countWrongPin(db: Db, userId: string, now: Date) {
  await db
    .update(users)
    .set({
      failedPinAttempts: sql`${users.failedPinAttempts} + 1`,
      lockedUntil: sql`case when ${users.failedPinAttempts} + 1 >= ${MAX_PIN_ATTEMPTS}
        then ${new Date(now.getTime() + PIN_LOCK_MS).toISOString()}::timestamptz else null end`,
    })
    .where(eq(users.id, userId));
}
