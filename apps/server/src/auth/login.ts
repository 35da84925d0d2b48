import type { LoginRequest, LoginResponse } from '@wms/protocol';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/database';
import { deviceIncarnations, devices, users } from '../db/schema';
import { unauthenticated } from '../http/api-error';
import { isDeviceSecretCorrect, isPinCorrect } from './secret-hash';
import { signSession } from './session-token';

export interface LoginDeps {
  db: Db;
  authSecret: string;
  tokenTtlMs: number;
  now: () => Date;
}

/** Checks badge + PIN on a registered, current device incarnation and issues a session token. */
export async function login(deps: LoginDeps, request: LoginRequest): Promise<LoginResponse> {
  const { db } = deps;
  const [device] = await db.select().from(devices).where(eq(devices.id, request.deviceId));
  if (
    !device ||
    device.revokedAt ||
    !isDeviceSecretCorrect(request.deviceSecret, device.secretHash)
  ) {
    throw unauthenticated(
      'This device is not registered or was revoked: ask your lead to enrol it',
      'device_unknown',
    );
  }
  if (device.currentEpoch !== request.epoch) {
    throw unauthenticated(
      'This device has been registered again since: reload the app',
      'device_superseded',
    );
  }
  const [user] = await db.select().from(users).where(eq(users.badge, request.badge));
  if (!user || !user.active || !isPinCorrect(request.pin, user.pinHash)) {
    throw unauthenticated(
      'Badge or PIN not recognised: scan your badge and try the PIN again',
      'bad_credentials',
    );
  }
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
