import { z } from 'zod';
import { binCodeSchema, idSchema } from './codes';

/** What stock may be used for (issue 16): only `available` is picked and promised. */
export const stockStatusSchema = z.enum([
  'available',
  'awaiting-qc',
  'quarantined',
  'damaged',
  'received-not-put-away',
]);

/** A lot as printed on the goods (GS1 AI 10: up to 20 characters). */
export const lotSchema = z.string().trim().min(1).max(20);

/** A day `YYYY-MM-DD` that exists in the calendar. */
export const daySchema = z.iso.date();

/** One row of an opening-balance import (CSV columns bin_code, sku_id, lot, expiry, qty, status). */
export const openingBalanceRowSchema = z.strictObject({
  binCode: binCodeSchema,
  skuId: idSchema,
  lot: lotSchema.optional(),
  expiry: daySchema.optional(),
  qty: z.coerce.number().int().min(1).max(1_000_000),
  status: stockStatusSchema.default('available'),
});

/**
 * `POST /api/inventory/moves`: units of one lot from one bin to another, or a lot correction
 * (`toLot`/`toExpiry`, the same bin or another). Refused when the source holds fewer.
 */
export const stockMoveSchema = z.strictObject({
  fromBinCode: binCodeSchema,
  toBinCode: binCodeSchema,
  skuId: idSchema,
  lot: lotSchema.optional(),
  qty: z.int().min(1).max(1_000_000),
  status: stockStatusSchema.default('available'),
  /** A lot correction: the units are really of this lot (and expiry). */
  toLot: lotSchema.optional(),
  toExpiry: daySchema.optional(),
  /** A status change on the way (e.g. into quarantine). */
  toStatus: stockStatusSchema.optional(),
});

export const adjustmentReasonSchema = z.enum([
  'damaged',
  'expired',
  'lost',
  'found',
  'sample',
  'count-correction',
]);

/** `POST /api/inventory/adjustments` (supervisors): stock found or written off, with a reason code. */
export const stockAdjustmentSchema = z.strictObject({
  binCode: binCodeSchema,
  skuId: idSchema,
  lot: lotSchema.optional(),
  expiry: daySchema.optional(),
  status: stockStatusSchema.default('available'),
  delta: z
    .int()
    .min(-1_000_000)
    .max(1_000_000)
    .refine((d) => d !== 0, 'an adjustment moves at least one unit'),
  reasonCode: adjustmentReasonSchema,
  note: z.string().max(500).optional(),
});

/** One row of a SKU's stock history (the ledger), newest first. */
export const stockHistoryEntrySchema = z.object({
  at: z.string(),
  binCode: z.string(),
  lot: z.string().nullable(),
  expiry: z.string().nullable(),
  status: stockStatusSchema,
  delta: z.int(),
  reason: z.string(),
  reasonCode: z.string().nullable(),
  userId: z.string().nullable(),
  eventId: z.string().nullable(),
  note: z.string().nullable(),
});

export type StockStatus = z.infer<typeof stockStatusSchema>;
export type OpeningBalanceRow = z.infer<typeof openingBalanceRowSchema>;
export type StockMove = z.infer<typeof stockMoveSchema>;
export type StockAdjustment = z.infer<typeof stockAdjustmentSchema>;
export type StockHistoryEntry = z.infer<typeof stockHistoryEntrySchema>;
