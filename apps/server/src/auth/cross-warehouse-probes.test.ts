import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../db/database';
import { aLoggedInDevice, aSeededAppPerFile, bodyOf } from '../testing/test-app';
import { testDatabases } from '../testing/test-databases';

/**
 * Issue 15's probe, widened to every route that names a thing by id: a GZ supervisor and a GZ
 * admin try each CD exception, task, device, wave, bin, zone, user and label, by the ids a
 * caller could read off a screen or guess. Every call is answered 404 (or 403 for the
 * warehouse itself) and nothing of CD changes; lists never show CD's rows.
 */
describe.each(testDatabases())('GZ leads probing CD by id on $name', (target) => {
  const fx = aSeededAppPerFile(target);
  const cd = {
    exceptionId: '',
    taskId: '',
    deviceId: '',
    binId: '',
    binCode: '',
    zoneId: '',
    waveId: '',
  };
  let gzSupervisor = '';
  let gzAdmin = '';

  const one = async <T>(query: ReturnType<typeof sql>) =>
    (await queryRows<T>(fx.database.db, query))[0]!;
  /** Everything of CD a probe could change, as one comparable snapshot. */
  const cdState = async () =>
    queryRows(
      fx.database.db,
      sql`select 'exception' as kind, id::text, status || coalesce(assigned_user_id, '') as state from exceptions where warehouse_id = 'CD'
          union all select 'task', id::text, status from tasks where warehouse_id = 'CD'
          union all select 'device', id::text, label || coalesce(revoked_at::text, '') from devices where warehouse_id = 'CD'
          union all select 'wave', id, status || coalesce(assigned_user_id, '') || assignment_version from waves where warehouse_id = 'CD'
          union all select 'bin', id, code || active || check_digits || path_seq from bins where warehouse_id = 'CD'
          union all select 'zone', id, code || name || active from zones where warehouse_id = 'CD'
          union all select 'user', id, name || badge || active || pin_hash from users where warehouse_id = 'CD'
          union all select 'warehouse', id, name || active from warehouses where id = 'CD'
          order by 1, 2`,
    );

  beforeAll(async () => {
    const db = fx.database.db;
    // A CD handheld signed in (so the device belongs to CD), and CD's open exception and task.
    const cdPicker = await aLoggedInDevice(fx.app, 'P-0003');
    cd.deviceId = cdPicker.deviceId;
    const bin = await one<{ id: string; code: string; zone: string }>(
      sql`select id, code, zone from bins where warehouse_id = 'CD' order by path_seq limit 1`,
    );
    cd.binId = bin.id;
    cd.binCode = bin.code;
    cd.zoneId = (
      await one<{ id: string }>(sql`select id from zones where warehouse_id = 'CD' limit 1`)
    ).id;
    cd.waveId = (
      await one<{ id: string }>(sql`select id from waves where warehouse_id = 'CD' limit 1`)
    ).id;
    cd.exceptionId = randomUUID();
    cd.taskId = randomUUID();
    await db.execute(sql`insert into exceptions (id, warehouse_id, kind, bin_id, message)
      values (${cd.exceptionId}, 'CD', 'bin-negative', ${cd.binId}, '库位 ${sql.raw(bin.code)} 库存为负')`);
    await db.execute(sql`insert into tasks (id, warehouse_id, kind, bin_id, detail, message)
      values (${cd.taskId}, 'CD', 'reprint-label', ${cd.binId}, '3', '请补打库位标签')`);
    gzSupervisor = (await aLoggedInDevice(fx.app, 'S-0001')).token;
    gzAdmin = (await aLoggedInDevice(fx.app, 'A-0001')).token;
  });

  const call = (token: string, method: string, path: string, body?: unknown) =>
    fx.app.request(path, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });

  it('every by-id call on a CD thing answers 404 and changes nothing', async () => {
    const before = await cdState();
    const probes: [string, string, string, unknown?][] = [
      ['supervisor', 'POST', `/api/exceptions/${cd.exceptionId}/resolve`, { note: '已处理' }],
      ['supervisor', 'POST', `/api/exceptions/${cd.exceptionId}/assign`, { userId: 'u-gz-s1' }],
      ['supervisor', 'POST', `/api/exceptions/${cd.exceptionId}/count-task`, {}],
      ['supervisor', 'POST', `/api/tasks/${cd.taskId}/count`, { countedQty: 0 }],
      ['supervisor', 'POST', `/api/devices/${cd.deviceId}/revoke`, {}],
      ['admin', 'PUT', `/api/devices/${cd.deviceId}`, { label: 'GZ 的 PDA' }],
      ['supervisor', 'GET', `/api/waves/${cd.waveId}`],
      ['supervisor', 'GET', `/api/waves/${cd.waveId}/move-preview?mode=remaining`],
      ['supervisor', 'POST', `/api/waves/${cd.waveId}/assign`, { userId: 'u-gz-p1' }],
      ['supervisor', 'POST', `/api/waves/${cd.waveId}/cancel`, {}],
      [
        'admin',
        'PUT',
        `/api/admin/bins/${cd.binId}`,
        { code: cd.binCode, zone: 'A', checkDigits: '42', pathSeq: 1 },
      ],
      ['admin', 'POST', `/api/admin/bins/${cd.binId}/active`, { active: false }],
      ['admin', 'PUT', `/api/admin/zones/${cd.zoneId}`, { code: 'Z', name: '改名' }],
      ['admin', 'POST', `/api/admin/zones/${cd.zoneId}/active`, { active: false }],
      [
        'admin',
        'PUT',
        '/api/admin/users/u-cd-p1',
        { name: '张伟', role: 'admin', badge: 'P-0003', language: 'zh-CN' },
      ],
      ['admin', 'POST', '/api/admin/users/u-cd-p1/active', { active: false }],
      ['admin', 'POST', '/api/admin/users/u-cd-p1/reset-pin', { pin: '9999' }],
    ];
    const answers: string[] = [];
    for (const [who, method, path, body] of probes) {
      const res = await call(who === 'admin' ? gzAdmin : gzSupervisor, method, path, body);
      answers.push(`${method} ${path} → ${res.status} ${(await bodyOf(res)).error?.code}`);
    }
    expect(answers).toEqual(probes.map(([, method, path]) => `${method} ${path} → 404 not_found`));
    expect(await cdState()).toEqual(before);
  });

  it('a GZ admin can neither rename nor close the CD warehouse', async () => {
    const before = await cdState();
    const rename = await call(gzAdmin, 'PUT', '/api/admin/warehouses/CD', {
      name: 'Chengdu',
      nameZh: '广州仓',
      city: '广州',
    });
    const close = await call(gzAdmin, 'POST', '/api/admin/warehouses/CD/active', { active: false });
    expect([rename.status, close.status]).toEqual([404, 404]);
    expect(await cdState()).toEqual(before);
  });

  it('lists and labels show GZ rows only, whatever the query asks for', async () => {
    const lists: [string, string, (body: never) => { warehouseId?: string; id?: string }[]][] = [
      [gzSupervisor, '/api/exceptions', (b: { exceptions: never[] }) => b.exceptions],
      [gzSupervisor, '/api/tasks', (b: { tasks: never[] }) => b.tasks],
      [gzSupervisor, '/api/devices', (b: { devices: never[] }) => b.devices],
      [gzAdmin, '/api/admin/bins?warehouseId=CD', (b: { bins: never[] }) => b.bins],
      [gzAdmin, '/api/admin/zones?warehouseId=CD', (b: { zones: never[] }) => b.zones],
      [gzAdmin, '/api/admin/users?warehouseId=CD', (b: { users: never[] }) => b.users],
    ];
    for (const [token, path, rowsOf] of lists) {
      const res = await call(token, 'GET', path);
      expect(res.status, path).toBe(200);
      const text = await res.text();
      expect(text, path).not.toContain(cd.exceptionId);
      expect(text, path).not.toContain(cd.taskId);
      expect(text, path).not.toContain(cd.deviceId);
      expect(text, path).not.toContain(cd.binId);
      const rows = rowsOf(JSON.parse(text) as never);
      expect(
        rows.filter((r) => r.warehouseId === 'CD'),
        path,
      ).toEqual([]);
    }
    const label = await call(
      gzSupervisor,
      'GET',
      `/api/labels/bins.zpl?binIds=${cd.binId}&codes=${encodeURIComponent(cd.binCode)}&warehouseId=CD`,
    );
    const zpl = label.status === 200 ? await label.text() : '';
    expect(zpl).not.toContain(cd.binId);
  });
});
