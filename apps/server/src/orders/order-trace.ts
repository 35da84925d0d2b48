import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../db/database';
import { isoTime } from '../db/iso-time';
import { assertOrderInScope } from '../auth/caller-scope';
import type { Session } from '../auth/session-token';
import { afterSalesOf } from './after-sales-summary';

export interface TraceEntry {
  at: string;
  kind: string;
  detail: Record<string, unknown>;
}

/**
 * An order's whole life in one timeline (M5.2): the steps it recorded, every scan of its pick
 * lines with picker and device (archived scans included), and every webhook delivery attempt about it. Entries of one
 * instant: scans first, then the steps they caused, then webhook attempts.
 */
export async function orderTrace(db: Db, session: Session, orderId: string) {
  const [order] = await queryRows<Record<string, unknown>>(
    db,
    sql`select id, warehouse_id as "warehouseId", status, channel, channel_order_id as "channelOrderId",
               carrier, tracking_number as "trackingNumber", route_rule_id as "routeRuleId",
               route_reason as "routeReason", flags, original_order_id as "originalOrderId",
               paid_cents as "paidCents", coupon_cents as "couponCents", freight_cents as "freightCents",
               order_type as "orderType", ship_with_order_id as "shipWithOrderId",
               consignee_name as "consigneeName", phone, province, city, district,
               address_detail as "addressDetail", ${isoTime('masked_at')} as "maskedAt"
        from orders where id = ${orderId}`,
  );
  if (!order) return prunedOrderTrace(db, session, orderId);
  assertOrderInScope(
    session,
    order as { warehouseId: string; channel: string } | undefined,
    orderId,
  );
  const rows = await queryRows<{
    at: Date | string;
    kind: string;
    detail: Record<string, unknown>;
  }>(
    db,
    sql`
    select at, kind, detail, 1 as rank, id as seq from order_events where order_id = ${orderId}
    union all
    select se.received_at, 'scan', jsonb_build_object(
             'eventId', se.id, 'type', se.type, 'outcome', se.outcome, 'userId', se.user_id,
             'picker', u.name, 'deviceId', se.device_id, 'deviceTime', se.device_time,
             'pickLineId', se.payload->>'pickLineId', 'waveId', se.payload->>'waveId', 'qty', se.payload->'qty'),
           0, se.seq
    from (select id, type, outcome, user_id, device_id, device_time, payload, received_at, seq
          from scan_events
          union all
          select id, type, outcome, user_id, device_id, device_time, payload, received_at, seq
          from scan_events_archive) se
    join pick_lines pl on pl.id = se.payload->>'pickLineId' and pl.order_id = ${orderId}
    left join users u on u.id = se.user_id
    union all
    select a.at, 'webhook', jsonb_build_object(
             'messageId', m.id, 'type', m.type, 'url', s.url, 'statusCode', a.status_code,
             'error', a.error, 'durationMs', a.duration_ms),
           2, a.id
    from webhook_messages m
    join webhook_deliveries d on d.message_id = m.id
    join webhook_subscriptions s on s.id = d.subscription_id
    join webhook_attempts a on a.delivery_id = d.id
    where m.order_id = ${orderId}
    order by 1, 4, 5`,
  );
  const timeline: TraceEntry[] = rows.map((r) => ({
    at: new Date(r.at).toISOString(),
    kind: r.kind,
    detail: r.detail,
  }));
  return {
    order,
    timeline,
    afterSales: await afterSalesOf(db, orderId),
    platformConfirmations: await platformConfirmationsOf(db, orderId),
  };
}

/** Issue 27: each parcel's confirmation on the marketplace the order came from, and its state. */
async function platformConfirmationsOf(db: Db, orderId: string) {
  return queryRows<Record<string, unknown>>(
    db,
    sql`select s.parcel_id as "parcelId", c.platform, c.name as connector,
               s.platform_order_id as "platformOrderId", s.carrier, s.tracking_number as "trackingNumber",
               s.status, s.attempts, s.last_error as "lastError", s.confirmed_at as "confirmedAt"
        from connector_shipments s join connectors c on c.id = s.connector_id
        where s.order_id = ${orderId} order by s.created_at`,
  );
}

/**
 * The trace of an order that retention exported and pruned: what is left is where it went and
 * when (the export file, under RETENTION_EXPORT_DIR), not a failure. Other warehouses get 404.
 */
async function prunedOrderTrace(db: Db, session: Session, orderId: string) {
  const [pruned] = await queryRows<{
    id: string;
    warehouseId: string;
    channel: string;
    channelOrderId: string;
    createdAt: Date | string;
    file: string;
    prunedAt: Date | string;
  }>(
    db,
    sql`select id, warehouse_id as "warehouseId", channel, channel_order_id as "channelOrderId",
               created_at as "createdAt", file, pruned_at as "prunedAt"
        from pruned_orders where id = ${orderId}`,
  );
  assertOrderInScope(session, pruned, orderId);
  const prunedAt = new Date(pruned.prunedAt).toISOString();
  const archived = { file: pruned.file, prunedAt };
  return {
    order: {
      id: pruned.id,
      warehouseId: pruned.warehouseId,
      channel: pruned.channel,
      channelOrderId: pruned.channelOrderId,
      createdAt: new Date(pruned.createdAt).toISOString(),
      archived,
    },
    timeline: [{ at: prunedAt, kind: 'archived', detail: archived }] as TraceEntry[],
  };
}
