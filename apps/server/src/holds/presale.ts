import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { type Db, type Tx, queryRows } from '../db/database';
import { settleStatus } from '../address-changes/apply-address';
import { insertAlerts } from '../inventory/batch-pool';
import { recordOrderSteps } from '../orders/order-timeline';
import { emitWebhook } from '../webhooks/emit-webhook';
import { type AvailabilitySource, availabilitySource } from './availability-source';

/** A pre-sale SKU's record date is a day in China: it ships from that midnight (UTC+8). */
export function recordDateStart(day: string): Date {
  return new Date(`${day}T00:00:00+08:00`);
}

/** The date an order line's goods can ship: an ASN covering it, else the SKU record's date. */
export async function presaleDate(
  tx: Tx,
  source: AvailabilitySource,
  line: { warehouseId: string; skuId: string; qty: number; availableFrom: string | null },
): Promise<Date | null> {
  if (!line.availableFrom) return null;
  const asn = await source.expectedAvailability(tx, line.warehouseId, line.skuId, line.qty);
  return asn ?? recordDateStart(line.availableFrom);
}

/** The `presale` hold of an order whose goods ship later than `now`, or null. */
export function presaleHit(dates: readonly { skuId: string; date: Date | null }[], now: Date) {
  const later = dates.filter((d): d is { skuId: string; date: Date } => !!d.date && d.date > now);
  if (later.length === 0) return null;
  const until = new Date(Math.max(...later.map((d) => d.date.getTime())));
  const evidence = `pre-sale: ${later.map((d) => `${d.skuId} ships from ${day(d.date)}`).join(', ')}`;
  return { kind: 'presale' as const, action: 'hold' as const, evidence, until };
}

interface OpenPresale {
  holdId: string;
  orderId: string;
  warehouseId: string;
  until: string;
  routed: boolean;
  lines: { skuId: string; qty: number; availableFrom: string | null }[];
}

/**
 * The pre-sale round (run by the alert worker, and after a SKU's record changes): a hold whose
 * date has come is released (the order goes on to waving); a date that moved later (supplier
 * delay, a later ASN) keeps the orders held, moves their promised date, and raises one
 * `presale-delay` alert per warehouse and SKU with the count of affected orders and the dates
 * they had been promised.
 */
export async function checkPresaleHolds(
  db: Db,
  now: Date,
  source: AvailabilitySource = availabilitySource,
) {
  return db.transaction(async (tx) => {
    const open = await queryRows<OpenPresale>(
      tx,
      sql`select h.id as "holdId", h.order_id as "orderId", o.warehouse_id as "warehouseId",
                 h.hold_until as until, o.route_rule_id is not null as routed,
                 (select jsonb_agg(jsonb_build_object('skuId', l.sku_id, 'qty', l.qty,
                                   'availableFrom', s.available_from) order by l.id)
                  from order_lines l join skus s on s.id = l.sku_id where l.order_id = o.id) as lines
          from order_holds h join orders o on o.id = h.order_id
          where h.kind = 'presale' and h.status = 'open'
          order by h.order_id
          for update of h, o`,
    );
    const released: string[] = [];
    const delays = new Map<
      string,
      {
        warehouseId: string;
        skuId: string;
        date: Date;
        orders: { orderId: string; promised: string }[];
      }
    >();
    for (const hold of open) {
      const dates = [];
      for (const l of hold.lines)
        dates.push({
          skuId: l.skuId,
          date: await presaleDate(tx, source, { ...l, warehouseId: hold.warehouseId }),
        });
      const hit = presaleHit(dates, now);
      if (!hit) {
        await release(tx, hold, now);
        released.push(hold.orderId);
        continue;
      }
      const promised = new Date(hold.until);
      if (hit.until <= promised) continue;
      await tx.execute(sql`
        update order_holds set hold_until = ${hit.until.toISOString()}::timestamptz, evidence = ${hit.evidence}
        where id = ${hold.holdId}::uuid`);
      await recordOrderSteps(
        tx,
        [
          {
            orderId: hold.orderId,
            kind: 'presale-delayed',
            detail: { promised: day(promised), now: day(hit.until), evidence: hit.evidence },
          },
        ],
        now,
      );
      for (const d of dates) {
        if (!d.date || d.date <= promised) continue;
        const key = `${hold.warehouseId}|${d.skuId}`;
        const entry = delays.get(key) ?? {
          warehouseId: hold.warehouseId,
          skuId: d.skuId,
          date: d.date,
          orders: [],
        };
        entry.orders.push({ orderId: hold.orderId, promised: day(promised) });
        delays.set(key, entry);
      }
    }
    const alerts = [...delays.values()].map((d) => {
      const promisedDates = [...new Set(d.orders.map((o) => o.promised))].sort();
      return {
        alert: {
          id: randomUUID(),
          warehouseId: d.warehouseId,
          kind: 'presale-delay' as const,
          skuId: d.skuId,
          orderId: null,
          message: `Supplier delay: ${d.skuId} now ships from ${day(d.date)}; ${d.orders.length} held pre-sale orders were promised ${promisedDates.join(', ')}: tell the customers`,
        },
        affectedOrders: d.orders.length,
        promisedDates,
        newDate: day(d.date),
      };
    });
    await insertAlerts(
      tx,
      alerts.map((a) => a.alert),
      now,
    );
    for (const a of alerts) {
      const { id, ...alert } = a.alert;
      await emitWebhook(
        tx,
        'alert.raised',
        {
          alertId: id,
          ...alert,
          affectedOrders: a.affectedOrders,
          promisedDates: a.promisedDates,
          newDate: a.newDate,
        },
        now,
      );
    }
    return {
      released,
      delayed: alerts.map((a) => ({
        skuId: a.alert.skuId,
        affectedOrders: a.affectedOrders,
        promisedDates: a.promisedDates,
      })),
    };
  });
}

async function release(tx: Tx, hold: OpenPresale, now: Date) {
  await tx.execute(sql`
    update order_holds set status = 'released', decided_at = ${now.toISOString()}::timestamptz,
      decided_by = 'presale date', note = 'the pre-sale date has come'
    where id = ${hold.holdId}::uuid`);
  const status = await settleStatus(tx, hold.orderId, hold.routed);
  await recordOrderSteps(
    tx,
    [
      {
        orderId: hold.orderId,
        kind: 'released',
        detail: { by: 'presale date', holds: ['presale'], note: null },
      },
    ],
    now,
  );
  if (status !== 'held')
    await emitWebhook(tx, 'order.released', { orderId: hold.orderId, status }, now);
}

/** YYYY-MM-DD in China. */
function day(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}
