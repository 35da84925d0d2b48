import type { Language } from '@wms/protocol';
import type { DeviceIdentity, Session, WmsDatabase } from '../storage/database';
import {
  deviceLabel,
  mirrorIdentity,
  type MirroredIdentity,
  readMirroredIdentity,
  readStoredIdentity,
  storeIdentity,
} from '../storage/device-identity';
import { deleteMeta, writeMeta } from '../storage/meta';
import { ApiError, type Api } from '../sync/api-client';

/**
 * Returns this device's incarnation, registering it first when IndexedDB holds none. If
 * localStorage still remembers the device (IndexedDB was wiped or evicted), registers as its
 * `previous` self, which gives the same device a new epoch and tells the server what was lost.
 */
export async function ensureDeviceIdentity(
  database: WmsDatabase,
  api: Api,
  enrolmentCode?: string,
): Promise<DeviceIdentity> {
  const stored = await readStoredIdentity(database);
  if (stored) {
    mirrorIdentity(stored);
    return stored;
  }
  const mirrored = readMirroredIdentity();
  const identity = mirrored
    ? await registerAgain(api, mirrored).catch((error: unknown) => {
        // The server does not know the remembered device (its data was reset): start afresh.
        if (error instanceof ApiError && error.isUnauthenticated)
          return registerNew(api, enrolmentCode);
        throw error;
      })
    : await registerNew(api, enrolmentCode);
  await storeIdentity(database, identity);
  return identity;
}

function registerNew(api: Api, enrolmentCode?: string): Promise<DeviceIdentity> {
  return api.registerDevice({ label: deviceLabel(), ...(enrolmentCode && { enrolmentCode }) });
}

/**
 * Enrols this handheld with the code of the admin's QR (first run). A handheld that has its
 * identity already keeps it: 'already'.
 */
export async function enrolDevice(
  database: WmsDatabase,
  api: Api,
  enrolmentCode: string,
): Promise<'enrolled' | 'already'> {
  if (await readStoredIdentity(database)) return 'already';
  await ensureDeviceIdentity(database, api, enrolmentCode);
  return 'enrolled';
}

/** The next epoch of a device whose IndexedDB is gone; the server counts what it lost. */
function registerAgain(api: Api, mirrored: MirroredIdentity): Promise<DeviceIdentity> {
  const { deviceId, deviceSecret, lastKnownSeq } = mirrored;
  return api.registerDevice({
    label: deviceLabel(),
    previous: { deviceId, deviceSecret, ...(lastKnownSeq !== undefined && { lastKnownSeq }) },
  });
}

/**
 * Logs in with a badge and PIN on this device, stores the session and asks to keep storage.
 * `language`: the one the picker chose on the login screen, which wins over the profile's (a
 * picker who taps 中文 there gets Chinese, whatever an admin once entered).
 */
export async function signIn(
  database: WmsDatabase,
  api: Api,
  badge: string,
  pin: string,
  language?: Language,
): Promise<Session> {
  const identity = await ensureDeviceIdentity(database, api);
  const { token, user, expiresAt } = await api.login({ badge: badge.trim(), pin, ...identity });
  const session: Session = {
    token,
    user: { ...user, language: language ?? user.language },
    expiresAt,
  };
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
  // The leads' PIN verifiers stay on a handheld only while someone is signed in (decision 020).
  await deleteMeta(database, 'unlockVerifiers');
}

/** Chrome grants or refuses silently; an installed PWA is usually granted. */
async function requestPersistentStorage(): Promise<boolean> {
  if (!navigator.storage?.persist) return false;
  return navigator.storage.persist().catch(() => false);
}
