import { afterEach, describe, expect, it, vi } from 'vitest';
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

  describe('once verified', () => {
    afterEach(() => vi.useRealTimers());

    it('are refused as soon as they expire, though verified before', async () => {
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(new Date('2026-11-22T08:00:00.000Z'));
      const token = await signSession(session, SECRET, new Date('2026-11-22T08:01:00.000Z'));
      expect(await verifySession(token, SECRET)).toEqual(session);
      expect(await verifySession(token, SECRET)).toEqual(session);
      vi.setSystemTime(new Date('2026-11-22T08:00:59.999Z'));
      expect(await verifySession(token, SECRET)).toEqual(session);
      vi.setSystemTime(new Date('2026-11-22T08:01:00.000Z'));
      expect(await verifySession(token, SECRET)).toBeNull();
      expect(await verifySession(token, `${SECRET}x`)).toBeNull();
    });

    it('hand each caller a session of its own', async () => {
      const token = await signSession(session, SECRET, new Date(Date.now() + 60_000));
      const first = (await verifySession(token, SECRET))!;
      first.userId = 'u-gz-s1';
      expect(await verifySession(token, SECRET)).toEqual(session);
    });
  });
});
