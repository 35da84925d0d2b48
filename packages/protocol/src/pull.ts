import { z } from 'zod';
import { binCodeSchema, idSchema, isoTimeSchema, waveCodeSchema } from './codes';

export const waveStatusSchema = z.enum(['open', 'picking', 'done', 'cancelled']);
/** `cancelled` (v2): the order was held or cancelled after waving: stop, put picked units back. */
export const pickLineStatusSchema = z.enum(['open', 'picked', 'short', 'cancelled']);

/** A wave as the device keeps it: the server's copy, replaced whole on every change. */
export const waveSchema = z.object({
  id: idSchema,
  code: waveCodeSchema,
  warehouseId: idSchema,
  status: waveStatusSchema,
  assignedUserId: idSchema.nullable(),
  /** Fencing token: bumped on every reassignment; events carry the version their device saw. */
  assignmentVersion: z.int().min(0),
  createdAt: isoTimeSchema,
});

/** One line of a pick instruction (M1.2), with what the device needs to check scans offline. */
export const pickLineSchema = z.object({
  id: idSchema,
  waveId: idSchema,
  orderId: idSchema,
  skuId: idSchema,
  skuName: z.string(),
  skuNameZh: z.string(),
  /** Every barcode that identifies the SKU (GTIN-13/14 …), for checking the item scan offline. */
  barcodes: z.array(z.string()),
  imageUrl: z.string().nullable(),
  binCode: binCodeSchema,
  /** The bin's place on the pick path: lines are walked in ascending order. */
  pathSeq: z.int(),
  qty: z.int().min(1),
  pickedQty: z.int().min(0),
  status: pickLineStatusSchema,
  note: z.string().nullable(),
  /**
   * The digits printed on the bin label, keyed in when its barcode will not scan. Since v2
   * (absent from lines a device stored before).
   */
  checkDigits: z
    .string()
    .regex(/^\d{2,3}$/)
    .optional(),
  /** The SKU is lot-tracked: its pick needs the lot and expiry from the label. Since v2. */
  lotTracked: z.boolean().optional(),
  /** The lot to pick (first expiry first) and its expiry day `YYYY-MM-DD`; null without lots. Since v4. */
  lot: z.string().nullable().optional(),
  expiry: z.string().nullable().optional(),
});

export const removedWaveSchema = z.object({
  waveId: idSchema,
  /** `finished` (since v4): done a shift ago; the device drops it without a notice. */
  reason: z.enum(['reassigned', 'unassigned', 'cancelled', 'finished']),
  /** Who has it now, when it was reassigned (a display name). */
  assignedTo: z.string().nullable(),
  /**
   * Since v3: how many picks this device's user made on the wave that the server stored and kept
   * (credited to them), for "Wave B26-07 moved to Li Wei; your 5 picks were kept".
   */
  keptPicks: z.int().min(0).optional(),
});

/**
 * `GET /api/sync/pull?cursor=…`: the changes in the caller's scope since `cursor` (omit it for
 * a full snapshot). Call again with the returned cursor while `hasMore` is true.
 */
export const pullResponseSchema = z.object({
  cursor: z.string(),
  hasMore: z.boolean(),
  /** True when the cursor was absent or no longer fits the caller: drop the local server state first. */
  reset: z.boolean(),
  /** Every event of this device with seq ≤ this is reflected in the state below. */
  ackedThroughSeq: z.int().min(0),
  waves: z.array(waveSchema),
  lines: z.array(pickLineSchema),
  removedWaves: z.array(removedWaveSchema),
  /**
   * Since v3: changes in the caller's scope have committed but are held behind an older
   * transaction still running (the cursor never skips it, section 5); they become servable when
   * it ends, and no second poke announces that. Pull again shortly (about 250 ms).
   */
  heldBack: z.boolean().optional(),
  /**
   * Since the inbound console (issue 23, additive in v5): a supervisor gave inbound work to this
   * picker or took it away. Download the inbound work again (`GET /api/inbound/work`).
   */
  inboundChanged: z.boolean().optional(),
});

export type WaveStatus = z.infer<typeof waveStatusSchema>;
export type PickLineStatus = z.infer<typeof pickLineStatusSchema>;
export type Wave = z.infer<typeof waveSchema>;
export type PickLine = z.infer<typeof pickLineSchema>;
export type RemovedWave = z.infer<typeof removedWaveSchema>;
export type PullResponse = z.infer<typeof pullResponseSchema>;
