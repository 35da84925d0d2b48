import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { apiRoutes, concretePath } from '../testing/api-routes';
import { aLoggedInDevice, aSeededAppPerFile } from '../testing/test-app';
import { testDatabases } from '../testing/test-databases';

type Caller = 'anonymous' | 'picker' | 'supervisor' | 'admin';
const SIGNED_IN: Caller[] = ['picker', 'supervisor', 'admin'];
const LEADS: Caller[] = ['supervisor', 'admin'];
const EVERYONE: Caller[] = ['anonymous', ...SIGNED_IN];

/**
 * Who may call what. Every route of the app must be listed: a route added without a line here
 * fails this test, so nobody ships an endpoint whose access was never decided.
 */
const ACCESS: Record<string, Caller[]> = {
  'GET /api/health': EVERYONE,
  'POST /api/devices/register': EVERYONE,
  'POST /api/auth/login': EVERYONE,
  'POST /api/devices/:deviceId/revoke': LEADS,
  'POST /api/sync/push': SIGNED_IN,
  'GET /api/sync/pull': SIGNED_IN,
  'GET /api/sync/events': SIGNED_IN,
  'GET /api/waves/:waveId': LEADS,
  'POST /api/waves/:waveId/assign': LEADS,
  'GET /api/exceptions': LEADS,
};

const BADGES: Record<Exclude<Caller, 'anonymous'>, string> = {
  picker: 'P-0001',
  supervisor: 'S-0001',
  admin: 'A-0001',
};

describe('the authorisation matrix', () => {
  const fixture = aSeededAppPerFile(testDatabases()[0]!);

  it('lists every route of the app', () => {
    expect(apiRoutes(fixture.app)).toEqual(Object.keys(ACCESS).sort());
  });

  it.each(Object.entries(ACCESS))(
    '%s: allowed callers get in, the others are refused',
    async (route, allowed) => {
      const [method, pattern] = route.split(' ') as [string, string];
      const path = concretePath(pattern, { deviceId: randomUUID(), waveId: 'W-GZ-B26-07' });
      for (const caller of ['anonymous', ...SIGNED_IN] as Caller[]) {
        const headers: Record<string, string> = { 'content-type': 'application/json' };
        if (caller !== 'anonymous') {
          headers.authorization = `Bearer ${(await aLoggedInDevice(fixture.app, BADGES[caller])).token}`;
        }
        const res = await fixture.app.request(path, {
          method,
          headers,
          ...(method === 'POST' ? { body: '{}' } : {}),
        });
        await res.body?.cancel();
        const verdict = `${caller} → ${res.status}`;
        if (allowed.includes(caller)) {
          expect([401, 403], verdict).not.toContain(res.status);
        } else {
          expect(res.status, verdict).toBe(caller === 'anonymous' ? 401 : 403);
        }
      }
    },
  );
});
