import type { Kpis } from '@wms/protocol';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { queryRows } from '../db/database';
import {
  aLoggedInDevice,
  aPick,
  aSeededAppPerFile,
  bodyOf,
  pull,
  push,
  type TestDevice,
} from '../testing/test-app';
import { testDatabases } from '../testing/test-databases';

describe.each(testDatabases())('KPIs and red alerts on $name', (target) => {
  const fx = aSeededAppPerFile(target);
  let supervisor: TestDevice;
  let admin: TestDevice;

  const kpis = async () => {
    const res = await fx.app.request('/api/console/kpis', {
      headers: { authorization: `Bearer ${supervisor.token}` },
    });
    expect(res.status).toBe(200);
    return bodyOf<Kpis>(res);
  };
  const setThresholds = (redAlerts: unknown) =>
    fx.app.request('/api/hub-settings', {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin.token}` },
      body: JSON.stringify({ redAlerts }),
    });
  const redAlertRows = () =>
    queryRows<{ kind: string; open: boolean }>(
      fx.database.db,
      sql`select kind, cleared_at is null as open from alerts
          where warehouse_id = 'GZ' and kind in ('orders-waiting', 'return-rate', 'sync-lag') order by raised_at`,
    );
  const alertWebhooks = async () =>
    (
      await queryRows<{ n: number }>(
        fx.database.db,
        sql`select count(*)::int as n from webhook_messages where type = 'alert.raised'
            and payload->'data'->>'kind' in ('orders-waiting', 'return-rate', 'sync-lag')`,
      )
    )[0]?.n;

  it('shows how the health index is computed, from the warehouse’s own counts', async () => {
    supervisor = await aLoggedInDevice(fx.app, 'S-0001');
    admin = await aLoggedInDevice(fx.app, 'A-0001');
    const picker = await aLoggedInDevice(fx.app, 'P-0001');
    const line = (await pull(fx.app, picker)).lines.find((l) => l.status === 'open')!;
    await push(fx.app, picker, [aPick(picker, line)]);
    const view = await kpis();
    const [orders] = await queryRows<{ n: number }>(
      fx.database.db,
      sql`select count(*)::int as n from orders where warehouse_id = 'GZ'
          and coalesce(placed_at, created_at) > now() - interval '24 hours'`,
    );
    const fields = view.health.day.data.ratios[0];
    expect(fields?.denominator).toBe((orders?.n ?? 0) * 8);
    expect(view.health.day.data.ratios[1]).toMatchObject({
      numerator: 1,
      denominator: 1,
      value: 1,
    });
    expect(view.health.day.timeliness.ratios.map((r) => r.weight)).toEqual([0.4, 0.3, 0.3]);
    // Issue 22: status page queries are counted (the demo's four customers of yesterday).
    expect(view.health.day.experience.ratios[0]).toMatchObject({
      name: 'customer status queries / orders',
      numerator: 4,
      denominator: orders?.n ?? 0,
    });
    // The demo's yesterday (seed-delivery-demo.ts): 10 orders due, 8 shipped within 24 h; 10
    // shipped in the day, 9 signed for within 48 h; 2 exceptions, 1 answered within 15 min.
    const ratio = (part: 'timeliness', i: number) => {
      const r = view.health.day[part].ratios[i]!;
      return [r.numerator, r.denominator];
    };
    expect([ratio('timeliness', 0), ratio('timeliness', 1), ratio('timeliness', 2)]).toEqual([
      [8, 10],
      [9, 10],
      [1, 2],
    ]);
    // All three parts of the index have a value on the demo, and so has the index.
    const { timeliness, data, experience, index } = view.health.day;
    expect([timeliness.value, data.value, experience.value, index].map((v) => v === null)).toEqual([
      false,
      false,
      false,
      false,
    ]);
    expect(view.pickers.find((p) => p.name === 'Li Wei')).toMatchObject({
      lines: 1,
      units: line.qty,
      scans: 1,
      misScans: 0,
      shorts: 0,
      misScanRate: 0,
      shortRate: 0,
    });
    expect(view.hourly).toHaveLength(12);
    expect(view.hourly.reduce((sum, h) => sum + h.lines, 0)).toBe(1);
  });

  it('raises a red alert once per raise, in-app and as an alert.raised webhook, with editable thresholds', async () => {
    const waiting = (await kpis()).redAlerts.figures.ordersWaiting;
    expect(waiting).toBeGreaterThan(0);
    expect((await kpis()).redAlerts.raised).toEqual([]);
    expect(await redAlertRows()).toEqual([]);

    const lowered = await setThresholds({
      ordersWaiting: waiting - 1,
      returnRateRisePct: 20,
      syncLagP95Seconds: 60,
      trailingDays: 7,
    });
    expect(lowered.status).toBe(200);
    expect((await kpis()).redAlerts.raised).toEqual(['orders-waiting']);
    await kpis();
    expect(await redAlertRows()).toEqual([{ kind: 'orders-waiting', open: true }]);
    expect(await alertWebhooks()).toBe(1);
    const board = await fx.app.request('/api/console/board', {
      headers: { authorization: `Bearer ${supervisor.token}` },
    });
    const { alerts } = await bodyOf<{ alerts: { kind: string; message: string }[] }>(board);
    expect(alerts.filter((a) => a.kind === 'orders-waiting')).toEqual([
      expect.objectContaining({
        message: `${waiting} orders waiting (threshold ${waiting - 1})`,
      }),
    ]);

    // Back under the threshold: cleared. Over it again: a new raise, told again.
    await setThresholds({
      ordersWaiting: waiting,
      returnRateRisePct: 20,
      syncLagP95Seconds: 60,
      trailingDays: 7,
    });
    expect((await kpis()).redAlerts.raised).toEqual([]);
    await setThresholds({
      ordersWaiting: waiting - 1,
      returnRateRisePct: 20,
      syncLagP95Seconds: 60,
      trailingDays: 7,
    });
    await kpis();
    expect(await redAlertRows()).toEqual([
      { kind: 'orders-waiting', open: false },
      { kind: 'orders-waiting', open: true },
    ]);
    expect(await alertWebhooks()).toBe(2);
  });

  it('raises the sync-lag alert when scans reach the server late', async () => {
    const picker = await aLoggedInDevice(fx.app, 'P-0002');
    const lines = (await pull(fx.app, picker)).lines.filter((l) => l.status === 'open');
    const late = lines.slice(0, 3).map((l) => ({
      ...aPick(picker, l),
      deviceTime: new Date(Date.now() - 10 * 60_000).toISOString(),
    }));
    expect((await push(fx.app, picker, late)).status).toBe(200);
    const view = await kpis();
    expect(view.syncLagP95Seconds).toBeGreaterThanOrEqual(599);
    expect(view.redAlerts.raised).toContain('sync-lag');
  });

  it('refuses bad thresholds, naming the field, and keeps the old ones', async () => {
    const before = (await kpis()).redAlerts.thresholds;
    const res = await setThresholds({
      ordersWaiting: -1,
      returnRateRisePct: 20,
      syncLagP95Seconds: 60,
      trailingDays: 7,
    });
    expect(res.status).toBe(400);
    const { error } = await bodyOf(res);
    expect(error.fields?.map((f) => f.path)).toContain('redAlerts.ordersWaiting');
    expect((await kpis()).redAlerts.thresholds).toEqual(before);
  });

  it('the worker raises them for every warehouse without a console open, once', async () => {
    await setThresholds({
      ordersWaiting: 0,
      returnRateRisePct: 20,
      syncLagP95Seconds: 60,
      trailingDays: 7,
    });
    const { startRedAlertWorker } = await import('./red-alert-worker');
    const stop = startRedAlertWorker(fx.database.db, { intervalMs: 20, now: () => new Date() });
    const cdAlerts = () =>
      queryRows<{ n: number }>(
        fx.database.db,
        sql`select count(*)::int as n from alerts where warehouse_id = 'CD' and kind = 'orders-waiting'`,
      );
    for (let i = 0; i < 100 && (await cdAlerts())[0]?.n === 0; i++)
      await new Promise((resolve) => setTimeout(resolve, 50));
    await new Promise((resolve) => setTimeout(resolve, 200)); // several more rounds
    await stop();
    expect(await cdAlerts()).toEqual([{ n: 1 }]);
  });
  it('gives no rate per hour before the minimum active window, then the rate over it', async () => {
    const early = await kpis();
    expect(early.minActiveMinutes).toBe(15);
    const liWei = early.pickers.find((p) => p.name === 'Li Wei');
    expect(liWei?.lines).toBeGreaterThan(0);
    expect(liWei?.activeMinutes).toBeLessThan(15);
    expect(liWei).toMatchObject({ linesPerHour: null, unitsPerHour: null });
    const res = await fx.app.request('/api/hub-settings', {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin.token}` },
      body: JSON.stringify({ kpis: { minActiveMinutes: 1 } }),
    });
    expect(res.status).toBe(200);
    const later = (await kpis()).pickers.find((p) => p.name === 'Li Wei')!;
    expect(later.linesPerHour).toBe(Math.round((later.lines / later.activeMinutes) * 600) / 10);
  });
});
