import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { queryRows } from '../db/database';
import { createUser } from '../master-data/users';
import { aLoggedInDevice, aSeededAppPerFile, bodyOf } from '../testing/test-app';
import { testDatabases } from '../testing/test-databases';

/** Issue 15: a hub admin grants and removes hub admin; the hub always keeps one. */
describe.each(testDatabases().slice(0, 1))('hub admins on $name', (target) => {
  const fx = aSeededAppPerFile(target);
  const call = (method: string, path: string, token: string) =>
    fx.app.request(path, { method, headers: { authorization: `Bearer ${token}` } });
  const hubAdmins = async () =>
    (
      await queryRows<{ id: string }>(
        fx.database.db,
        sql`select id from users where hub_admin order by id`,
      )
    ).map((r) => r.id);

  it('grants hub admin to another warehouse’s admin, lists them, and takes it away again', async () => {
    await createUser(
      fx.database.db,
      'CD',
      {
        id: 'u-cd-a1',
        name: '周敏',
        role: 'admin',
        badge: 'A-0009',
        language: 'zh-CN',
        pin: '1234',
      },
      new Date(),
    );
    const hub = (await aLoggedInDevice(fx.app, 'A-0001')).token;
    expect(await hubAdmins()).toEqual(['u-gz-a1']);

    const granted = await call('PUT', '/api/admin/hub-admins/u-cd-a1', hub);
    expect(granted.status).toBe(200);
    expect(await bodyOf(granted)).toEqual({
      userId: 'u-cd-a1',
      name: '周敏',
      warehouseId: 'CD',
      hubAdmin: true,
    });
    // Granting again changes nothing and answers the same.
    expect((await call('PUT', '/api/admin/hub-admins/u-cd-a1', hub)).status).toBe(200);
    const list = await call('GET', '/api/admin/hub-admins', hub);
    expect(await bodyOf(list)).toEqual({
      hubAdmins: [
        { userId: 'u-cd-a1', name: '周敏', warehouseId: 'CD', hubAdmin: true },
        { userId: 'u-gz-a1', name: 'Chen Jie', warehouseId: 'GZ', hubAdmin: true },
      ],
    });

    // The new hub admin may now use the hub's powers, and take them from the first.
    const cd = (await aLoggedInDevice(fx.app, 'A-0009')).token;
    const removed = await call('DELETE', '/api/admin/hub-admins/u-gz-a1', cd);
    expect(removed.status).toBe(200);
    expect(await bodyOf(removed)).toEqual({
      userId: 'u-gz-a1',
      name: 'Chen Jie',
      warehouseId: 'GZ',
      hubAdmin: false,
    });
    expect(await hubAdmins()).toEqual(['u-cd-a1']);
    // At once: the GZ admin's token is no longer a hub admin's.
    const refused = await call('GET', '/api/admin/hub-admins', hub);
    expect(refused.status).toBe(403);
    expect(await bodyOf(refused)).toMatchObject({
      error: { code: 'forbidden', params: { needs: 'hub-admin' } },
    });
  });

  it('refuses to remove the last hub admin (409 last_hub_admin), changing nothing', async () => {
    const cd = (await aLoggedInDevice(fx.app, 'A-0009')).token;
    expect(await hubAdmins()).toEqual(['u-cd-a1']);
    const res = await call('DELETE', '/api/admin/hub-admins/u-cd-a1', cd);
    expect(res.status).toBe(409);
    expect(await bodyOf(res)).toMatchObject({
      error: {
        code: 'last_hub_admin',
        params: { userId: 'u-cd-a1' },
        fields: [{ path: 'userId', message: 'the last hub admin' }],
      },
    });
    expect(await hubAdmins()).toEqual(['u-cd-a1']);
  });

  it('grants only to an active admin: a picker is 409 not_an_admin, an unknown user 404', async () => {
    const cd = (await aLoggedInDevice(fx.app, 'A-0009')).token;
    const picker = await call('PUT', '/api/admin/hub-admins/u-cd-p1', cd);
    expect(picker.status).toBe(409);
    expect(await bodyOf(picker)).toMatchObject({
      error: { code: 'not_an_admin', params: { userId: 'u-cd-p1' } },
    });
    const unknown = await call('PUT', '/api/admin/hub-admins/u-nobody', cd);
    expect(unknown.status).toBe(404);
    expect(await bodyOf(unknown)).toMatchObject({
      error: { code: 'not_found', params: { userId: 'u-nobody' } },
    });
    expect(await hubAdmins()).toEqual(['u-cd-a1']);
  });

  it('keeps the last hub admin through a deactivation, a role change and a users file (409 last_hub_admin)', async () => {
    const cd = (await aLoggedInDevice(fx.app, 'A-0009')).token;
    const send = (method: string, path: string, body: string, type = 'application/json') =>
      fx.app.request(path, {
        method,
        headers: { authorization: `Bearer ${cd}`, 'content-type': type },
        body,
      });
    const refusals = [
      await send('POST', '/api/admin/users/u-cd-a1/active', JSON.stringify({ active: false })),
      await send(
        'PUT',
        '/api/admin/users/u-cd-a1',
        JSON.stringify({ name: '周敏', role: 'supervisor', badge: 'A-0009', language: 'zh-CN' }),
      ),
      await send(
        'POST',
        '/api/admin/users.csv',
        'id,name,role,badge,language,pin\r\nu-cd-a1,周敏,supervisor,A-0009,zh-CN,\r\n',
        'text/csv',
      ),
    ];
    for (const res of refusals) {
      expect(res.status).toBe(409);
      expect(await bodyOf(res)).toMatchObject({
        error: { code: 'last_hub_admin', params: { userId: 'u-cd-a1' } },
      });
    }
    expect(await hubAdmins()).toEqual(['u-cd-a1']);
    const [user] = await queryRows<{ role: string; active: boolean }>(
      fx.database.db,
      sql`select role, active from users where id = 'u-cd-a1'`,
    );
    expect(user).toEqual({ role: 'admin', active: true });
  });
});
