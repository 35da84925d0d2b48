import type { DeviceIdentity, Session, WmsDatabase } from '../storage/database';
import {
  deviceLabel,
  mirrorIdentity,
  readMirroredIdentity,
  readStoredIdentity,
  storeIdentity,
} from '../storage/device-identity';
import { deleteMeta, writeMeta } from '../storage/meta';
import type { Api } from '../sync/api-client';

/**
 * Returns this device's incarnation, registering it first when IndexedDB holds none. If
 * localStorage still remembers the device (IndexedDB was wiped or evicted), registers as its
 * `previous` self, which gives the same device a new epoch and tells the server what was lost.
 */
export async function ensureDeviceIdentity(
  database: WmsDatabase,
  api: Api,
): Promise<DeviceIdentity> {
  const stored = await readStoredIdentity(database);
  if (stored) {
    mirrorIdentity(stored);
    return stored;
  }
  const mirrored = readMirroredIdentity();
  const identity = await api.registerDevice({
    label: deviceLabel(),
    ...(mirrored && {
      previous: {
        deviceId: mirrored.deviceId,
        deviceSecret: mirrored.deviceSecret,
        ...(mirrored.lastKnownSeq !== undefined && { lastKnownSeq: mirrored.lastKnownSeq }),
      },
    }),
  });
  await storeIdentity(database, identity);
  return identity;
}

/** Logs in with a badge and PIN on this device, stores the session and asks to keep storage. */
export async function signIn(
  database: WmsDatabase,
  api: Api,
  badge: string,
  pin: string,
): Promise<Session> {
  const identity = await ensureDeviceIdentity(database, api);
  const { token, user, expiresAt } = await api.login({ badge: badge.trim(), pin, ...identity });
  const session: Session = { token, user, expiresAt };
  await writeMeta(database, 'session', session);
  await requestPersistentStorage();
  return session;
}

/**
 * Ends the session on this device. The outbox stays: its events carry their user and are pushed
 * after the next login.
 */
export async function signOut(database: WmsDatabase): Promise<void> {
  await deleteMeta(database, 'session');
}

/** Chrome grants or refuses silently; an installed PWA is usually granted. */
async function requestPersistentStorage(): Promise<boolean> {
  if (!navigator.storage?.persist) return false;
  return navigator.storage.persist().catch(() => false);
}
