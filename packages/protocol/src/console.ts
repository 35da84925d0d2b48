import { z } from 'zod';
import { idSchema, isoTimeSchema, waveCodeSchema } from './codes';
import { waveStatusSchema } from './pull';

/**
 * `POST /api/waves/:waveId/assign`: give a wave, or part of it, to another picker (M2.1).
 * `mode` (since v3, default `wave`): `wave` moves the whole wave; `remaining` moves its open
 * lines into a new wave for `userId`; `split` moves the open lines beyond the first picker's
 * current position. Picks the first picker made before hearing of the move stay theirs.
 */
export const waveAssignSchema = z.strictObject({
  userId: idSchema.nullable(),
  mode: z.enum(['wave', 'remaining', 'split']).default('wave'),
});

/** The reply to an assign: the wave as it is now, and the wave split off it (if lines moved). */
export const waveAssignedSchema = z.object({
  id: idSchema,
  code: waveCodeSchema,
  status: waveStatusSchema,
  assignedUserId: idSchema.nullable(),
  assignmentVersion: z.int().min(0),
  movedLines: z.int().min(0),
  newWaveId: idSchema.nullable(),
});

/** What a picker's devices tell about them: where they are, when heard from, what is not synced. */
export const pickerStatusSchema = z.object({
  userId: idSchema,
  name: z.string(),
  waveCodes: z.array(waveCodeSchema),
  /** The bin of their last pick the server has stored. */
  currentBin: z.string().nullable(),
  lastPickAt: isoTimeSchema.nullable(),
  lastSeenAt: isoTimeSchema.nullable(),
  /** Events their devices say they hold that the server has not stored (highestLocalSeq − lastSeq). */
  backlog: z.int().min(0),
});

/** `GET /api/waves/:waveId/move-preview?mode=…`: what a move would do, before confirming it. */
export const wavePreviewSchema = z.object({
  waveId: idSchema,
  code: waveCodeSchema,
  mode: z.enum(['wave', 'remaining', 'split']),
  assignee: pickerStatusSchema.nullable(),
  /** The path position of the split: the bin of the assignee's last stored pick on this wave. */
  positionBin: z.string().nullable(),
  linesMoving: z.int().min(0),
  linesStaying: z.int().min(0),
});

export const boardWaveSchema = z.object({
  id: idSchema,
  code: waveCodeSchema,
  status: waveStatusSchema,
  assignedUserId: idSchema.nullable(),
  assigneeName: z.string().nullable(),
  lines: z.int().min(0),
  /** Lines no longer open (picked, short, cancelled). */
  linesDone: z.int().min(0),
  units: z.int().min(0),
  unitsPicked: z.int().min(0),
  /** Lines and units each picker's stored picks filled on this wave (credit follows the picker). */
  byPicker: z.array(
    z.object({ userId: idSchema, name: z.string(), lines: z.int().min(0), units: z.int() }),
  ),
});

export const orderStageSchema = z.enum([
  'received',
  'backordered',
  'held',
  'unrouted',
  'waved',
  'picking',
  'picked',
  'shipped',
]);

/**
 * Inbound stages (issue 23), as on the handheld: `expected` (a notice with nothing received yet),
 * `receiving` (units counted, notice still open), `awaiting-qc` (red gear), `awaiting-put-away`
 * (blue shelf), `put-away-today` (put-away tasks finished since midnight UTC).
 */
export const inboundStageSchema = z.enum([
  'expected',
  'receiving',
  'awaiting-qc',
  'awaiting-put-away',
  'put-away-today',
]);

/** One inbound stage: notices (expected, receiving) or tasks, their units, the oldest's start. */
export const boardInboundStageSchema = z.object({
  stage: inboundStageSchema,
  count: z.int().min(0),
  /** Units still expected (notices), still to do (open tasks), or put away (today). */
  units: z.int().min(0),
  /** When the longest-waiting one entered this stage; null for `put-away-today` or none. */
  oldestAt: isoTimeSchema.nullable(),
});

/** `GET /api/console/board`: the supervisor's live board of their warehouse (M2.2). */
export const boardSchema = z.object({
  warehouseId: idSchema,
  generatedAt: isoTimeSchema,
  waves: z.array(boardWaveSchema),
  pickers: z.array(pickerStatusSchema),
  /** Orders per stage; `oldestAt` is when the longest-waiting one was placed (its backlog age). */
  stages: z.array(
    z.object({
      stage: orderStageSchema,
      count: z.int().min(0),
      oldestAt: isoTimeSchema.nullable(),
    }),
  ),
  /** Since issue 23's console (additive): inbound stages beside the orders'. */
  inbound: z.array(boardInboundStageSchema).optional(),
  /** Open exceptions and tasks, held orders and dead webhook deliveries, by kind. */
  exceptions: z.array(z.object({ kind: z.string(), count: z.int().min(0) })),
  alerts: z.array(
    z.object({ id: idSchema, kind: z.string(), message: z.string(), raisedAt: isoTimeSchema }),
  ),
  /** Destinations of the orders not yet shipped or shipped in the last 7 days. */
  provinces: z.array(z.object({ province: z.string(), orders: z.int().min(0) })),
  /**
   * Why writes hang or are refused now (the database's own state, e.g. commits waiting for a
   * synchronous standby that is gone); absent or null when they go through. (issue 28)
   */
  database: z
    .object({ reason: z.enum(['database_sync_standby_missing']), message: z.string() })
    .nullable()
    .optional(),
});

export type WaveAssign = z.infer<typeof waveAssignSchema>;
export type WaveAssigned = z.infer<typeof waveAssignedSchema>;
export type PickerStatus = z.infer<typeof pickerStatusSchema>;
export type WavePreview = z.infer<typeof wavePreviewSchema>;
export type BoardWave = z.infer<typeof boardWaveSchema>;
export type Board = z.infer<typeof boardSchema>;
export type OrderStage = z.infer<typeof orderStageSchema>;
export type InboundStage = z.infer<typeof inboundStageSchema>;
export type BoardInboundStage = z.infer<typeof boardInboundStageSchema>;

/** What a queue item may be acted on with, from the console. */
/** What an exception is about; the console words each in the user's language. */
export const exceptionKindSchema = z.enum([
  'over-pick',
  'bin-negative',
  'unknown-line',
  'events-lost',
  'address-change',
  // A short pick whose remainder no other bin could cover.
  'short-unfilled',
  // Pack bench (issue 22): a parcel's weight off its expected weight.
  'weight-mismatch',
  // Issue 27: a platform changed or cancelled an order we can no longer change safely.
  'platform-change',
  // Issue 23: a returned unit that is not the item the customer was to send back.
  'return-wrong-item',
  // Issue 23: a put-away left a bin holding more of a SKU than its capacity for it.
  'bin-over-capacity',
]);

export const queueActionSchema = z.enum([
  'resolve',
  'assign',
  'count-task',
  'release',
  'cancel',
  'replay',
  // Since the console branch (issue 24): on tasks, record a cycle count (`POST
  // /api/tasks/:taskId/count`) and reprint a bin's label (`GET /api/labels/bins.pdf?codes=…`).
  'count',
  'reprint',
  // A returned wrong item is resolved with its refund decided (`resolve` with `refund`).
  'refund',
  'no-refund',
]);

/**
 * One item of the supervisor's exceptions queue (`GET /api/exceptions/queue`): an exception
 * (over-pick, bin gone negative, short, unknown line…), an open task (reprint label, count), a
 * held order, or a webhook delivery that failed for good. `evidence` is what the server knows of
 * it (the scan, the line, the rule…), as label → value.
 */
export const queueItemSchema = z.object({
  source: z.enum(['exception', 'task', 'hold', 'webhook']),
  id: z.string(),
  kind: z.string(),
  message: z.string(),
  evidence: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
  openedAt: isoTimeSchema,
  /** When someone first acted on it (null while nobody has). */
  answeredAt: isoTimeSchema.nullable(),
  assignedTo: z.string().nullable(),
  actions: z.array(queueActionSchema),
});

export const exceptionQueueSchema = z.object({ items: z.array(queueItemSchema) });

/** `POST /api/exceptions/:exceptionId/resolve`. */
export const exceptionResolveSchema = z.strictObject({
  note: z.string().trim().max(500).optional(),
  /**
   * A returned wrong item (`return-wrong-item`) is resolved with the refund decided: true, the
   * customer is refunded anyway; false, not. Required for that kind, refused for any other.
   */
  refund: z.boolean().optional(),
});
/** `POST /api/exceptions/:exceptionId/assign`: who deals with it. */
export const exceptionAssignSchema = z.strictObject({ userId: idSchema });

export type QueueAction = z.infer<typeof queueActionSchema>;
export type QueueItem = z.infer<typeof queueItemSchema>;
export type ExceptionQueue = z.infer<typeof exceptionQueueSchema>;

const ratioSchema = z.object({
  name: z.string(),
  numerator: z.number().nullable(),
  denominator: z.number(),
  weight: z.number(),
  value: z.number().nullable(),
});
const healthPartSchema = z.object({ value: z.number().nullable(), ratios: z.array(ratioSchema) });

/** The order health index (M2.4) of a window, with every ratio it was computed from. */
export const orderHealthSchema = z.object({
  timeliness: healthPartSchema,
  data: healthPartSchema,
  experience: healthPartSchema,
  index: z.number().nullable(),
});

export const pickerKpiSchema = z.object({
  userId: idSchema,
  name: z.string(),
  lines: z.int(),
  units: z.int(),
  misScans: z.int(),
  scans: z.int(),
  shorts: z.int(),
  activeMinutes: z.number(),
  linesPerHour: z.number().nullable(),
  unitsPerHour: z.number().nullable(),
  misScanRate: z.number().nullable(),
  shortRate: z.number().nullable(),
});

/** `GET /api/console/kpis`: the last 24 h (`day`) and the last hour (`live`) of the warehouse. */
export const kpisSchema = z.object({
  generatedAt: isoTimeSchema,
  health: z.object({ day: orderHealthSchema, live: orderHealthSchema }),
  pickers: z.array(pickerKpiSchema),
  /**
   * A picker's `linesPerHour`/`unitsPerHour` are null until their `activeMinutes` reach this
   * (hub setting `kpis.minActiveMinutes`): the console says "too early" rather than extrapolate.
   */
  minActiveMinutes: z.number(),
  /** Seconds from a scan on the device to its storage on the server, p95 over the last hour. */
  syncLagP95Seconds: z.number().nullable(),
  /** Lines and units picked per hour over the last 12 h, and per picker. */
  hourly: z.array(
    z.object({
      hour: isoTimeSchema,
      lines: z.int(),
      units: z.int(),
      byPicker: z.record(z.string(), z.int()),
    }),
  ),
  redAlerts: z.object({
    thresholds: z.object({
      ordersWaiting: z.number(),
      returnRateRisePct: z.number(),
      syncLagP95Seconds: z.number(),
      trailingDays: z.number(),
    }),
    figures: z.object({
      ordersWaiting: z.int(),
      returnRateToday: z.number().nullable(),
      returnRateTrailing: z.number().nullable(),
      syncLagP95Seconds: z.number().nullable(),
    }),
    raised: z.array(z.enum(['orders-waiting', 'return-rate', 'sync-lag'])),
  }),
});

export type Kpis = z.infer<typeof kpisSchema>;
export type PickerKpi = z.infer<typeof pickerKpiSchema>;
