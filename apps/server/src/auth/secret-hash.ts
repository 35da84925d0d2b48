import { createHash, randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

/** Hashes a PIN with a random salt (scrypt): `scrypt$salt$hash`. */
export function hashPin(pin: string): string {
  const salt = randomBytes(16);
  return `scrypt$${salt.toString('base64url')}$${scryptSync(pin, salt, 32).toString('base64url')}`;
}

export function isPinCorrect(pin: string, stored: string): boolean {
  const [scheme, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const actual = scryptSync(pin, Buffer.from(salt, 'base64url'), expected.length);
  return timingSafeEqual(actual, expected);
}

/** A device secret is random and long, so a plain SHA-256 is enough to store it. */
export function hashDeviceSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('base64url');
}

export function isDeviceSecretCorrect(secret: string, storedHash: string): boolean {
  const a = Buffer.from(hashDeviceSecret(secret));
  const b = Buffer.from(storedHash);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function newDeviceSecret(): string {
  return randomBytes(24).toString('base64url');
}
