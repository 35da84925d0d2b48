import type { OrderInput, OrderStatus } from '@wms/protocol';
import { sql } from 'drizzle-orm';
import { type Tx, queryRows, queryRowsPrepared } from '../db/database';
import { ADDRESS_LOCK, ID_NUMBER_LOCK, PHONE_LOCK, addressKey } from '../holds/hold-context';

/**
 * The reads and locks of an intake batch, each one statement for the whole batch. The caller
 * takes them in this order: claims, phone locks, merge candidates (row locks), ID and address
 * locks, counts; then the pool rows (`BatchPool.lock`).
 */

/** Claims channel ids (sorted, so two batches claim in one order); returns the keys claimed. */
export async function claimChannelOrders(
  tx: Tx,
  claims: readonly { channel: string; channelOrderId: string; orderId: string }[],
  now: Date,
): Promise<Set<string>> {
  if (claims.length === 0) return new Set();
  const rows = await queryRowsPrepared<{ channel: string; channelOrderId: string }>(
    tx,
    sql`
    insert into channel_orders (channel, channel_order_id, order_id, received_at)
    select channel, "channelOrderId", "orderId", ${now.toISOString()}::timestamptz
    from jsonb_to_recordset(${JSON.stringify(claims)}::jsonb)
      as r(channel text, "channelOrderId" text, "orderId" text)
    order by channel, "channelOrderId"
    on conflict do nothing
    returning channel, channel_order_id as "channelOrderId"`,
  );
  return new Set(rows.map((r) => channelKey(r)));
}

export const channelKey = (o: { channel: string; channelOrderId: string }) =>
  `${o.channel}\u0000${o.channelOrderId}`;

/** Takes transaction advisory locks on keys of some namespaces, in (namespace, hash) order. */
export async function lockKeys(
  tx: Tx,
  keys: readonly { ns: number; key: string }[],
): Promise<void> {
  if (keys.length === 0) return;
  await queryRowsPrepared(
    tx,
    sql`
    select pg_advisory_xact_lock(ns, h)
    from (select distinct ns, hashtext(key) as h
          from jsonb_to_recordset(${JSON.stringify(keys)}::jsonb) as r(ns int, key text)
          order by ns, h) k`,
  );
}

export const phoneLocks = (phones: Iterable<string>) =>
  [...new Set(phones)].map((key) => ({ ns: PHONE_LOCK, key }));

/** The count keys of an order the hold rules will count for (M4.1 ID number, M4.5 address). */
export function countLocks(
  order: {
    idNumber: string | null;
    customerId: string;
    province: string;
    city: string;
    district: string;
    detail: string;
  },
  counts: { idNumber: boolean; address: boolean },
) {
  return [
    ...(counts.idNumber && order.idNumber ? [{ ns: ID_NUMBER_LOCK, key: order.idNumber }] : []),
    ...(counts.address ? [{ ns: ADDRESS_LOCK, key: addressKey(order) }] : []),
  ];
}

/** An order stored earlier that an order of the batch may be merged into (M3.3). */
export interface StoredCandidate {
  id: string;
  warehouseId: string;
  status: OrderStatus;
  phone: string;
  placedAtMs: number;
  carrier: string | null;
  flags: string[];
  paidCents: number;
  couponCents: number;
  freightCents: number;
  original: OrderInput;
  lines: { id: string; skuId: string; qty: number; unitPriceCents: number }[];
  openHolds: string[];
  /** Cleaned consignee and address as stored (a confirmed address change included). */
  shipTo: string;
  /** The first order of its ship-together group, if it ships with one. */
  shipWithOrderId: string | null;
}

/**
 * The not-yet-waved orders of the batch's phones placed within the dedup window of any of the
 * batch's orders, with their lines and open holds, locked (`FOR UPDATE`, in id order).
 */
export async function loadMergeCandidates(
  tx: Tx,
  phones: readonly string[],
  fromMs: number,
  toMs: number,
): Promise<StoredCandidate[]> {
  if (phones.length === 0) return [];
  return queryRows<StoredCandidate>(
    tx,
    sql`
    select o.id, o.warehouse_id as "warehouseId", o.status, o.phone,
           (extract(epoch from o.placed_at) * 1000)::float8 as "placedAtMs",
           o.carrier, o.flags, o.paid_cents as "paidCents", o.coupon_cents as "couponCents",
           o.freight_cents as "freightCents", o.original,
           concat_ws(chr(1), o.consignee_name, o.province, o.city, o.district, o.address_detail)
             as "shipTo",
           o.ship_with_order_id as "shipWithOrderId",
           coalesce((select jsonb_agg(jsonb_build_object('id', l.id, 'skuId', l.sku_id, 'qty', l.qty,
                                      'unitPriceCents', l.unit_price_cents) order by l.id)
                     from order_lines l where l.order_id = o.id), '[]'::jsonb) as lines,
           coalesce((select jsonb_agg(h.kind) from order_holds h
                     where h.order_id = o.id and h.status = 'open'), '[]'::jsonb) as "openHolds"
    from orders o
    where o.phone = any(array(select jsonb_array_elements_text(${JSON.stringify(phones)}::jsonb)))
      and o.placed_at between ${new Date(fromMs).toISOString()}::timestamptz
                          and ${new Date(toMs).toISOString()}::timestamptz
      and o.status in ('received', 'backordered', 'held', 'unrouted')
      and o.original is not null
    order by o.id
    for update of o`,
  );
}

/** Placing times of stored orders per ID number since `sinceMs` (M4.1 counts). */
export async function loadIdNumberTimes(
  tx: Tx,
  idNumbers: readonly string[],
  sinceMs: number,
): Promise<Map<string, number[]>> {
  if (idNumbers.length === 0) return new Map();
  const rows = await queryRows<{ key: string; at: number }>(
    tx,
    sql`select id_number as key, (extract(epoch from placed_at) * 1000)::float8 as at
        from orders
        where id_number = any(array(select jsonb_array_elements_text(${JSON.stringify(idNumbers)}::jsonb)))
          and placed_at >= ${new Date(sinceMs).toISOString()}::timestamptz`,
  );
  return groupTimes(rows);
}

/** Placing times of stored orders per customer + address since `sinceMs` (M4.5 counts). */
export async function loadAddressTimes(
  tx: Tx,
  customerIds: readonly string[],
  sinceMs: number,
): Promise<Map<string, number[]>> {
  if (customerIds.length === 0) return new Map();
  const rows = await queryRows<{
    customerId: string;
    province: string;
    city: string;
    district: string | null;
    detail: string | null;
    at: number;
  }>(
    tx,
    sql`select customer_id as "customerId", province, city, district, address_detail as detail,
               (extract(epoch from placed_at) * 1000)::float8 as at
        from orders
        where customer_id = any(array(select jsonb_array_elements_text(${JSON.stringify(customerIds)}::jsonb)))
          and placed_at >= ${new Date(sinceMs).toISOString()}::timestamptz`,
  );
  return groupTimes(
    rows.flatMap((r) =>
      r.district === null || r.detail === null
        ? []
        : [{ key: addressKey({ ...r, district: r.district, detail: r.detail }), at: r.at }],
    ),
  );
}

function groupTimes(rows: readonly { key: string; at: number }[]): Map<string, number[]> {
  const byKey = new Map<string, number[]>();
  for (const r of rows) {
    const list = byKey.get(r.key) ?? [];
    list.push(Number(r.at));
    byKey.set(r.key, list);
  }
  return byKey;
}

/** Warehouses that had a peak alert within the last quarter hour (told at most that often). */
export async function recentPeakAlerts(tx: Tx, sinceMs: number): Promise<Set<string>> {
  const rows = await queryRows<{ warehouseId: string }>(
    tx,
    sql`select w.id as "warehouseId" from warehouses w
        where exists (select 1 from alerts a where a.warehouse_id = w.id and a.kind = 'peak'
                      and a.raised_at > ${new Date(sinceMs).toISOString()}::timestamptz)`,
  );
  return new Set(rows.map((r) => r.warehouseId));
}

/** What a resent channel order answers: the order as stored now (nothing redone). */
export async function loadStoredAnswers(
  tx: Tx,
  keys: readonly { channel: string; channelOrderId: string }[],
) {
  if (keys.length === 0) return new Map<string, StoredAnswer>();
  const rows = await queryRows<StoredAnswer & { channel: string; channelOrderId: string }>(
    tx,
    sql`
    select c.channel, c.channel_order_id as "channelOrderId", c.order_id as "orderId", c.merged,
           o.ship_with_order_id as "shipWithOrderId",
           o.status, o.warehouse_id as "warehouseId", o.carrier, o.flags,
           coalesce((select jsonb_agg(h.kind) from order_holds h
                     where h.order_id = c.order_id and h.status = 'open'), '[]'::jsonb) as holds
    from channel_orders c join orders o on o.id = c.order_id
    where (c.channel, c.channel_order_id) in
          (select channel, "channelOrderId" from jsonb_to_recordset(${JSON.stringify(keys)}::jsonb)
             as r(channel text, "channelOrderId" text))`,
  );
  return new Map(rows.map((r) => [channelKey(r), r]));
}

export interface StoredAnswer {
  orderId: string;
  merged: boolean;
  shipWithOrderId: string | null;
  status: OrderStatus;
  warehouseId: string;
  carrier: string | null;
  flags: string[];
  holds: string[];
}
