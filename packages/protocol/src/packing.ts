import { z } from 'zod';
import { idSchema } from './codes';

/**
 * `GET /api/packing/orders/:code` (issue 22, since wire version 5): what the pack bench needs to
 * verify an order's items and weigh its parcels offline. `code` is the order id (package label)
 * or the tote it was picked into.
 */
export const packOrderSchema = z.object({
  orderId: idSchema,
  status: z.string(),
  carrier: z.string().nullable(),
  /** M4.3: the carrier must get a signature on delivery (shown on the pack screen and waybill). */
  signatureRequired: z.boolean(),
  lines: z.array(
    z.object({
      skuId: idSchema,
      name: z.string(),
      nameZh: z.string(),
      barcodes: z.array(z.string()),
      qty: z.int(),
      /** A unit's weight; null when master data has none (it then counts as 0 g). */
      weightGrams: z.int().nullable(),
      lotTracked: z.boolean(),
      /** The lots picked for the order (what the packer should see on the labels). */
      lots: z.array(z.string()),
    }),
  ),
  /** Parcels the server has already (packed on another bench, or before a restart). */
  parcels: z.array(
    z.object({
      parcelNo: z.int(),
      items: z.array(z.object({ skuId: z.string(), qty: z.int(), lot: z.string().optional() })),
      trackingNumber: z.string().nullable(),
    }),
  ),
  boxes: z.array(
    z.object({ code: z.string(), name: z.string(), nameZh: z.string(), tareGrams: z.int() }),
  ),
  tolerance: z.object({ pct: z.number(), minGrams: z.int() }),
});

export type PackOrder = z.infer<typeof packOrderSchema>;

/**
 * `POST /api/parcels/tracking-events` (issue 22): what a carrier (or its platform) reports per
 * parcel, by tracking number; stored once per carrier event id.
 */
export const trackingEventsSchema = z.strictObject({
  events: z
    .array(
      z.strictObject({
        carrierEventId: z.string().trim().min(1).max(64),
        trackingNumber: z.string().trim().min(6).max(40),
        kind: z.enum(['in-transit', 'delivered', 'failed']),
        at: z.iso.datetime({ offset: true }),
        location: z.string().max(100).optional(),
        note: z.string().max(300).optional(),
      }),
    )
    .min(1)
    .max(500),
});

/** Per event: `stored`, `duplicate` (that carrier event id was stored before), `unknown-parcel`. */
export const trackingEventsResultSchema = z.object({
  results: z.array(
    z.object({
      carrierEventId: z.string(),
      outcome: z.enum(['stored', 'duplicate', 'unknown-parcel']),
    }),
  ),
});

/** `GET /api/order-status/:token`: what the customer's signed link shows. */
export const orderStatusPageSchema = z.object({
  orderId: z.string(),
  status: z.string(),
  signatureRequired: z.boolean(),
  parcels: z.array(
    z.object({
      parcelNo: z.int(),
      carrier: z.string().nullable(),
      trackingNumber: z.string().nullable(),
      deliveryStatus: z.string().nullable(),
      deliveredAt: z.string().nullable(),
    }),
  ),
});

/** `POST /api/orders/:orderId/parcels/:parcelNo/waybill`: the carrier, when not the parcel's. */
export const parcelWaybillRequestSchema = z.strictObject({
  carrier: z.string().trim().min(1).max(32).optional(),
});

export type TrackingEvents = z.infer<typeof trackingEventsSchema>;
export type OrderStatusPage = z.infer<typeof orderStatusPageSchema>;
