import { z } from 'zod';
import { binCodeSchema, idSchema, isoDateSchema } from './codes';
import { lotSchema } from './stock';

/*
 * Moves and lot corrections on the handheld (issue 16, wire version 6): the event
 * `stock-moved@1` (in `scan-event.ts`) and what the device downloads to work offline.
 */

/**
 * `stock-moved@1`: the worker took `qty` units of `skuId` (of `lot`/`expiry` where the SKU is
 * lot-tracked, as the label or the bin's stock gave them) from `fromBinCode` and put them in
 * `toBinCode`. `toLot`/`toExpiry`: a lot correction (the units are really of that lot). The
 * server moves them through the stock ledger once; when the source slot has fewer units free
 * (held and not planned for open waves) nothing moves and the outcome is `move-refused`.
 */
export const stockMovedPayloadSchema = z.strictObject({
  fromBinCode: binCodeSchema,
  toBinCode: binCodeSchema,
  skuId: idSchema,
  qty: z.int().min(1).max(99_999),
  lot: lotSchema.optional(),
  expiry: isoDateSchema.optional(),
  toLot: lotSchema.optional(),
  toExpiry: isoDateSchema.optional(),
});

/** A bin of the warehouse a move may name, with the check digits printed on its label. */
export const moveBinSchema = z.object({ code: z.string(), checkDigits: z.string() });

/** A SKU held somewhere in the warehouse: what a scan of its barcode is. */
export const moveSkuSchema = z.object({
  id: z.string(),
  name: z.string(),
  nameZh: z.string(),
  barcodes: z.array(z.string()),
  lotTracked: z.boolean(),
});

/**
 * Available stock of one bin × SKU × lot: `qty` held, `free` of them not planned for open waves
 * (what may move).
 */
export const moveSlotSchema = z.object({
  binCode: z.string(),
  skuId: z.string(),
  lot: z.string().nullable(),
  expiry: z.string().nullable(),
  qty: z.int(),
  free: z.int(),
});

/** `GET /api/moves/work`: what a handheld keeps to move stock offline (the caller's warehouse). */
export const moveWorkSchema = z.object({
  bins: z.array(moveBinSchema),
  skus: z.array(moveSkuSchema),
  slots: z.array(moveSlotSchema),
});

export type StockMovedPayload = z.infer<typeof stockMovedPayloadSchema>;
export type MoveBin = z.infer<typeof moveBinSchema>;
export type MoveSku = z.infer<typeof moveSkuSchema>;
export type MoveSlot = z.infer<typeof moveSlotSchema>;
export type MoveWork = z.infer<typeof moveWorkSchema>;
