import type { TrackingEvents } from '@wms/protocol';
import { sql } from 'drizzle-orm';
import type { Session } from '../auth/session-token';
import { type Db, queryRows } from '../db/database';
import { recordOrderSteps } from '../orders/order-timeline';

/**
 * Carrier tracking events for the caller's warehouse's parcels, in one transaction: each is
 * stored once per carrier event id (a resent event is `duplicate` and changes nothing), moves the
 * parcel's delivery status (a delivery is kept: a late in-transit scan does not undo it), and
 * appears in the order's trace. A tracking number not of this warehouse is `unknown-parcel`.
 */
export async function recordTrackingEvents(
  db: Db,
  session: Session,
  input: TrackingEvents,
  now: Date,
) {
  return db.transaction(async (tx) => {
    const results: {
      carrierEventId: string;
      outcome: 'stored' | 'duplicate' | 'unknown-parcel';
    }[] = [];
    for (const event of input.events) {
      const [parcel] = await queryRows<{ id: string; orderId: string; parcelNo: number }>(
        tx,
        sql`select id, order_id as "orderId", parcel_no as "parcelNo" from parcels
            where warehouse_id = ${session.warehouseId} and tracking_number = ${event.trackingNumber}
            order by packed_at desc limit 1 for update`,
      );
      if (!parcel) {
        results.push({ carrierEventId: event.carrierEventId, outcome: 'unknown-parcel' });
        continue;
      }
      const [stored] = await queryRows<{ id: number }>(
        tx,
        sql`insert into parcel_tracking_events (warehouse_id, parcel_id, carrier_event_id, kind, at, location, note, received_at)
            values (${session.warehouseId}, ${parcel.id}, ${event.carrierEventId}, ${event.kind},
                    ${event.at}::timestamptz, ${event.location ?? null}, ${event.note ?? null}, ${now.toISOString()}::timestamptz)
            on conflict (warehouse_id, carrier_event_id) do nothing returning id`,
      );
      if (!stored) {
        results.push({ carrierEventId: event.carrierEventId, outcome: 'duplicate' });
        continue;
      }
      await tx.execute(sql`
        update parcels set
          delivery_status = case when delivery_status = 'delivered' then delivery_status else ${event.kind} end,
          delivered_at = case when ${event.kind} = 'delivered' and delivered_at is null
                              then ${event.at}::timestamptz else delivered_at end
        where id = ${parcel.id}`);
      await recordOrderSteps(
        tx,
        [
          {
            orderId: parcel.orderId,
            kind: 'tracking',
            detail: {
              parcelNo: parcel.parcelNo,
              kind: event.kind,
              at: event.at,
              location: event.location ?? null,
            },
          },
        ],
        now,
      );
      results.push({ carrierEventId: event.carrierEventId, outcome: 'stored' });
    }
    return { results };
  });
}
