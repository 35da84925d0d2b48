import { pbkdf2Sync, timingSafeEqual } from 'node:crypto';
import type { UnlockVerifiers } from '@wms/protocol';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { queryRows } from '../db/database';
import {
  aLoggedInDevice,
  aSeededAppPerFile,
  bodyOf,
  postJson,
  type TestDevice,
} from '../testing/test-app';
import { testDatabases } from '../testing/test-databases';

/** What the handheld does with a verifier (WebCrypto there): does `pin` match it? */
function isPinOf(verifier: string, pin: string): boolean {
  const [scheme, rounds, salt, hash] = verifier.split('$');
  expect(scheme).toBe('pbkdf2-sha256');
  const expected = Buffer.from(hash!, 'base64url');
  const actual = pbkdf2Sync(pin, Buffer.from(salt!, 'base64url'), Number(rounds), 32, 'sha256');
  return timingSafeEqual(actual, expected);
}

describe.each(testDatabases())('unlock verifiers of the leads on $name', (target) => {
  const fx = aSeededAppPerFile(target);

  const verifiersFor = async (device: TestDevice) => {
    const res = await fx.app.request('/api/sync/unlock-verifiers', {
      headers: { authorization: `Bearer ${device.token}` },
    });
    expect(res.status).toBe(200);
    return (await bodyOf<UnlockVerifiers>(res)).verifiers;
  };

  it("gives a picker's handheld its own warehouse's supervisors and admins, checkable against their PIN", async () => {
    const picker = await aLoggedInDevice(fx.app, 'P-0001');
    const verifiers = await verifiersFor(picker);
    expect(verifiers.map((v) => [v.badge, v.userId])).toEqual([
      ['A-0001', 'u-gz-a1'],
      ['S-0001', 'u-gz-s1'],
    ]);
    for (const { verifier } of verifiers) {
      expect(isPinOf(verifier, '1234')).toBe(true);
      expect(isPinOf(verifier, '1235')).toBe(false);
    }
    // Not the login hash: its own salt and scheme, so the server's stored hash never leaves it.
    const [stored] = await queryRows<{ pin_hash: string }>(
      fx.database.db,
      sql`select pin_hash from users where id = 'u-gz-s1'`,
    );
    expect(JSON.stringify(verifiers)).not.toContain(stored!.pin_hash.split('$')[1]);

    const cdPicker = await aLoggedInDevice(fx.app, 'P-0003');
    expect((await verifiersFor(cdPicker)).map((v) => v.badge)).toEqual(['S-0002']);
  });

  it('follows a new PIN, a lead made a picker, and fills in a lead signed in before verifiers came', async () => {
    const admin = await aLoggedInDevice(fx.app, 'A-0001');
    const picker = await aLoggedInDevice(fx.app, 'P-0002');
    const reset = await postJson(
      fx.app,
      '/api/admin/users/u-gz-s1/reset-pin',
      { pin: '86420' },
      admin.token,
    );
    expect(reset.status).toBe(200);
    const s1 = (await verifiersFor(picker)).find((v) => v.badge === 'S-0001')!;
    expect(isPinOf(s1.verifier, '86420')).toBe(true);
    expect(isPinOf(s1.verifier, '1234')).toBe(false);

    const demoted = await fx.app.request('/api/admin/users/u-gz-s1', {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin.token}` },
      body: JSON.stringify({
        name: 'Wang Fang',
        role: 'picker',
        badge: 'S-0001',
        language: 'zh-CN',
      }),
    });
    expect(demoted.status).toBe(200);
    expect((await verifiersFor(picker)).map((v) => v.badge)).toEqual(['A-0001']);

    // A database from before this change: no verifier until the lead signs in once.
    await fx.database.db.execute(sql`update users set unlock_verifier = null where id = 'u-gz-a1'`);
    expect(await verifiersFor(picker)).toEqual([]);
    await aLoggedInDevice(fx.app, 'A-0001');
    const [a1] = await verifiersFor(picker);
    expect(a1?.badge).toBe('A-0001');
    expect(isPinOf(a1!.verifier, '1234')).toBe(true);
  });
});
