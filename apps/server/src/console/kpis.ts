import {
  type HealthFacts,
  orderHealth,
  percentile,
  pickerRates,
  redAlertsRaised,
  type RedAlertKind,
} from '@wms/domain';
import type { Kpis } from '@wms/protocol';
import { type SQL, sql } from 'drizzle-orm';
import { type Db, type Tx, queryRows } from '../db/database';
import { readSetting } from '../inventory/hub-settings';
import { raiseAlert } from '../inventory/reserve-stock';

const HOUR = 3_600_000;
/** The mandatory order fields counted for data completeness (M2.4 data, M3.1). */
const MANDATORY_FIELDS = [
  'consignee_name',
  'phone',
  'province',
  'city',
  'district',
  'address_detail',
  'channel_order_id',
  'placed_at',
];
const WAITING = ['received', 'backordered', 'held', 'unrouted', 'waved', 'picking'];

const DAY = 24 * HOUR;
const shift = (isoTime: string, ms: number) => new Date(Date.parse(isoTime) + ms).toISOString();

/**
 * The orders of a warehouse placed in [since, until): by `placed_at`, or by `created_at` when the
 * channel sent no time. Two range scans (orders_warehouse_placed and the partial
 * orders_warehouse_created_unplaced), where `coalesce(placed_at, created_at)` read all of history.
 */
function placedIn(warehouseId: string, since: string, until: string, columns: SQL): SQL {
  return sql`
    select ${columns} from orders o
    where o.warehouse_id = ${warehouseId}
      and o.placed_at >= ${since}::timestamptz and o.placed_at < ${until}::timestamptz
    union all
    select ${columns} from orders o
    where o.warehouse_id = ${warehouseId} and o.placed_at is null
      and o.created_at >= ${since}::timestamptz and o.created_at < ${until}::timestamptz`;
}

/** The counts behind the order health index over [since, until). */
async function healthFacts(db: Db | Tx, warehouseId: string, since: Date, until: Date) {
  const s = since.toISOString();
  const u = until.toISOString();
  const filled = sql.raw(
    MANDATORY_FIELDS.map(
      (f) => `(case when ${f} is not null and ${f}::text <> '' then 1 else 0 end)`,
    ).join(' + '),
  );
  const [row] = await queryRows<Omit<HealthFacts, 'fieldsRequired'>>(
    db,
    sql`
    with placed as (${placedIn(warehouseId, s, u, sql`o.*`)}),
    due as (
      select d.id, d.at, d.at + interval '24 hours' as deadline
      from (${placedIn(warehouseId, shift(s, -DAY), shift(u, -DAY), sql`o.id, o.status, coalesce(o.placed_at, o.created_at) as at`)}) d
      where d.status <> 'cancelled'
    ),
    shipped_near as (
      select e.order_id, min(e.at) as at from order_events e
      where e.kind = 'shipped' and e.at >= ${shift(s, -DAY)}::timestamptz and e.at < ${u}::timestamptz
      group by e.order_id
    )
    select
      (select count(*)::int from due) as "shouldShip",
      -- Each due order's first shipment, from the shipments between the earliest placing and
      -- the window's end (order_events_shipped_at, partitions pruned by month since issue 25).
      -- A per-order lookup here read every month's time index instead (1.7 s at a year).
      (select count(*)::int from due join shipped_near sn on sn.order_id = due.id
         where sn.at >= due.at and sn.at <= due.deadline) as "shippedOnTime",
      -- The window's shipments, each order looked up by key (a join hashed all of orders).
      (select count(distinct e.order_id)::int from order_events e
         where e.kind = 'shipped' and e.at >= ${s}::timestamptz and e.at < ${u}::timestamptz
           and (select o.warehouse_id from orders o where o.id = e.order_id) = ${warehouseId}) as shipped,
      (select count(*)::int from exceptions where warehouse_id = ${warehouseId}
         and opened_at >= ${s}::timestamptz and opened_at < ${u}::timestamptz) as exceptions,
      (select count(*)::int from exceptions where warehouse_id = ${warehouseId}
         and opened_at >= ${s}::timestamptz and opened_at < ${u}::timestamptz
         and answered_at <= opened_at + interval '15 minutes') as "answeredWithin15m",
      (select coalesce(sum(${filled}), 0)::int from placed) as "fieldsFilled",
      (select count(*)::int from placed) as orders,
      (select count(*)::int from scan_events where warehouse_id = ${warehouseId}
         and received_at >= ${s}::timestamptz and received_at < ${u}::timestamptz) as "statusSyncs",
      (select count(*)::int from scan_events where warehouse_id = ${warehouseId}
         and received_at >= ${s}::timestamptz and received_at < ${u}::timestamptz
         and received_at - device_time < interval '30 seconds') as "statusSyncsUnder30s",
      -- Issue 22: the window's shipments whose every parcel the carrier reported delivered
      -- (signed) within 48 h of shipping, and the customers' status page queries.
      (select count(distinct e.order_id)::int from order_events e
         where e.kind = 'shipped' and e.at >= ${s}::timestamptz and e.at < ${u}::timestamptz
           and (select o.warehouse_id from orders o where o.id = e.order_id) = ${warehouseId}
           and exists (select 1 from parcels p where p.order_id = e.order_id)
           and not exists (select 1 from parcels p where p.order_id = e.order_id
                             and (p.delivered_at is null or p.delivered_at > e.at + interval '48 hours'))
      ) as "signedWithin48h",
      (select count(*)::int from order_status_queries where warehouse_id = ${warehouseId}
         and at >= ${s}::timestamptz and at < ${u}::timestamptz) as "customerQueries"`,
  );
  if (!row) throw new Error('health facts query returned nothing');
  return orderHealth({ ...row, fieldsRequired: row.orders * MANDATORY_FIELDS.length });
}

/** Seconds from device scan to storage, for the scans stored over [since, until). */
async function syncLagP95(db: Db | Tx, warehouseId: string, since: Date, until: Date) {
  const rows = await queryRows<{ lag: number }>(
    db,
    sql`select greatest(extract(epoch from received_at - device_time), 0)::float8 as lag from scan_events
        where warehouse_id = ${warehouseId} and received_at >= ${since.toISOString()}::timestamptz
          and received_at < ${until.toISOString()}::timestamptz
        order by received_at desc limit 20000`,
  );
  const p95 = percentile(
    rows.map((r) => Number(r.lag)),
    95,
  );
  return p95 === null ? null : Math.round(p95 * 10) / 10;
}

/** The figures the red alerts (M2.3) compare with their thresholds. */
async function redAlertFigures(db: Db | Tx, warehouseId: string, now: Date, trailingDays: number) {
  const [row] = await queryRows<{ waiting: number; today: number | null; trailing: number | null }>(
    db,
    sql`
    with daily as (
      select floor(extract(epoch from ${now.toISOString()}::timestamptz - r.at) / 86400)::int as day,
             count(*) filter (where r.order_type = 'return')::float8 / nullif(count(*) filter (where r.order_type <> 'return'), 0) as rate
      from (${placedIn(warehouseId, shift(now.toISOString(), -(trailingDays + 1) * DAY), shift(now.toISOString(), 1), sql`o.order_type, coalesce(o.placed_at, o.created_at) as at`)}) r
      group by 1
    )
    select (select count(*)::int from orders where warehouse_id = ${warehouseId}
              and status in (${sql.join(
                WAITING.map((status) => sql`${status}`),
                sql`, `,
              )})) as waiting,
           (select rate from daily where day = 0) as today,
           (select avg(coalesce(rate, 0)) from daily where day between 1 and ${trailingDays}) as trailing`,
  );
  return {
    ordersWaiting: row?.waiting ?? 0,
    returnRateToday: row?.today == null ? null : Number(row.today),
    returnRateTrailing: row?.trailing == null ? null : Number(row.trailing),
  };
}

const ALERT_TEXT: Record<RedAlertKind, (f: Kpis['redAlerts']) => string> = {
  'orders-waiting': (a) =>
    `${a.figures.ordersWaiting} orders waiting (threshold ${a.thresholds.ordersWaiting})`,
  'return-rate': (a) =>
    `Return rate ${pct(a.figures.returnRateToday)} today vs ${pct(a.figures.returnRateTrailing)} trailing average (alert above +${a.thresholds.returnRateRisePct}%)`,
  'sync-lag': (a) =>
    `Sync lag p95 ${a.figures.syncLagP95Seconds} s (threshold ${a.thresholds.syncLagP95Seconds} s)`,
};

function pct(rate: number | null): string {
  return rate === null ? '—' : `${(rate * 100).toFixed(1)}%`;
}

/**
 * Raises each red alert once per raise: an alert (shown in-app) and an `alert.raised` webhook
 * through the outbox, only when no alert of that kind is open; clears those no longer raised.
 * Serialised per warehouse by an advisory lock, so two instances never raise the same alert twice.
 */
export async function evaluateRedAlerts(db: Db, warehouseId: string, now: Date) {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`red-alerts:${warehouseId}`}))`);
    const { trailingDays, ...thresholds } = await readSetting(tx, 'redAlerts');
    const figures = {
      ...(await redAlertFigures(tx, warehouseId, now, trailingDays)),
      syncLagP95Seconds: await syncLagP95(tx, warehouseId, new Date(now.getTime() - HOUR), now),
    };
    const raised = redAlertsRaised(figures, thresholds);
    const state: Kpis['redAlerts'] = {
      thresholds: { ...thresholds, trailingDays },
      figures,
      raised,
    };
    const open = await queryRows<{ kind: RedAlertKind }>(
      tx,
      sql`select distinct kind from alerts where warehouse_id = ${warehouseId} and cleared_at is null
            and kind in ('orders-waiting', 'return-rate', 'sync-lag')`,
    );
    const openKinds = new Set(open.map((o) => o.kind));
    for (const kind of raised) {
      if (openKinds.has(kind)) continue;
      await raiseAlert(
        tx,
        { warehouseId, kind, skuId: null, orderId: null, message: ALERT_TEXT[kind](state) },
        now,
      );
    }
    const cleared = [...openKinds].filter((k) => !raised.includes(k));
    if (cleared.length > 0)
      await tx.execute(sql`
        update alerts set cleared_at = ${now.toISOString()}::timestamptz
        where warehouse_id = ${warehouseId} and cleared_at is null
          and kind in (select jsonb_array_elements_text(${JSON.stringify(cleared)}::jsonb))`);
    return state;
  });
}

/** Per picker over [since, until): lines, units, mis-scans, shorts and their rates. */
async function pickerKpis(
  db: Db,
  warehouseId: string,
  since: Date,
  until: Date,
  minActiveMinutes: number,
) {
  const rows = await queryRows<{
    userId: string;
    name: string;
    lines: number;
    units: number;
    misScans: number;
    scans: number;
    shorts: number;
    activeMinutes: number;
  }>(
    db,
    sql`
    select u.id as "userId", u.name,
      count(distinct e.payload->>'pickLineId') filter (where e.type = 'pick@1' and e.outcome in ('applied', 'stale-assignment'))::int as lines,
      coalesce(sum((e.payload->>'qty')::int) filter (where e.type = 'pick@1' and e.outcome in ('applied', 'stale-assignment')), 0)::int as units,
      count(*) filter (where e.type = 'bin-label-failed@1' or e.outcome in ('over-pick', 'unknown-line'))::int as "misScans",
      count(e.id)::int as scans,
      count(*) filter (where e.type = 'short@1')::int as shorts,
      greatest(coalesce(extract(epoch from max(e.device_time) - min(e.device_time)) / 60, 0), case when count(e.id) > 0 then 1 else 0 end)::float8 as "activeMinutes"
    from users u
    left join scan_events e on e.user_id = u.id and e.warehouse_id = ${warehouseId}
      and e.received_at >= ${since.toISOString()}::timestamptz and e.received_at < ${until.toISOString()}::timestamptz
    where u.warehouse_id = ${warehouseId} and u.role = 'picker' and u.active
    group by u.id, u.name order by u.name`,
  );
  return rows.map((r) => {
    const work = { ...r, activeMinutes: Math.round(Number(r.activeMinutes) * 10) / 10 };
    return { ...work, ...pickerRates(work, minActiveMinutes) };
  });
}

async function hourly(db: Db, warehouseId: string, now: Date) {
  const rows = await queryRows<{ hour: Date | string; name: string; lines: number; units: number }>(
    db,
    sql`
    select date_trunc('hour', e.device_time) as hour, u.name,
      count(distinct e.payload->>'pickLineId')::int as lines, sum((e.payload->>'qty')::int)::int as units
    from scan_events e join users u on u.id = e.user_id
    where e.warehouse_id = ${warehouseId} and e.type = 'pick@1' and e.outcome in ('applied', 'stale-assignment')
      and e.device_time >= ${new Date(Math.floor(now.getTime() / HOUR) * HOUR - 11 * HOUR).toISOString()}::timestamptz
      -- A scan is stored after it is made: this bound reads the window through
      -- scan_events_warehouse_received instead of every scan ever (a device clock running ahead
      -- of the server's by more than the bucket is the only scan it could leave out).
      and e.received_at >= ${new Date(Math.floor(now.getTime() / HOUR) * HOUR - 11 * HOUR).toISOString()}::timestamptz
    group by 1, 2 order by 1, 2`,
  );
  // Twelve hourly buckets ending with the current hour, empty ones included (a chart needs them).
  const byHour = new Map<string, Kpis['hourly'][number]>();
  const current = Math.floor(now.getTime() / HOUR) * HOUR;
  for (let i = 11; i >= 0; i--) {
    const hour = new Date(current - i * HOUR).toISOString();
    byHour.set(hour, { hour, lines: 0, units: 0, byPicker: {} });
  }
  for (const r of rows) {
    const hour = new Date(r.hour).toISOString();
    const bucket = byHour.get(hour) ?? { hour, lines: 0, units: 0, byPicker: {} };
    bucket.lines += r.lines;
    bucket.units += r.units;
    bucket.byPicker[r.name] = r.lines;
    byHour.set(hour, bucket);
  }
  return [...byHour.values()];
}

/** The console's KPIs: health index (day and live), per-picker rates, sync lag, red alerts. */
export async function readKpis(db: Db, warehouseId: string, now: Date): Promise<Kpis> {
  const dayAgo = new Date(now.getTime() - 24 * HOUR);
  const hourAgo = new Date(now.getTime() - HOUR);
  const redAlerts = await evaluateRedAlerts(db, warehouseId, now);
  const { minActiveMinutes } = await readSetting(db, 'kpis');
  return {
    generatedAt: now.toISOString(),
    health: {
      day: await healthFacts(db, warehouseId, dayAgo, now),
      live: await healthFacts(db, warehouseId, hourAgo, now),
    },
    pickers: await pickerKpis(db, warehouseId, dayAgo, now, minActiveMinutes),
    minActiveMinutes,
    syncLagP95Seconds: redAlerts.figures.syncLagP95Seconds,
    hourly: await hourly(db, warehouseId, now),
    redAlerts,
  };
}
