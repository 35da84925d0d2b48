import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { PlatformCredentials } from './platform';

/**
 * Connector credentials at rest (issue 27): AES-256-GCM under CONNECTOR_KEY, a fresh 12-byte IV
 * per write, stored as `v1.<iv>.<tag>.<ciphertext>` (base64url). A row copied into another
 * installation, or altered, does not decrypt (the tag fails) rather than yielding wrong secrets.
 */
const VERSION = 'v1';

/** The key from CONNECTOR_KEY (32 bytes, base64), or why it is unusable. */
export function parseConnectorKey(base64: string): Buffer {
  const key = Buffer.from(base64, 'base64');
  if (key.length !== 32 || key.toString('base64') !== base64.replace(/\s/g, '')) {
    throw new Error(
      `CONNECTOR_KEY must be 32 random bytes in base64 (44 characters; make one with \`openssl rand -base64 32\`), got ${key.length} bytes`,
    );
  }
  return key;
}

export function sealCredentials(key: Buffer, credentials: PlatformCredentials): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(JSON.stringify(credentials), 'utf8'), cipher.final()]);
  return [VERSION, iv, cipher.getAuthTag(), body]
    .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
    .join('.');
}

export function openCredentials(key: Buffer, sealed: string): PlatformCredentials {
  const [version, iv, tag, body] = sealed.split('.');
  if (version !== VERSION || !iv || !tag || body === undefined) {
    throw new Error('connector credentials are not in the sealed v1 form');
  }
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  const clear = Buffer.concat([
    decipher.update(Buffer.from(body, 'base64url')),
    decipher.final(),
  ]).toString('utf8');
  return JSON.parse(clear) as PlatformCredentials;
}
