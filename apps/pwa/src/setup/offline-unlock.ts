import type { UnlockVerifiers } from '@wms/protocol';
import type { WmsDatabase } from '../storage/database';
import { readMeta, writeMeta } from '../storage/meta';
import type { Api } from '../sync/api-client';

type Verifier = UnlockVerifiers['verifiers'][number];

/** Wrong PINs in a row on this handheld before unlocking waits, as the server locks a badge. */
export const MAX_UNLOCK_ATTEMPTS = 5;
export const UNLOCK_LOCK_MS = 15 * 60_000;
const FAILURES_KEY = 'wms.unlock-failures';

interface UnlockFailures {
  count: number;
  lockedUntil: number | null;
}

function base64url(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}

/**
 * Whether `pin` is the one behind a lead's verifier (`pbkdf2-sha256$rounds$salt$hash`), with
 * WebCrypto's PBKDF2: no network needed.
 *
 * @example
 * await isPinOfVerifier('pbkdf2-sha256$1000$AAECAwQFBgcICQoLDA0ODw$kBA2…', '86420') // → true
 */
export async function isPinOfVerifier(verifier: string, pin: string): Promise<boolean> {
  const [scheme, rounds, salt, hash] = verifier.split('$');
  if (scheme !== 'pbkdf2-sha256' || !rounds || !salt || !hash) return false;
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(pin), 'PBKDF2', false, [
    'deriveBits',
  ]);
  const expected = base64url(hash);
  const derived = new Uint8Array(
    await crypto.subtle.deriveBits(
      { name: 'PBKDF2', hash: 'SHA-256', salt: base64url(salt), iterations: Number(rounds) },
      key,
      expected.length * 8,
    ),
  );
  // Every byte compared, whatever the first difference.
  return derived.reduce((same, byte, i) => same && byte === expected[i], true);
}

/**
 * Fetches the warehouse's leads and their verifiers while online (after sign-in, in Settings).
 * Sign-out drops them.
 */
export async function refreshUnlockVerifiers(database: WmsDatabase, api: Api): Promise<void> {
  const session = await readMeta(database, 'session');
  if (!session) return;
  const { verifiers } = await api.unlockVerifiers(session.token);
  await writeMeta(database, 'unlockVerifiers', {
    warehouseId: session.user.warehouseId,
    verifiers,
    fetchedAt: new Date().toISOString(),
  });
}

/**
 * The verifier of `badge` among this warehouse's leads as last fetched; `null` when the device
 * knows the list and the badge is not on it; `undefined` when it has no list for the warehouse.
 */
export async function storedVerifierOf(
  database: WmsDatabase,
  badge: string,
): Promise<Verifier | null | undefined> {
  const [session, stored] = await Promise.all([
    readMeta(database, 'session'),
    readMeta(database, 'unlockVerifiers'),
  ]);
  if (!session || !stored || stored.warehouseId !== session.user.warehouseId) return undefined;
  const wanted = badge.trim().toUpperCase();
  return stored.verifiers.find((v) => v.badge.toUpperCase() === wanted) ?? null;
}

function readFailures(): UnlockFailures {
  try {
    const parsed = JSON.parse(
      localStorage.getItem(FAILURES_KEY) ?? 'null',
    ) as UnlockFailures | null;
    return parsed ?? { count: 0, lockedUntil: null };
  } catch {
    return { count: 0, lockedUntil: null };
  }
}

/** Until when unlocking waits after too many wrong PINs on this handheld (null: it does not). */
export function unlockLockedUntil(now: number): number | null {
  const { lockedUntil } = readFailures();
  return lockedUntil !== null && lockedUntil > now ? lockedUntil : null;
}

/** Counts a wrong PIN (the fifth in a row locks unlocking) or, after a right one, starts again. */
export function recordUnlockAttempt(ok: boolean, now: number): void {
  if (ok) {
    localStorage.removeItem(FAILURES_KEY);
    return;
  }
  const count = readFailures().count + 1;
  const lockedUntil = count >= MAX_UNLOCK_ATTEMPTS ? now + UNLOCK_LOCK_MS : null;
  localStorage.setItem(
    FAILURES_KEY,
    JSON.stringify({ count: lockedUntil ? 0 : count, lockedUntil } satisfies UnlockFailures),
  );
}
