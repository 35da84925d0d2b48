import { z } from 'zod';
import { binCodeSchema, idSchema, isoDateSchema, uuidSchema } from './codes';
import { lotSchema } from './stock';

/*
 * Inbound (issue 23): expected deliveries (ASN / purchase order / return), receiving, quality
 * check and put-away. The handheld's events are in `scan-event.ts` (inbound-received@1,
 * qc-decided@1, put-away@1, inbound-closed@1); this file holds the notices and the work lists.
 */

/** What a notice expects: a supplier's delivery, a customer's return, or goods that came unannounced. */
export const inboundKindSchema = z.enum(['purchase', 'return', 'blind']);

/** A notice number as printed on the paperwork and scanned at the dock, e.g. `ASN-2611-0042`. */
export const noticeCodeSchema = z
  .string()
  .trim()
  .regex(/^[A-Z0-9][A-Z0-9-]{2,39}$/, 'a notice number looks like ASN-2611-0042');

export const inboundLineInputSchema = z.strictObject({
  skuId: idSchema,
  expectedQty: z.int().min(1).max(1_000_000),
});

/** `POST /api/inbound/notices`: an expected delivery into the caller's warehouse. */
export const newInboundNoticeSchema = z.strictObject({
  code: noticeCodeSchema,
  kind: inboundKindSchema.exclude(['blind']).default('purchase'),
  supplierId: idSchema.optional(),
  expectedDate: isoDateSchema,
  lines: z.array(inboundLineInputSchema).min(1).max(500),
});

/** One row of an ASN spreadsheet (columns notice, supplier_id, expected_date, sku_id, qty). */
export const inboundImportRowSchema = z.strictObject({
  code: noticeCodeSchema,
  supplierId: idSchema.optional(),
  expectedDate: isoDateSchema,
  skuId: idSchema,
  expectedQty: z.coerce.number().int().min(1).max(1_000_000),
});

export const inboundLineSchema = z.object({
  id: uuidSchema,
  lineNo: z.int(),
  skuId: z.string(),
  skuName: z.string(),
  skuNameZh: z.string(),
  barcodes: z.array(z.string()),
  expectedQty: z.int(),
  receivedQty: z.int(),
  damagedQty: z.int(),
  lotTracked: z.boolean(),
  qcRequired: z.boolean(),
  /** A return's units graded wrong item (not what the customer was to send back). Since v6. */
  wrongItemQty: z.int().default(0),
});

export const inboundNoticeSchema = z.object({
  id: uuidSchema,
  code: z.string(),
  warehouseId: z.string(),
  kind: inboundKindSchema,
  supplierId: z.string().nullable(),
  orderId: z.string().nullable(),
  expectedDate: z.string(),
  status: z.enum(['open', 'closed']),
  needsReview: z.boolean(),
  lines: z.array(inboundLineSchema),
  /** Since the inbound console (issue 23, additive): who receives it; null: any worker. */
  assignedUserId: z.string().nullable().optional(),
  assigneeName: z.string().nullable().optional(),
  /** When its first units were counted (null: still expected). */
  firstReceivedAt: z.string().nullable().optional(),
});

/** An open QC or put-away task, as the handheld downloads it. */
export const inboundTaskSchema = z.object({
  /** The receiving event's id (QC, or put-away without QC) or the QC event's id (put-away). */
  id: uuidSchema,
  kind: z.enum(['qc', 'put-away']),
  noticeId: uuidSchema,
  noticeCode: z.string(),
  skuId: z.string(),
  skuName: z.string(),
  skuNameZh: z.string(),
  lot: z.string().nullable(),
  expiry: z.string().nullable(),
  qty: z.int(),
  doneQty: z.int(),
  /** Put-away: where to go (the SKU's pick face, else a free bin in path order). */
  suggestedBinCode: z.string().nullable(),
  suggestedCheckDigits: z.string().nullable(),
  /** Since the inbound console (issue 23, additive): who does it; null: any worker. */
  assignedUserId: z.string().nullable().optional(),
  assigneeName: z.string().nullable().optional(),
  /** When the task was made (its age on the console). */
  createdAt: z.string().optional(),
});

/** A SKU as a blind receipt looks it up offline: by barcode, with its flags. Since v6. */
export const inboundSkuSchema = z.object({
  id: z.string(),
  name: z.string(),
  nameZh: z.string(),
  barcodes: z.array(z.string()),
  lotTracked: z.boolean(),
  qcRequired: z.boolean(),
});

/** `GET /api/inbound/work`: what a handheld keeps for receiving, QC and put-away offline. */
export const inboundWorkSchema = z.object({
  notices: z.array(inboundNoticeSchema),
  tasks: z.array(inboundTaskSchema),
  suppliers: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      /** Since v6 (a blind receipt names the supplier in the worker's language). */
      nameZh: z.string().default(''),
      qcRequired: z.boolean(),
    }),
  ),
  /** The active SKUs, for a delivery that came without a notice (blind receipt). Since v6. */
  skus: z.array(inboundSkuSchema).default([]),
});

export const overUnderReasonSchema = z.enum([
  'supplier-sent-more',
  'supplier-sent-less',
  'damaged-in-transit',
  'not-on-notice',
  'other',
]);

/**
 * `inbound-received@1`: `qty` units of `skuId` received against a notice's line (`lineId`), or a
 * SKU the notice does not list (no `lineId`: a line with nothing expected is added, an
 * over-receipt). `damaged` units are set apart (damaged stock, never available). A blind receipt
 * names a notice id the device made up and `blind` (the supplier): the server opens a 'blind'
 * notice flagged for review on the first such event. Since v5.
 */
export const inboundReceivedPayloadSchema = z.strictObject({
  noticeId: uuidSchema,
  lineId: uuidSchema.optional(),
  skuId: idSchema,
  qty: z.int().min(1).max(9999),
  lot: lotSchema.optional(),
  expiry: isoDateSchema.optional(),
  damaged: z.boolean().default(false),
  /** Why more (or other goods) than expected came; shown to the supervisor. */
  reason: overUnderReasonSchema.optional(),
  /** The carton's SSCC (GS1 AI 00), when it came with a carton label. */
  sscc: z
    .string()
    .regex(/^\d{18}$/, 'an SSCC has 18 digits')
    .optional(),
  blind: z.strictObject({ supplierId: idSchema, code: noticeCodeSchema.optional() }).optional(),
});

/**
 * `qc-decided@1`: the QC of one received quantity (`taskId`: the receiving event's id). Passed
 * units wait for put-away, failed units go to quarantine with the reason. Since v5.
 */
export const qcDecidedPayloadSchema = z.strictObject({
  taskId: uuidSchema,
  passedQty: z.int().min(0).max(9999),
  failedQty: z.int().min(0).max(9999),
  reason: z.string().trim().min(1).max(200).optional(),
});

/**
 * `put-away@1`: `qty` units of a put-away task (`taskId`) placed in `binCode`. Another bin than
 * the suggested one carries a reason. Only now are the units available. Since v5.
 */
export const putAwayPayloadSchema = z.strictObject({
  taskId: uuidSchema,
  binCode: binCodeSchema,
  qty: z.int().min(1).max(9999),
  otherBinReason: z.enum(['bin-full', 'bin-blocked', 'label-missing', 'other']).optional(),
});

/**
 * How a returned unit is graded at the dock: fit to sell again (put away), damaged (quarantined),
 * or not the item the customer was to send back (an exception for a supervisor). Since v6.
 */
export const returnGradeSchema = z.enum(['resellable', 'damaged', 'wrong-item']);

/**
 * `return-graded@1`: `qty` units received against a return notice's line (`lineId`), graded.
 * `resellable` units wait at the dock for put-away (a put-away task whose id is this event's);
 * `damaged` ones go to quarantine; `wrong-item` units are not the line's SKU (`scannedCode`: what
 * the worker scanned, when the label read) and open an exception. Since v6.
 */
export const returnGradedPayloadSchema = z.strictObject({
  noticeId: uuidSchema,
  lineId: uuidSchema,
  qty: z.int().min(1).max(9999),
  grade: returnGradeSchema,
  scannedCode: z.string().trim().min(1).max(64).optional(),
  note: z.string().trim().min(1).max(200).optional(),
});

/**
 * `inbound-closed@1`: the receiver says the delivery is complete; what was not received is
 * recorded short (with the reason) and leaves the pool's inbound. Since v5.
 */
export const inboundClosedPayloadSchema = z.strictObject({
  noticeId: uuidSchema,
  reason: overUnderReasonSchema.optional(),
});

export type InboundKind = z.infer<typeof inboundKindSchema>;
export type NewInboundNotice = z.infer<typeof newInboundNoticeSchema>;
export type InboundImportRow = z.infer<typeof inboundImportRowSchema>;
export type InboundLine = z.infer<typeof inboundLineSchema>;
export type InboundNotice = z.infer<typeof inboundNoticeSchema>;
export type InboundTask = z.infer<typeof inboundTaskSchema>;
export type InboundWork = z.infer<typeof inboundWorkSchema>;
export type InboundSku = z.infer<typeof inboundSkuSchema>;
export type ReturnGrade = z.infer<typeof returnGradeSchema>;
export type ReturnGradedPayload = z.infer<typeof returnGradedPayloadSchema>;
export type OverUnderReason = z.infer<typeof overUnderReasonSchema>;
export type InboundReceivedPayload = z.infer<typeof inboundReceivedPayloadSchema>;
export type QcDecidedPayload = z.infer<typeof qcDecidedPayloadSchema>;
export type PutAwayPayload = z.infer<typeof putAwayPayloadSchema>;
export type InboundClosedPayload = z.infer<typeof inboundClosedPayloadSchema>;

/** `POST /api/inbound/suppliers` (admins): a supplier; `qcRequired` sends all they deliver to QC. */
export const supplierInputSchema = z.strictObject({
  id: idSchema,
  name: z.string().trim().min(1).max(100),
  nameZh: z.string().trim().min(1).max(100),
  qcRequired: z.boolean().default(false),
});

/** `POST /api/inbound/notices/:noticeId/close` (leads): nothing more is coming. */
export const closeNoticeSchema = z.strictObject({ reason: overUnderReasonSchema.optional() });

/**
 * `POST /api/inbound/notices/{noticeId}/expected-date`: the supplier moved the delivery. Pre-sale
 * orders waiting for it are re-dated; a later date alerts with the count of promises broken.
 */
export const rescheduleNoticeSchema = z.strictObject({
  expectedDate: isoDateSchema,
  /** What the supplier said, kept with the change. */
  note: z.string().trim().min(1).max(200).optional(),
});

export type SupplierInput = z.infer<typeof supplierInputSchema>;
export type RescheduleNotice = z.infer<typeof rescheduleNoticeSchema>;

/**
 * `POST /api/inbound/tasks/:taskId/assign` and `POST /api/inbound/notices/:noticeId/assign`
 * (leads): give a QC or put-away task, or a notice's receiving, to a picker of the warehouse, or
 * to nobody (`null`: open to every worker again). What the previous worker recorded still counts.
 */
export const inboundAssignSchema = z.strictObject({ userId: idSchema.nullable() });

/** The reply to an inbound assign: the work's assignment as it is now. */
export const inboundAssignedSchema = z.object({
  id: uuidSchema,
  kind: z.enum(['receiving', 'qc', 'put-away']),
  assignedUserId: idSchema.nullable(),
  assignmentVersion: z.int().min(0),
});

export type InboundAssign = z.infer<typeof inboundAssignSchema>;
export type InboundAssigned = z.infer<typeof inboundAssignedSchema>;
