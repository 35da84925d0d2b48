import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../db/database';
import type { createApp } from '../app';
import { Metrics } from './metrics';
import { oldPicks } from '../testing/old-picks';
import {
  aLoggedInDevice,
  aPick,
  aSeededApp,
  postJson,
  push,
  type TestDevice,
} from '../testing/test-app';
import { type OwnedDatabase, testDatabases } from '../testing/test-databases';
import type { PickLine, ScanEvent } from '@wms/protocol';

const DAY = 86_400_000;

describe.each(testDatabases())('retention: archiving old scan events on $name', (target) => {
  let database: OwnedDatabase;
  let app: ReturnType<typeof createApp>;
  let picker: TestDevice;
  let admin: TestDevice;
  let lines: PickLine[];
  let events: ScanEvent[];
  let metrics: Metrics;
  beforeAll(async () => {
    database = await target.open();
    metrics = new Metrics(database.db);
    ({ app } = await aSeededApp(database, { retentionMs: 30 * DAY, metrics }));
    // Three picks, the first two received 40 days ago.
    ({ picker, lines, events } = await oldPicks(app, database.db, { days: 40, events: 2 }));
    admin = await aLoggedInDevice(app, 'A-0001');
  });
  afterAll(() => database.drop());

  const count = async (table: 'scan_events' | 'scan_events_archive') => {
    const [row] = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from ${sql.identifier(table)} where device_id = ${picker.deviceId}`,
    );
    return row!.n;
  };
  const picked = async () =>
    (
      await queryRows<{ id: string; picked: number }>(
        database.db,
        sql`select id, picked_qty as picked from pick_lines where id in (${sql.join(
          lines.map((l) => sql`${l.id}`),
          sql`, `,
        )}) order by id`,
      )
    ).map((r) => `${r.id}:${r.picked}`);

  it('moves events older than the retention age to the archive, on demand by an admin', async () => {
    const res = await postJson(app, '/api/admin/archive-scan-events', {}, admin.token);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { archived: number; busy: boolean; cutoff: string };
    expect(body).toMatchObject({ archived: 2, busy: false });
    expect(Date.now() - new Date(body.cutoff).getTime()).toBeGreaterThanOrEqual(30 * DAY);
    expect(await count('scan_events')).toBe(1);
    expect(await count('scan_events_archive')).toBe(2);
    const archived = await queryRows<{ id: string; outcome: string }>(
      database.db,
      sql`select id, outcome from scan_events_archive where device_id = ${picker.deviceId} order by seq`,
    );
    expect(archived).toEqual(events.slice(0, 2).map((e) => ({ id: e.id, outcome: 'applied' })));
    // Again: nothing more is old enough.
    const again = await postJson(app, '/api/admin/archive-scan-events', {}, admin.token);
    expect(((await again.json()) as { archived: number }).archived).toBe(0);
  });

  it('the order trace still lists the archived scans', async () => {
    const res = await app.request(`/api/orders/${lines[0]!.orderId}/trace`, {
      headers: { authorization: `Bearer ${admin.token}` },
    });
    expect(res.status).toBe(200);
    const { timeline } = (await res.json()) as {
      timeline: { kind: string; detail: { eventId?: string } }[];
    };
    const scans = timeline.filter((t) => t.kind === 'scan').map((t) => t.detail.eventId);
    const ofThisOrder = events.filter((_, i) => lines[i]!.orderId === lines[0]!.orderId);
    expect(scans).toEqual(expect.arrayContaining(ofThisOrder.map((e) => e.id)));
    expect(scans).toContain(events[0]!.id);
  });

  it("the wave's detail still lists the archived scans, in the order received", async () => {
    const supervisor = await aLoggedInDevice(app, 'S-0001');
    const res = await app.request(`/api/waves/${lines[0]!.waveId}`, {
      headers: { authorization: `Bearer ${supervisor.token}` },
    });
    expect(res.status).toBe(200);
    const detail = (await res.json()) as { events: { id: string }[] };
    const ids = detail.events.map((e) => e.id);
    const ofThisWave = events.filter((_, i) => lines[i]!.waveId === lines[0]!.waveId);
    expect(ids.filter((id) => ofThisWave.some((e) => e.id === id))).toEqual(
      ofThisWave.map((e) => e.id),
    );
  });

  it('a replay of archived events is answered from the archive and applies nothing again', async () => {
    const before = await picked();
    const replay = await push(app, picker, events, 3);
    expect(replay).toEqual({
      status: 200,
      body: {
        ackedThroughSeq: 3,
        results: [
          { seq: 1, outcome: 'applied' },
          { seq: 2, outcome: 'applied' },
          { seq: 3, outcome: 'applied' },
        ],
      },
    });
    expect(await picked()).toEqual(before);
    expect(await count('scan_events')).toBe(1);
    expect(await count('scan_events_archive')).toBe(2);
  });

  it('another event under an archived seq, or an archived id under a new seq, is a conflict', async () => {
    const otherUnderSeq1 = { ...events[0]!, id: randomUUID() };
    const conflict = await push(app, picker, [otherUnderSeq1], 3);
    expect(conflict.status).toBe(409);
    expect(conflict.body.error?.code).toBe('event_conflict');
    const archivedIdAgain = { ...aPick(picker, lines[0]!), id: events[0]!.id };
    const reused = await push(app, picker, [archivedIdAgain]);
    expect(reused.status).toBe(409);
    expect(reused.body.error?.code).toBe('event_conflict');
    expect(await count('scan_events')).toBe(1);
  });

  it('refuses a bad age, naming the field; only admins may archive', async () => {
    const bad = await postJson(
      app,
      '/api/admin/archive-scan-events',
      { olderThanDays: -1 },
      admin.token,
    );
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { fields: { path: string }[] } }).error.fields).toEqual([
      expect.objectContaining({ path: 'olderThanDays' }),
    ]);
    const byPicker = await postJson(app, '/api/admin/archive-scan-events', {}, picker.token);
    expect(byPicker.status).toBe(403);
  });

  it('an event already in the archive is reconciled, a conflicting one skipped: neither blocks the batch', async () => {
    // Seq 3 is copied to the archive by hand (a round whose delete was lost), and a different
    // event is stored hot under archived seq 1 (a restore gone wrong); both are old.
    await database.db.execute(sql`
      insert into scan_events_archive (id, device_id, epoch, seq, warehouse_id, user_id, type, payload,
                                       assignment_version_seen, outcome, device_time, received_at)
      select id, device_id, epoch, seq, warehouse_id, user_id, type, payload,
             assignment_version_seen, outcome, device_time, now() - interval '40 days'
      from scan_events where id = ${events[2]!.id}`);
    const stray = randomUUID();
    await database.db.execute(sql`
      insert into scan_events (id, device_id, epoch, seq, warehouse_id, user_id, type, payload,
                               assignment_version_seen, outcome, device_time, received_at)
      select ${stray}::uuid, device_id, epoch, 1, warehouse_id, user_id, type, payload,
             assignment_version_seen, outcome, device_time, now() - interval '41 days'
      from scan_events where id = ${events[2]!.id}`);
    await database.db.execute(
      sql`update scan_events set received_at = now() - interval '40 days' where id = ${events[2]!.id}`,
    );
    const res = await postJson(app, '/api/admin/archive-scan-events', {}, admin.token);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      archived: 0,
      alreadyArchived: 1,
      conflicts: 1,
      busy: false,
    });
    const hot = await queryRows<{ id: string }>(
      database.db,
      sql`select id from scan_events where device_id = ${picker.deviceId}`,
    );
    expect(hot).toEqual([{ id: stray }]);
    expect(await count('scan_events_archive')).toBe(3);
    const text = await metrics.registry.metrics();
    expect(text).toContain(
      'wms_retention_rows_total{table="scan_events",action="already-archived"} 1',
    );
    expect(text).toContain('wms_retention_rows_total{table="scan_events",action="conflict"} 1');
  });
});
