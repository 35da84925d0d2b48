import type { Language } from '@wms/protocol';
import { rememberLanguage } from '../i18n/language';
import { ensureDeviceIdentity } from '../session/sign-in';
import type { WmsDatabase } from '../storage/database';
import { readMeta, writeMeta } from '../storage/meta';
import type { api as apiClient } from '../sync/api-client';

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
 * True when `badge` and `pin` sign in a supervisor or an admin: what unlocks the scanner's
 * profile on a picker's handheld (one wrong tap there breaks scanning). Needs the network.
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
