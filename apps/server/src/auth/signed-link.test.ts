import { describe, expect, it } from 'vitest';
import { signLink, verifyLink } from './signed-link';

const secret = 'a-test-secret-of-at-least-thirty-two-chars';
const now = new Date('2026-12-06T10:00:00Z');
const expiresAt = new Date('2026-12-07T10:00:00Z');

describe('signed links', () => {
  it('opens for its purpose until it expires', () => {
    const token = signLink('order-status', { subject: 'SO-门店-7', expiresAt }, secret);
    expect(verifyLink(token, 'order-status', secret, now)).toEqual({
      subject: 'SO-门店-7',
      expiresAt,
    });
    expect(verifyLink(token, 'order-status', secret, new Date('2026-12-07T10:00:00Z'))).toBeNull();
  });

  it('refuses another purpose, another secret, and any change to the token', () => {
    const token = signLink(
      'address-confirmation',
      { subject: 'ACR-1', expiresAt, nonce: 'n1' },
      secret,
    );
    expect(verifyLink(token, 'address-confirmation', secret, now)?.nonce).toBe('n1');
    expect(verifyLink(token, 'order-status', secret, now)).toBeNull();
    expect(verifyLink(token, 'address-confirmation', `${secret}x`, now)).toBeNull();
    const [body, mac] = token.split('.') as [string, string];
    const forged = Buffer.from(
      JSON.stringify({ p: 'address-confirmation', s: 'ACR-2', e: 1_900_000_000, n: 'n1' }),
    ).toString('base64url');
    expect(verifyLink(`${forged}.${mac}`, 'address-confirmation', secret, now)).toBeNull();
    expect(
      verifyLink(`${body}.${mac.slice(0, -1)}A`, 'address-confirmation', secret, now),
    ).toBeNull();
    expect(verifyLink(`${body}`, 'address-confirmation', secret, now)).toBeNull();
    expect(verifyLink('not a token', 'address-confirmation', secret, now)).toBeNull();
  });
});
