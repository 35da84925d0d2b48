import { pbkdf2, randomBytes } from 'node:crypto';

/**
 * PBKDF2-SHA256 rounds of an unlock verifier. WebCrypto on the handheld has PBKDF2 (not scrypt):
 * 200,000 rounds take 0.2–0.5 s there, once per unlock.
 */
export const UNLOCK_VERIFIER_ROUNDS = 200_000;

/** Who may unlock a handheld's scanner settings: the roles whose PINs get a verifier. */
export function isLeadRole(role: string): boolean {
  return role === 'supervisor' || role === 'admin';
}

function pbkdf2Async(pin: string, salt: Buffer, rounds: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    pbkdf2(pin, salt, rounds, 32, 'sha256', (err, key) => (err ? reject(err) : resolve(key))),
  );
}

/**
 * What a handheld checks a lead's PIN against with no network (docs/decisions/017): PBKDF2 of
 * the PIN under a salt of its own, so that it is not the login hash (`pin_hash`, scrypt, never
 * leaves the server). Format `pbkdf2-sha256$rounds$salt$hash` (base64url).
 *
 * @example
 * await unlockVerifierOf('1234') // → 'pbkdf2-sha256$200000$…$…'
 */
export async function unlockVerifierOf(
  pin: string,
  rounds = UNLOCK_VERIFIER_ROUNDS,
): Promise<string> {
  const salt = randomBytes(16);
  const hash = await pbkdf2Async(pin, salt, rounds);
  return `pbkdf2-sha256$${rounds}$${salt.toString('base64url')}$${hash.toString('base64url')}`;
}

/** The verifier a user with `role` keeps for `pin`: leads get one, everyone else none. */
export async function unlockVerifierFor(role: string, pin: string): Promise<string | null> {
  return isLeadRole(role) ? unlockVerifierOf(pin) : null;
}
