import {
  bigserial,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';

const at = (name: string) => timestamp(name, { withTimezone: true });

/**
 * Parcels of an order (issue 22): what went into each box at the pack bench, its weight and its
 * waybill. An order is shipped when all its units are in parcels and every parcel has a tracking
 * number (typed at the bench or from an e-waybill provider).
 */
export const parcels = pgTable(
  'parcels',
  {
    id: uuid('id').primaryKey(),
    warehouseId: text('warehouse_id').notNull(),
    orderId: text('order_id').notNull(),
    parcelNo: integer('parcel_no').notNull(),
    items: jsonb('items').$type<{ skuId: string; qty: number; lot?: string }[]>().notNull(),
    /** Box and weights: null for a parcel shipped through the typed ship route (not weighed). */
    boxCode: text('box_code'),
    weightGrams: integer('weight_grams'),
    expectedWeightGrams: integer('expected_weight_grams'),
    carrier: text('carrier'),
    trackingNumber: text('tracking_number'),
    /** The e-waybill provider that issued the tracking number, and its reference (for cancelling). */
    waybillProvider: text('waybill_provider'),
    waybillProviderRef: text('waybill_provider_ref'),
    /** The pack event that made it (null: the typed-in ship route). */
    eventId: uuid('event_id'),
    packedBy: text('packed_by'),
    packedAt: at('packed_at').notNull(),
    /** The carrier's last tracking event: in-transit, delivered, failed. */
    deliveryStatus: text('delivery_status'),
    deliveredAt: at('delivered_at'),
  },
  (t) => [
    unique('parcels_order_no').on(t.orderId, t.parcelNo),
    index('parcels_tracking').on(t.trackingNumber),
    index('parcels_delivered').on(t.warehouseId, t.deliveredAt),
  ],
);

/** Carrier tracking events per parcel, stored once per carrier event id. */
export const parcelTrackingEvents = pgTable(
  'parcel_tracking_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    warehouseId: text('warehouse_id').notNull(),
    parcelId: uuid('parcel_id').notNull(),
    carrierEventId: text('carrier_event_id').notNull(),
    kind: text('kind', { enum: ['in-transit', 'delivered', 'failed'] }).notNull(),
    at: at('at').notNull(),
    location: text('location'),
    note: text('note'),
    receivedAt: at('received_at').notNull(),
  },
  (t) => [
    unique('parcel_tracking_events_carrier_event').on(t.warehouseId, t.carrierEventId),
    index('parcel_tracking_events_parcel').on(t.parcelId, t.at),
    // Retention (issue 25): the months to export, read in time order.
    index('parcel_tracking_events_received').on(t.receivedAt),
  ],
);

/** Each query of the customer-facing order status page (M2.4 "customer status queries"). */
export const orderStatusQueries = pgTable(
  'order_status_queries',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    warehouseId: text('warehouse_id').notNull(),
    orderId: text('order_id').notNull(),
    at: at('at').notNull(),
  },
  (t) => [
    index('order_status_queries_at').on(t.warehouseId, t.at),
    // Retention (issue 25): the months to export, read in time order.
    index('order_status_queries_time').on(t.at),
  ],
);
