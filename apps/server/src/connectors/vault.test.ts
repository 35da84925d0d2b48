import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openCredentials, parseConnectorKey, sealCredentials } from './vault';

const key = randomBytes(32);
const creds = {
  appKey: '12345678',
  appSecret: 'sandbox-秘钥',
  accessToken: '6201c2f0a',
  refreshToken: 'r-1',
};

describe('connector credentials at rest', () => {
  it('are stored as ciphertext that opens to the same credentials', () => {
    const sealed = sealCredentials(key, creds);
    expect(sealed).toMatch(/^v1\./);
    expect(sealed).not.toContain('sandbox');
    expect(sealed).not.toContain('6201c2f0a');
    expect(openCredentials(key, sealed)).toEqual(creds);
  });

  it('are sealed with a fresh IV each time (the same secrets never look the same twice)', () => {
    expect(sealCredentials(key, creds)).not.toBe(sealCredentials(key, creds));
  });

  it('do not open under another key, nor when a byte was changed', () => {
    const sealed = sealCredentials(key, creds);
    expect(() => openCredentials(randomBytes(32), sealed)).toThrow();
    const [v, iv, tag, body] = sealed.split('.') as [string, string, string, string];
    const flipped = Buffer.from(body, 'base64url');
    flipped[0] = flipped[0]! ^ 1;
    expect(() =>
      openCredentials(key, [v, iv, tag, flipped.toString('base64url')].join('.')),
    ).toThrow();
  });

  it('need a CONNECTOR_KEY of exactly 32 bytes in base64', () => {
    const good = randomBytes(32).toString('base64');
    expect(parseConnectorKey(good).length).toBe(32);
    expect(() => parseConnectorKey(randomBytes(16).toString('base64'))).toThrow(
      'CONNECTOR_KEY must be 32 random bytes in base64 (44 characters; make one with `openssl rand -base64 32`), got 16 bytes',
    );
    expect(() => parseConnectorKey('not base64 at all!')).toThrow(
      /CONNECTOR_KEY must be 32 random bytes/,
    );
  });
});
