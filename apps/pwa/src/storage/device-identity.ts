import type { DeviceIdentity, WmsDatabase } from './database';
import { readMeta, writeMeta } from './meta';

const IDENTITY_KEY = 'wms.device-identity';
const LAST_SEQ_KEY = 'wms.last-seq';
const LABEL_KEY = 'wms.device-label';

/**
 * The identity kept outside IndexedDB. When the browser evicts or wipes IndexedDB, this copy
 * lets the device register again with `previous` and get a new epoch of the same device.
 */
export interface MirroredIdentity extends DeviceIdentity {
  lastKnownSeq: number | undefined;
}

export async function readStoredIdentity(
  database: WmsDatabase,
): Promise<DeviceIdentity | undefined> {
  return readMeta(database, 'deviceIdentity');
}

/** Stores a freshly issued incarnation in IndexedDB and mirrors it in localStorage. */
export async function storeIdentity(
  database: WmsDatabase,
  identity: DeviceIdentity,
): Promise<void> {
  await writeMeta(database, 'deviceIdentity', identity);
  mirrorIdentity(identity);
}

export function mirrorIdentity(identity: DeviceIdentity): void {
  const { deviceId, epoch, deviceSecret } = identity;
  const mirrored = readMirroredIdentity();
  localStorage.setItem(IDENTITY_KEY, JSON.stringify({ deviceId, epoch, deviceSecret }));
  if (mirrored?.deviceId !== deviceId || mirrored.epoch !== epoch)
    localStorage.removeItem(LAST_SEQ_KEY);
}

export function readMirroredIdentity(): MirroredIdentity | undefined {
  const raw = localStorage.getItem(IDENTITY_KEY);
  if (raw === null) return undefined;
  try {
    const parsed: unknown = JSON.parse(raw);
    if (!isDeviceIdentity(parsed)) return undefined;
    const lastSeq = Number(localStorage.getItem(LAST_SEQ_KEY));
    return {
      ...parsed,
      lastKnownSeq: Number.isInteger(lastSeq) && lastSeq > 0 ? lastSeq : undefined,
    };
  } catch {
    return undefined;
  }
}

/**
 * Remembers, outside IndexedDB, the highest seq created: reported if IndexedDB is ever lost.
 * Best effort by design: it runs after the pick has committed, and only improves the server's
 * count of lost events, so a failing localStorage must not turn a saved pick into an error.
 */
export function rememberLastSeq(seq: number): void {
  try {
    localStorage.setItem(LAST_SEQ_KEY, String(seq));
  } catch {
    // The pick is durable in IndexedDB; only the loss count after a wipe would be less exact.
  }
}

/** A human label for the registration (the MDM may preset `wms.device-label`). */
export function deviceLabel(): string {
  const existing = localStorage.getItem(LABEL_KEY);
  if (existing) return existing;
  const label = `handheld-${Math.random().toString(36).slice(2, 8)}`;
  localStorage.setItem(LABEL_KEY, label);
  return label;
}

function isDeviceIdentity(value: unknown): value is DeviceIdentity {
  if (typeof value !== 'object' || value === null) return false;
  const { deviceId, epoch, deviceSecret } = value as Record<string, unknown>;
  return (
    typeof deviceId === 'string' && typeof epoch === 'number' && typeof deviceSecret === 'string'
  );
}
