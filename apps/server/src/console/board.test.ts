import type { Board } from '@wms/protocol';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { queryRows } from '../db/database';
import { aLoggedInDevice, aPick, aSeededAppPerFile, bodyOf, pull, push } from '../testing/test-app';
import { testDatabases } from '../testing/test-databases';

describe.each(testDatabases())('the supervisor board on $name', (target) => {
  const fx = aSeededAppPerFile(target);

  const board = async (token: string) => {
    const res = await fx.app.request('/api/console/board', {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
    return bodyOf<Board>(res);
  };

  it('shows only the supervisor’s warehouse: its waves, pickers, stages and provinces', async () => {
    const gz = await board((await aLoggedInDevice(fx.app, 'S-0001')).token);
    expect(gz.warehouseId).toBe('GZ');
    expect(gz.waves.map((w) => w.code)).toEqual(['B26-07', 'B26-08']);
    expect(gz.pickers.map((p) => p.name)).toEqual(['Li Wei', 'Zhang Min']);
    const [counts] = await queryRows<{ lines: number; orders: number; ofWeek: number }>(
      fx.database.db,
      sql`select (select count(*)::int from pick_lines where wave_id = 'W-GZ-B26-07') as lines,
                 -- Orders on their way, and those shipped that were placed in the last day (the
                 -- stages) or week (the destinations): the demo's shipments of yesterday are
                 -- destinations, no longer a stage.
                 (select count(*)::int from orders where warehouse_id = 'GZ' and status <> 'cancelled'
                    and (status <> 'shipped'
                         or coalesce(placed_at, created_at) > now() - interval '24 hours')) as orders,
                 (select count(*)::int from orders where warehouse_id = 'GZ' and status <> 'cancelled'
                    and (status <> 'shipped'
                         or coalesce(placed_at, created_at) > now() - interval '7 days')) as "ofWeek"`,
    );
    expect(gz.waves[0]?.lines).toBe(counts?.lines);
    expect(gz.stages.map((s) => s.stage)).toEqual([
      'received',
      'backordered',
      'held',
      'unrouted',
      'waved',
      'picking',
      'picked',
      'shipped',
    ]);
    expect(gz.stages.reduce((sum, s) => sum + s.count, 0)).toBe(counts?.orders);
    expect(gz.provinces.reduce((sum, p) => sum + p.orders, 0)).toBe(counts?.ofWeek);
    const cd = await board((await aLoggedInDevice(fx.app, 'S-0002')).token);
    expect(cd.warehouseId).toBe('CD');
    expect(cd.waves.every((w) => !gz.waves.some((g) => g.id === w.id))).toBe(true);
    expect(cd.pickers.map((p) => p.name)).not.toContain('Li Wei');
  });

  it('shows a picker’s position, last seen and the backlog their device reports', async () => {
    const picker = await aLoggedInDevice(fx.app, 'P-0001');
    const line = (await pull(fx.app, picker)).lines.find((l) => l.status === 'open')!;
    // The device says it holds 4 events; one reaches the server.
    await push(fx.app, picker, [aPick(picker, line, 1)], 4);
    const view = await board((await aLoggedInDevice(fx.app, 'S-0001')).token);
    const liWei = view.pickers.find((p) => p.userId === 'u-gz-p1');
    expect(liWei).toMatchObject({ currentBin: line.binCode, backlog: 3, waveCodes: ['B26-07'] });
    expect(liWei?.lastSeenAt).not.toBeNull();
    const wave = view.waves.find((w) => w.code === 'B26-07');
    expect(wave?.byPicker).toEqual([{ userId: 'u-gz-p1', name: 'Li Wei', lines: 1, units: 1 }]);
    expect(view.pickers.find((p) => p.userId === 'u-gz-p2')?.backlog).toBe(0);
  });

  it('is not for pickers', async () => {
    const picker = await aLoggedInDevice(fx.app, 'P-0002');
    const res = await fx.app.request('/api/console/board', {
      headers: { authorization: `Bearer ${picker.token}` },
    });
    expect(res.status).toBe(403);
  });
});
