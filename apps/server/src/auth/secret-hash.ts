import { createHash, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/**
 * scrypt on libuv's thread pool: a PIN costs ~50 ms of CPU, which `scryptSync` spent on the event
 * loop, stalling every other request (pushes, pokes) during each login or user import.
 */
function scryptAsync(pin: string, salt: Buffer, length: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(pin, salt, length, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

/** Hashes a PIN with a random salt (scrypt): `scrypt$salt$hash`. */
export async function hashPin(pin: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scryptAsync(pin, salt, 32);
  return `scrypt$${salt.toString('base64url')}$${hash.toString('base64url')}`;
}

export async function isPinCorrect(pin: string, stored: string): Promise<boolean> {
  const [scheme, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const actual = await scryptAsync(pin, Buffer.from(salt, 'base64url'), expected.length);
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
