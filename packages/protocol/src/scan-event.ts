import { z } from 'zod';
import { binCodeSchema, idSchema, isoDateSchema, isoTimeSchema, uuidSchema } from './codes';
import {
  inboundClosedPayloadSchema,
  inboundReceivedPayloadSchema,
  putAwayPayloadSchema,
  qcDecidedPayloadSchema,
  returnGradedPayloadSchema,
} from './inbound';
import { stockMovedPayloadSchema } from './moves';

/**
 * A pick is a physical fact: `qty` units of `skuId` were taken from `binCode` for `pickLineId`.
 * The server evaluates it against its current state; it never refuses it for business reasons.
 */
export const pickPayloadSchema = z.strictObject({
  pickLineId: idSchema,
  waveId: idSchema,
  binCode: binCodeSchema,
  skuId: idSchema,
  qty: z.int().min(1).max(9999),
  /** Lot (AI 10) and expiry (AI 17, ISO date) read from the label of a lot-tracked SKU. Since v2. */
  lot: z.string().min(1).max(20).optional(),
  expiry: isoDateSchema.optional(),
  /** Cluster picking: the tote the units went into (scanned at the start of the wave). Since v2. */
  toteCode: z.string().min(1).max(32).optional(),
});

export const shortReasonSchema = z.enum(['empty', 'damaged', 'not-found']);

/**
 * `short@1`: the bin cannot give the rest of a line (`shortQty` units, the line's remainder
 * when the picker reported it). The server closes the line as short, reallocates the remainder
 * to other bins with stock as new lines of the same wave (they arrive by pull, placed on the walk
 * by their bin's path order), and opens a cycle-count task for the bin. Since v2.
 */
export const shortPayloadSchema = z.strictObject({
  pickLineId: idSchema,
  waveId: idSchema,
  binCode: binCodeSchema,
  skuId: idSchema,
  shortQty: z.int().min(1).max(9999),
  reason: shortReasonSchema,
});

/**
 * `bin-label-failed@1`: the bin's label failed to confirm the bin `attempts` times in a row
 * (unreadable barcode, wrong check digits). The server opens one "reprint label" task per bin
 * and tells the warehouse's supervisors (M1.5). Since v2.
 */
export const binLabelFailedPayloadSchema = z.strictObject({
  waveId: idSchema,
  pickLineId: idSchema,
  binCode: binCodeSchema,
  attempts: z.int().min(1).max(99),
});

/** One item a picker returned to a bin: `qty` units of `skuId` (of `lot`, when known) picked for `pickLineId`. */
export const putBackItemSchema = z.strictObject({
  pickLineId: idSchema,
  binCode: binCodeSchema,
  skuId: idSchema,
  qty: z.int().min(1).max(9999),
  lot: z.string().min(1).max(20).optional(),
});

/**
 * `put-back@1`: the picker returned what was picked for an order pulled out of a wave (held or
 * cancelled after waving) or for a cancelled wave, and tapped "Done, all put back". The server
 * credits each bin (with a ledger row), never more per line than was taken from bins for it and
 * not put back yet (a second report of the same units adds nothing), and records it in the
 * order's trace. Since v3.
 */
export const putBackPayloadSchema = z.strictObject({
  waveId: idSchema,
  items: z.array(putBackItemSchema).min(1).max(200),
});

// Pack bench (issue 22, since wire version 5).

/** One SKU's units in a parcel, with the lot read from the item's label where the SKU is lot-tracked. */
export const parcelItemSchema = z.strictObject({
  skuId: idSchema,
  qty: z.int().min(1).max(9999),
  lot: z.string().min(1).max(20).optional(),
});

/** A tracking number typed or scanned at the bench (a carrier without an e-waybill service). */
export const trackingNumberSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9-]{6,40}$/, 'a tracking number is 6 to 40 letters, digits or dashes');

/**
 * `parcel-packed@1`: the packer closed parcel `parcelNo` (1, 2, 3… per order) of `orderId` with
 * these items in box `boxCode`, weighed `weightGrams` against the device's `expectedWeightGrams`
 * (which was within tolerance). The server stores the parcel once per order and number, checks
 * the weight again (a mismatch it finds opens a `weight-mismatch` exception; the fact is kept),
 * and ships the order when all its units are in parcels. Since v5.
 */
export const parcelPackedPayloadSchema = z.strictObject({
  orderId: idSchema,
  parcelNo: z.int().min(1).max(99),
  items: z.array(parcelItemSchema).min(1).max(200),
  boxCode: z.string().min(1).max(32),
  weightGrams: z.int().min(1).max(100_000),
  expectedWeightGrams: z.int().min(0).max(100_000),
  carrier: z.string().min(1).max(32).optional(),
  trackingNumber: trackingNumberSchema.optional(),
});

/**
 * `pack-weight-mismatch@1`: a weighed parcel was off its expected weight by more than the
 * tolerance; the device stopped the parcel. The server opens a `weight-mismatch` exception for a
 * supervisor and records it in the order's trace. Since v5.
 */
export const packWeightMismatchPayloadSchema = z.strictObject({
  orderId: idSchema,
  parcelNo: z.int().min(1).max(99),
  items: z.array(parcelItemSchema).max(200),
  boxCode: z.string().min(1).max(32),
  weightGrams: z.int().min(1).max(100_000),
  expectedWeightGrams: z.int().min(0).max(100_000),
});

const eventBase = {
  /** Random (UUID); unique across all devices. */
  id: uuidSchema,
  /** 1, 2, 3… with no gap within a device incarnation, allocated with the event. */
  seq: z.int().min(1),
  deviceTime: isoTimeSchema,
  userId: idSchema,
  /** The wave's assignment version the device had seen when the picker acted. */
  assignmentVersion: z.int().min(0),
};

/** Every kind of scan event, by `type@version`. A retired version stays here, decoded by an upcaster. */
export const scanEventSchema = z.discriminatedUnion('type', [
  z.strictObject({ ...eventBase, type: z.literal('pick@1'), payload: pickPayloadSchema }),
  z.strictObject({ ...eventBase, type: z.literal('short@1'), payload: shortPayloadSchema }),
  z.strictObject({
    ...eventBase,
    type: z.literal('bin-label-failed@1'),
    payload: binLabelFailedPayloadSchema,
  }),
  z.strictObject({ ...eventBase, type: z.literal('put-back@1'), payload: putBackPayloadSchema }),
  // Inbound (issue 23, since v5): receiving, quality check, put-away (see inbound.ts).
  z.strictObject({
    ...eventBase,
    type: z.literal('inbound-received@1'),
    payload: inboundReceivedPayloadSchema,
  }),
  z.strictObject({
    ...eventBase,
    type: z.literal('qc-decided@1'),
    payload: qcDecidedPayloadSchema,
  }),
  z.strictObject({ ...eventBase, type: z.literal('put-away@1'), payload: putAwayPayloadSchema }),
  z.strictObject({
    ...eventBase,
    type: z.literal('inbound-closed@1'),
    payload: inboundClosedPayloadSchema,
  }),
  // Returns graded at the dock (issue 23, since v6).
  z.strictObject({
    ...eventBase,
    type: z.literal('return-graded@1'),
    payload: returnGradedPayloadSchema,
  }),
  z.strictObject({
    ...eventBase,
    type: z.literal('parcel-packed@1'),
    payload: parcelPackedPayloadSchema,
  }),
  z.strictObject({
    ...eventBase,
    type: z.literal('pack-weight-mismatch@1'),
    payload: packWeightMismatchPayloadSchema,
  }),
  // Moves on the handheld (issue 16, since v6): see moves.ts.
  z.strictObject({
    ...eventBase,
    type: z.literal('stock-moved@1'),
    payload: stockMovedPayloadSchema,
  }),
]);

export type PickPayload = z.infer<typeof pickPayloadSchema>;
export type ShortReason = z.infer<typeof shortReasonSchema>;
export type ShortPayload = z.infer<typeof shortPayloadSchema>;
export type BinLabelFailedPayload = z.infer<typeof binLabelFailedPayloadSchema>;
export type PutBackItem = z.infer<typeof putBackItemSchema>;
export type PutBackPayload = z.infer<typeof putBackPayloadSchema>;
export type PutBackEvent = Extract<ScanEvent, { type: 'put-back@1' }>;
export type PickEvent = Extract<ScanEvent, { type: 'pick@1' }>;
export type ShortEvent = Extract<ScanEvent, { type: 'short@1' }>;
export type BinLabelFailedEvent = Extract<ScanEvent, { type: 'bin-label-failed@1' }>;
export type ParcelItem = z.infer<typeof parcelItemSchema>;
export type ParcelPackedPayload = z.infer<typeof parcelPackedPayloadSchema>;
export type PackWeightMismatchPayload = z.infer<typeof packWeightMismatchPayloadSchema>;
export type ParcelPackedEvent = Extract<ScanEvent, { type: 'parcel-packed@1' }>;
export type PackWeightMismatchEvent = Extract<ScanEvent, { type: 'pack-weight-mismatch@1' }>;
export type ScanEvent = z.infer<typeof scanEventSchema>;
export type InboundReceivedEvent = Extract<ScanEvent, { type: 'inbound-received@1' }>;
export type QcDecidedEvent = Extract<ScanEvent, { type: 'qc-decided@1' }>;
export type PutAwayEvent = Extract<ScanEvent, { type: 'put-away@1' }>;
export type InboundClosedEvent = Extract<ScanEvent, { type: 'inbound-closed@1' }>;
export type StockMovedEvent = Extract<ScanEvent, { type: 'stock-moved@1' }>;
export type ReturnGradedEvent = Extract<ScanEvent, { type: 'return-graded@1' }>;
/** The inbound kinds: applied by `apps/server/src/inbound`, never part of a wave. */
export const INBOUND_EVENT_TYPES = [
  'inbound-received@1',
  'qc-decided@1',
  'put-away@1',
  'inbound-closed@1',
  'return-graded@1',
] as const;
export type ScanEventType = ScanEvent['type'];
