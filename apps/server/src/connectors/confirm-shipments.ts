import { sql } from 'drizzle-orm';
import { type Tx, queryRows } from '../db/database';
import { recordOrderSteps } from '../orders/order-timeline';
import { RETRY_FOR_MS, backoffMs } from '../webhooks/deliver-webhooks';
import { loadConnector } from './connector-store';
import { PlatformError } from './platform';
import { type ConnectorRuntime, platformCalls } from './pull-connector';

/** A claimed confirmation is not picked up by another worker for this long. */
const CLAIM_LEASE_MS = 60_000;

/**
 * Puts each parcel of a shipped order that came from a connector in the write-back outbox, in
 * the transaction that ships it (issue 27): a crash after commit loses no confirmation, a
 * rollback sends none. Lines carry the platform's codes where the SKU is mapped for the shop.
 */
export async function enqueueShipmentConfirmations(tx: Tx, orderId: string, now: Date) {
  await tx.execute(sql`
    insert into connector_shipments (id, connector_id, order_id, parcel_id, platform_order_id,
      carrier, tracking_number, lines, next_attempt_at, created_at)
    select gen_random_uuid(), co.connector_id, co.order_id, p.id, co.platform_order_id,
      coalesce(p.carrier, ''), p.tracking_number,
      (select coalesce(jsonb_agg(jsonb_build_object('code', coalesce(
          (select m.code from channel_sku_codes m
           where m.channel = c.channel and m.shop_id in (c.shop_id, '') and m.sku_id = i."skuId"
           order by m.shop_id desc limit 1), i."skuId"), 'qty', i.qty)), '[]'::jsonb)
       from jsonb_to_recordset(p.items) as i("skuId" text, qty int)),
      ${now.toISOString()}::timestamptz, ${now.toISOString()}::timestamptz
    from connector_orders co
    join connectors c on c.id = co.connector_id
    join parcels p on p.order_id = co.order_id and p.tracking_number is not null
    where co.order_id = ${orderId}
    on conflict (connector_id, parcel_id) do nothing`);
}

interface Claimed {
  id: string;
  connectorId: string;
  orderId: string;
  platformOrderId: string;
  carrier: string;
  trackingNumber: string;
  lines: { code: string; qty: number }[];
  attempts: number;
  createdAt: Date | string;
}

/**
 * Confirms the due shipments on their platforms, once each (SKIP LOCKED: several servers share
 * the work). A platform that is down or busy is retried with the webhooks' backoff for a day; a
 * refusal (a carrier it has no code for, a tracking number it rejects) fails at once. Either end
 * is a step in the order's trace.
 */
export async function deliverDueShipments(rt: ConnectorRuntime, limit = 50): Promise<number> {
  const now = rt.now();
  const claimed = await queryRows<Claimed>(
    rt.db,
    sql`
    with due as (
      select s.id from connector_shipments s
      join connectors c on c.id = s.connector_id and c.status in ('active', 'failing')
      where s.status = 'pending' and s.next_attempt_at <= ${now.toISOString()}::timestamptz
      order by s.next_attempt_at limit ${limit}
      for update of s skip locked
    )
    update connector_shipments s
    set attempts = s.attempts + 1,
        next_attempt_at = ${new Date(now.getTime() + CLAIM_LEASE_MS).toISOString()}::timestamptz
    from due where s.id = due.id
    returning s.id, s.connector_id as "connectorId", s.order_id as "orderId",
      s.platform_order_id as "platformOrderId", s.carrier, s.tracking_number as "trackingNumber",
      s.lines, s.attempts, s.created_at as "createdAt"`,
  );
  for (const shipment of claimed) await confirmOne(rt, shipment, now);
  return claimed.length;
}

async function confirmOne(rt: ConnectorRuntime, s: Claimed, now: Date) {
  let error: string | null = null;
  let final = false;
  try {
    const connector = await loadConnector(rt.db, s.connectorId);
    if (!connector) throw new Error('connector deleted');
    const calls = platformCalls(rt, connector);
    const carrierCode = calls.adapter.carrierCode(s.carrier);
    if (carrierCode === null) {
      throw new PlatformError(
        'refused',
        `carrier ${s.carrier} has no code on ${connector.platform}`,
      );
    }
    await calls.call((creds) =>
      calls.adapter.confirmShipment(creds, {
        platformOrderId: s.platformOrderId,
        carrierCode,
        trackingNumber: s.trackingNumber,
        lines: s.lines,
      }),
    );
  } catch (err) {
    error = err instanceof PlatformError ? `${err.kind}: ${err.message}` : String(err);
    final =
      (err instanceof PlatformError && err.kind === 'refused') ||
      now.getTime() - new Date(s.createdAt).getTime() >= RETRY_FOR_MS;
  }
  const status = error === null ? 'confirmed' : final ? 'failed' : 'pending';
  await rt.db.transaction(async (tx) => {
    await tx.execute(sql`
      update connector_shipments set status = ${status}, last_error = ${error},
        next_attempt_at = ${new Date(now.getTime() + backoffMs(s.attempts)).toISOString()}::timestamptz,
        confirmed_at = ${status === 'confirmed' ? now.toISOString() : null}::timestamptz
      where id = ${s.id}`);
    if (status === 'pending') return;
    await recordOrderSteps(
      tx,
      [
        {
          orderId: s.orderId,
          kind: status === 'confirmed' ? 'platform-confirmed' : 'platform-confirm-failed',
          detail: {
            platformOrderId: s.platformOrderId,
            carrier: s.carrier,
            trackingNumber: s.trackingNumber,
            attempts: s.attempts,
            ...(error && { error }),
          },
        },
      ],
      now,
    );
  });
}
