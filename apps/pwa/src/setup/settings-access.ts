import type { Language } from '@wms/protocol';
import { rememberLanguage } from '../i18n/language';
import { ensureDeviceIdentity } from '../session/sign-in';
import type { WmsDatabase } from '../storage/database';
import { readMeta, writeMeta } from '../storage/meta';
import { ApiError, type api as apiClient } from '../sync/api-client';
import {
  isPinOfVerifier,
  recordUnlockAttempt,
  storedVerifierOf,
  unlockLockedUntil,
} from './offline-unlock';

/**
 * The signed-in user's language on this device: the screens and the prompts switch at once. The
 * profile's language only chose the first one (a picker could not change it on the handheld).
 */
export async function chooseSessionLanguage(
  database: WmsDatabase,
  language: Language,
): Promise<void> {
  rememberLanguage(language);
  const session = await readMeta(database, 'session');
  if (session)
    await writeMeta(database, 'session', { ...session, user: { ...session.user, language } });
}

/**
 * What unlocking the scanner's profile with a badge and PIN came to: `locked` after too many
 * wrong PINs on this handheld, `needs-network` when the device has never fetched its
 * warehouse's leads and cannot reach the server.
 */
export type UnlockOutcome = 'unlocked' | 'not-supervisor' | 'locked' | 'needs-network';

/**
 * Unlocks the scanner's profile on a picker's handheld (one wrong tap there breaks scanning) for
 * a supervisor's or admin's badge and PIN. A lead this device knows is checked on the device,
 * offline too (decision 020); any other badge is asked of the server.
 */
export async function unlockScannerSettings(
  database: WmsDatabase,
  api: typeof apiClient,
  badge: string,
  pin: string,
  now = Date.now(),
): Promise<UnlockOutcome> {
  if (unlockLockedUntil(now) !== null) return 'locked';
  const stored = await storedVerifierOf(database, badge);
  let ok: boolean;
  if (stored) {
    ok = await isPinOfVerifier(stored.verifier, pin);
  } else {
    try {
      ok = await isSupervisorPin(database, api, badge, pin);
    } catch (error) {
      if (!(error instanceof ApiError) || error.kind === 'network') {
        // Offline: a badge missing from a list the device has is no lead of this warehouse.
        if (stored === undefined) return 'needs-network';
        ok = false;
      } else ok = false;
    }
  }
  recordUnlockAttempt(ok, now);
  return ok ? 'unlocked' : 'not-supervisor';
}

/**
 * True when `badge` and `pin` sign in a supervisor or an admin, asked of the server (a lead this
 * device has no verifier for).
 */
export async function isSupervisorPin(
  database: WmsDatabase,
  api: typeof apiClient,
  badge: string,
  pin: string,
): Promise<boolean> {
  const identity = await ensureDeviceIdentity(database, api);
  const { user } = await api.login({ badge: badge.trim(), pin, ...identity });
  return user.role === 'supervisor' || user.role === 'admin';
}
