import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../db/database';
import {
  aLoggedInDevice,
  aPick,
  aSeededAppPerFile,
  bodyOf,
  postJson,
  pull,
  push,
} from '../testing/test-app';
import { testDatabases } from '../testing/test-databases';

describe.each(testDatabases())('pull on $name', (target) => {
  const fixture = aSeededAppPerFile(target);

  it('a first pull is a full snapshot of the waves assigned to the picker, and only those', async () => {
    const picker = await aLoggedInDevice(fixture.app, 'P-0001');
    const snapshot = await pull(fixture.app, picker);
    expect(snapshot.reset).toBe(true);
    expect(snapshot.hasMore).toBe(false);
    expect(snapshot.waves.map((w) => w.code)).toEqual(['B26-07']);
    expect(snapshot.lines.length).toBeGreaterThan(15);
    expect(new Set(snapshot.lines.map((l) => l.waveId))).toEqual(new Set(['W-GZ-B26-07']));
    const paths = snapshot.lines.map((l) => l.pathSeq);
    expect(paths).toEqual([...paths].sort((a, b) => a - b));
  });

  it('a supervisor sees every wave of their warehouse, and no other', async () => {
    const supervisor = await aLoggedInDevice(fixture.app, 'S-0001');
    const snapshot = await pull(fixture.app, supervisor);
    expect(snapshot.waves.map((w) => w.code).sort()).toEqual(['B26-07', 'B26-08']);
  });

  it('after a push, the next pull brings the changed line and says the event is reflected', async () => {
    const picker = await aLoggedInDevice(fixture.app, 'P-0001');
    const snapshot = await pull(fixture.app, picker);
    const line = snapshot.lines.find((l) => l.status === 'open' && l.qty >= 2)!;
    await push(fixture.app, picker, [aPick(picker, line, 1)]);
    const changes = await pull(fixture.app, picker, snapshot.cursor);
    expect(changes.reset).toBe(false);
    expect(changes.ackedThroughSeq).toBe(1);
    expect(changes.lines).toEqual([{ ...line, pickedQty: line.pickedQty + 1 }]);
    const nothingNew = await pull(fixture.app, picker, changes.cursor);
    expect(nothingNew.lines).toEqual([]);
    expect(nothingNew.waves).toEqual([]);
  });

  it("another picker's changes never reach a picker outside the wave", async () => {
    const owner = await aLoggedInDevice(fixture.app, 'P-0001');
    const other = await aLoggedInDevice(fixture.app, 'P-0002');
    const otherCursor = (await pull(fixture.app, other)).cursor;
    const line = (await pull(fixture.app, owner)).lines.find((l) => l.status === 'open')!;
    await push(fixture.app, owner, [aPick(owner, line, 1)]);
    const seen = await pull(fixture.app, other, otherCursor);
    expect(seen.lines.filter((l) => l.waveId === line.waveId)).toEqual([]);
  });

  it('a reassigned wave leaves the first picker and arrives whole at the second', async () => {
    const supervisor = await aLoggedInDevice(fixture.app, 'S-0001');
    const from = await aLoggedInDevice(fixture.app, 'P-0002');
    const to = await aLoggedInDevice(fixture.app, 'P-0001');
    const fromCursor = (await pull(fixture.app, from)).cursor;
    const toCursor = (await pull(fixture.app, to)).cursor;
    const res = await postJson(
      fixture.app,
      '/api/waves/W-GZ-B26-08/assign',
      { userId: 'u-gz-p1' },
      supervisor.token,
    );
    expect(res.status).toBe(200);
    const fromView = await pull(fixture.app, from, fromCursor);
    expect(fromView.removedWaves).toEqual([
      { waveId: 'W-GZ-B26-08', reason: 'reassigned', assignedTo: 'Li Wei', keptPicks: 0 },
    ]);
    const toView = await pull(fixture.app, to, toCursor);
    expect(toView.waves.map((w) => [w.code, w.assignmentVersion])).toEqual([['B26-08', 2]]);
    expect(toView.lines.length).toBeGreaterThan(10);
    expect(new Set(toView.lines.map((l) => l.waveId))).toEqual(new Set(['W-GZ-B26-08']));
  });

  it('pages a long feed without losing or repeating a change', async () => {
    const picker = await aLoggedInDevice(fixture.app, 'P-0003');
    const { cursor, lines } = await pull(fixture.app, picker);
    const open = lines.filter((l) => l.status === 'open');
    for (const line of open) await push(fixture.app, picker, [aPick(picker, line, 1)]);
    const { pullChanges } = await import('./pull');
    const { verifySession } = await import('../auth/session-token');
    const { TEST_SECRET } = await import('../testing/test-app');
    const session = (await verifySession(picker.token, TEST_SECRET))!;
    const seen: string[] = [];
    let next = cursor;
    let pages = 0;
    for (;;) {
      const page = await pullChanges(fixture.database.db, session, next, 3);
      seen.push(...page.lines.map((l) => l.id));
      next = page.cursor;
      pages++;
      if (!page.hasMore) break;
    }
    expect(pages).toBeGreaterThan(2);
    expect(seen.sort()).toEqual(open.map((l) => l.id).sort());
  });

  it('a cursor minted for another user gives a fresh snapshot, not their changes', async () => {
    const a = await aLoggedInDevice(fixture.app, 'P-0001');
    const b = await aLoggedInDevice(fixture.app, 'P-0003');
    const { cursor } = await pull(fixture.app, a);
    const forB = await pull(fixture.app, b, cursor);
    expect(forB.reset).toBe(true);
    expect(forB.waves.every((w) => w.warehouseId === 'CD')).toBe(true);
  });

  it('a pull reports how far the device has got, so its backlog is known', async () => {
    const picker = await aLoggedInDevice(fixture.app, 'P-0004');
    const res = await fixture.app.request('/api/sync/pull?highestLocalSeq=12', {
      headers: { authorization: `Bearer ${picker.token}` },
    });
    expect(res.status).toBe(200);
    const [row] = await queryRows<{ highest: number; seen: boolean }>(
      fixture.database.db,
      sql`select highest_local_seq as highest, last_seen_at is not null as seen
          from device_incarnations where device_id = ${picker.deviceId}`,
    );
    expect(row).toEqual({ highest: 12, seen: true });
    const bad = await fixture.app.request('/api/sync/pull?highestLocalSeq=-1', {
      headers: { authorization: `Bearer ${picker.token}` },
    });
    expect(bad.status).toBe(400);
    expect((await bodyOf(bad)).error.fields?.[0]?.path).toBe('highestLocalSeq');
  });
});
