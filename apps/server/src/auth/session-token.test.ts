import { describe, expect, it } from 'vitest';
import { signSession, verifySession } from './session-token';

const SECRET = 'session-test-secret-0123456789-abcdef';
const session = {
  userId: 'u-gz-p1',
  role: 'picker' as const,
  warehouseId: 'GZ',
  deviceId: 'd1',
  epoch: 2,
};

describe('session tokens', () => {
  it('carry the user and the device incarnation until they expire', async () => {
    const token = await signSession(session, SECRET, new Date(Date.now() + 60_000));
    expect(await verifySession(token, SECRET)).toEqual(session);
  });

  it('are refused once expired, with another secret, or altered', async () => {
    const expired = await signSession(session, SECRET, new Date(Date.now() - 1000));
    expect(await verifySession(expired, SECRET)).toBeNull();
    const token = await signSession(session, SECRET, new Date(Date.now() + 60_000));
    expect(await verifySession(token, `${SECRET}x`)).toBeNull();
    const [header, , signature] = token.split('.');
    const forged = Buffer.from(
      JSON.stringify({ ...session, sub: 'u-gz-s1', role: 'supervisor' }),
    ).toString('base64url');
    expect(await verifySession(`${header}.${forged}.${signature}`, SECRET)).toBeNull();
  });
});
