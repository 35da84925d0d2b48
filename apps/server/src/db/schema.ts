import { exceptionKindSchema, orderStatusSchema, taskKindSchema } from '@wms/protocol';

type OrderStatus = (typeof orderStatusSchema.options)[number];
const ORDER_STATUSES = orderStatusSchema.options as [OrderStatus, ...OrderStatus[]];
const EXCEPTION_KINDS = exceptionKindSchema.options as [
  (typeof exceptionKindSchema.options)[number],
  ...(typeof exceptionKindSchema.options)[number][],
];
const TASK_KINDS = taskKindSchema.options as [
  (typeof taskKindSchema.options)[number],
  ...(typeof taskKindSchema.options)[number][],
];
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { now } from './columns';
import { orderHubColumns } from './schema-order-columns';
import { skuRecordColumns } from './schema-sku-columns';

/**
 * A full 64-bit transaction id (`pg_current_xact_id()`), read as text so no precision is lost.
 * The change feed's cursor is built on it: see sync/pull.ts.
 */
const xid8 = customType<{ data: string; driverData: string }>({ dataType: () => 'xid8' });

const currentTxid = () =>
  xid8('txid')
    .notNull()
    .default(sql`pg_current_xact_id()`);

export const warehouses = pgTable('warehouses', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  nameZh: text('name_zh').notNull(),
  city: text('city').notNull(),
  active: boolean('active').notNull().default(true),
});

/** A zone of a warehouse (bins name theirs by `code`); admins keep the list. */
export const zones = pgTable(
  'zones',
  {
    id: text('id').primaryKey(),
    warehouseId: text('warehouse_id')
      .notNull()
      .references(() => warehouses.id),
    code: text('code').notNull(),
    name: text('name').notNull(),
    active: boolean('active').notNull().default(true),
  },
  (t) => [unique('zones_warehouse_code').on(t.warehouseId, t.code)],
);

export const bins = pgTable(
  'bins',
  {
    id: text('id').primaryKey(),
    warehouseId: text('warehouse_id')
      .notNull()
      .references(() => warehouses.id),
    zone: text('zone').notNull(),
    code: text('code').notNull(),
    /** Printed on the label beside the barcode; keyed in when the label will not scan. */
    checkDigits: text('check_digits').notNull(),
    pathSeq: integer('path_seq').notNull(),
    /** A deactivated bin gets no new picks; its history stays. */
    active: boolean('active').notNull().default(true),
    /** Issue 23: usable volume in cm³ for put-away suggestions (null: unknown). */
    volumeCm3: integer('volume_cm3'),
  },
  (t) => [unique('bins_warehouse_code').on(t.warehouseId, t.code)],
);

/**
 * Issue 23: the most units of a SKU a bin holds (the SKU's pick face, sized for it). A bin with
 * capacities is kept for those SKUs: put-away suggests it to no other.
 */
export const binCapacities = pgTable(
  'bin_capacities',
  {
    binId: text('bin_id')
      .notNull()
      .references(() => bins.id),
    skuId: text('sku_id')
      .notNull()
      .references(() => skus.id),
    warehouseId: text('warehouse_id').notNull(),
    maxQty: integer('max_qty').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.binId, t.skuId] }),
    index('bin_capacities_sku').on(t.warehouseId, t.skuId),
  ],
);

export const skus = pgTable('skus', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  nameZh: text('name_zh').notNull(),
  category: text('category').notNull(),
  imageUrl: text('image_url'),
  lotTracked: boolean('lot_tracked').notNull().default(false),
  /** Issue 16: a new lot's shelf life, and how much of it a pick must leave (FEFO allocation). */
  shelfLifeDays: integer('shelf_life_days'),
  minRemainingShelfLifeDays: integer('min_remaining_shelf_life_days'),
  /** What a unit costs us, for the promotion-price hold (M4.4); null when unknown. */
  costCents: integer('cost_cents'),
  ...skuRecordColumns,
  active: boolean('active').notNull().default(true),
});

/** Barcodes of a SKU; GTINs are stored in their 14-digit form. */
export const skuBarcodes = pgTable(
  'sku_barcodes',
  {
    barcode: text('barcode').primaryKey(),
    skuId: text('sku_id')
      .notNull()
      .references(() => skus.id),
  },
  (t) => [index('sku_barcodes_sku').on(t.skuId)],
);

/** What stock may be used for: only `available` is picked and promised (issue 16). */
export const STOCK_STATUSES = [
  'available',
  'awaiting-qc',
  'quarantined',
  'damaged',
  'received-not-put-away',
] as const;

/**
 * The current quantity of a SKU in a bin, per lot, expiry and status (lot and expiry null: not
 * tracked); changed only together with `stock_movements` rows, in the same transaction.
 */
export const stock = pgTable(
  'stock',
  {
    warehouseId: text('warehouse_id').notNull(),
    binId: text('bin_id')
      .notNull()
      .references(() => bins.id),
    skuId: text('sku_id')
      .notNull()
      .references(() => skus.id),
    lot: text('lot'),
    expiry: date('expiry', { mode: 'string' }),
    status: text('status', { enum: STOCK_STATUSES }).notNull().default('available'),
    qty: integer('qty').notNull(),
  },
  (t) => [
    unique('stock_slot').on(t.binId, t.skuId, t.lot, t.expiry, t.status).nullsNotDistinct(),
    index('stock_sku').on(t.warehouseId, t.skuId),
  ],
);

/**
 * The stock ledger: every change of `stock`, signed. The pool's `physical` follows the rows of
 * `available` stock that enter or leave the warehouse (a database trigger, see migration 0009);
 * picks and put-backs move units between a bin and a picker's hand and leave it alone.
 *
 * Partitioned by month on `at` (issue 25, migration 0021, decision 011): retention drops a
 * month's partition once exported instead of deleting its rows. Hence the key (id, at): the id
 * alone stays unique by its sequence. Never move a row's `at` across months: Postgres moves it
 * as a delete and an insert, and the insert fires the pool trigger again.
 */
export const stockMovements = pgTable(
  'stock_movements',
  {
    id: bigserial('id', { mode: 'number' }).notNull(),
    warehouseId: text('warehouse_id').notNull(),
    binId: text('bin_id').notNull(),
    skuId: text('sku_id').notNull(),
    lot: text('lot'),
    expiry: date('expiry', { mode: 'string' }),
    status: text('status', { enum: STOCK_STATUSES }).notNull().default('available'),
    delta: integer('delta').notNull(),
    reason: text('reason', {
      enum: [
        'initial',
        'pick',
        'receipt',
        'put-back',
        'count',
        'opening',
        'move',
        'adjust',
        'lot-correction',
        // Retention (issue 25): the sum of a slot's movements exported and pruned, one row per
        // slot, so stock stays the sum of its ledger. Not a movement: the pool trigger skips it.
        'carried-forward',
        // Inbound (issue 23): a QC decision moves units between statuses; put-away into a bin.
        'qc',
        'put-away',
        // Issue 16: units in hand leave the building with their order (no slot moves; the pool
        // trigger takes them out of physical). Slots are the sum of their other rows.
        'ship',
      ],
    }).notNull(),
    eventId: uuid('event_id'),
    /** An adjustment's reason code (damaged, found, lost…). */
    reasonCode: text('reason_code'),
    /** Who asked (moves, adjustments, opening balances). */
    userId: text('user_id'),
    note: text('note'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.id, t.at] }),
    index('stock_movements_bin').on(t.binId, t.skuId),
    index('stock_movements_sku').on(t.warehouseId, t.skuId, t.at),
    // Retention (issue 25): a slot's one carried-forward row, found without reading its ledger.
    index('stock_movements_carried')
      .on(t.binId, t.skuId)
      .where(sql`reason = 'carried-forward'`),
  ],
);

/**
 * The stock ledger's verified sums (issue 19): per slot, the sum of every ledger row with an id
 * up to `stock_ledger_mark.through_id` (`ship` rows aside, as in a slot). Reconciliation adds the
 * rows after the mark instead of summing a year of them; a month that retention drops takes its
 * checkpointed rows out again in the drop's transaction (`inventory/ledger-checkpoint.ts`).
 */
export const stockLedgerSums = pgTable(
  'stock_ledger_sums',
  {
    warehouseId: text('warehouse_id').notNull(),
    binId: text('bin_id').notNull(),
    skuId: text('sku_id').notNull(),
    lot: text('lot'),
    expiry: date('expiry', { mode: 'string' }),
    status: text('status', { enum: STOCK_STATUSES }).notNull(),
    qty: integer('qty').notNull(),
  },
  (t) => [
    unique('stock_ledger_sums_slot')
      .on(t.binId, t.skuId, t.lot, t.expiry, t.status)
      .nullsNotDistinct(),
    index('stock_ledger_sums_warehouse').on(t.warehouseId),
  ],
);

/** How far `stock_ledger_sums` reaches: every ledger row with `id <= through_id`. One row. */
export const stockLedgerMark = pgTable('stock_ledger_mark', {
  one: boolean('one').primaryKey().default(true),
  throughId: bigint('through_id', { mode: 'number' }).notNull(),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
});

export const users = pgTable('users', {
  id: text('id').primaryKey(),
  warehouseId: text('warehouse_id')
    .notNull()
    .references(() => warehouses.id),
  name: text('name').notNull(),
  role: text('role', { enum: ['picker', 'supervisor', 'admin', 'integration'] }).notNull(),
  badge: text('badge').notNull().unique(),
  pinHash: text('pin_hash').notNull(),
  /**
   * Leads only: what a handheld of their warehouse checks their PIN against offline, to unlock
   * its scanner settings (`auth/unlock-verifier.ts`). Null until the server has seen the PIN
   * since this column came (the next sign-in fills it).
   */
  unlockVerifier: text('unlock_verifier'),
  language: text('language', { enum: ['zh-CN', 'en'] }).notNull(),
  active: boolean('active').notNull().default(true),
  /**
   * An admin of the whole hub (006): backups, hub-wide rules and settings, new warehouses,
   * routing an order into any warehouse. Counts only while the role is `admin`.
   */
  hubAdmin: boolean('hub_admin').notNull().default(false),
  /** Wrong PINs in a row; at MAX_PIN_ATTEMPTS the badge is locked until `lockedUntil`. */
  failedPinAttempts: integer('failed_pin_attempts').notNull().default(0),
  lockedUntil: timestamp('locked_until', { withTimezone: true }),
});

export const devices = pgTable('devices', {
  id: uuid('id').primaryKey(),
  label: text('label').notNull(),
  secretHash: text('secret_hash').notNull(),
  currentEpoch: integer('current_epoch').notNull(),
  /**
   * The warehouse the device belongs to: set by its enrolment code, or else by its first login.
   * Supervisors and admins see and revoke only their warehouse's devices.
   */
  warehouseId: text('warehouse_id').references(() => warehouses.id),
  createdAt: now('created_at'),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
});

/**
 * A short-lived, single-use code an admin shows as a QR: a handheld that scans it registers into
 * the code's warehouse. `usedAt` is set in the registering transaction, so it works once.
 */
export const enrolmentCodes = pgTable('enrolment_codes', {
  code: text('code').primaryKey(),
  warehouseId: text('warehouse_id')
    .notNull()
    .references(() => warehouses.id),
  createdByUserId: text('created_by_user_id').notNull(),
  createdAt: now('created_at'),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  usedAt: timestamp('used_at', { withTimezone: true }),
  usedByDeviceId: uuid('used_by_device_id'),
});

/**
 * One life of a device's local database. `lastSeq` is the highest seq stored (no gaps below it);
 * `highestLocalSeq` what the device last said it had allocated: the difference is its backlog.
 */
export const deviceIncarnations = pgTable(
  'device_incarnations',
  {
    deviceId: uuid('device_id')
      .notNull()
      .references(() => devices.id),
    epoch: integer('epoch').notNull(),
    lastSeq: integer('last_seq').notNull().default(0),
    highestLocalSeq: integer('highest_local_seq').notNull().default(0),
    /** Seqs the device had created in this epoch that never reached us (set when it re-registers). */
    lostSeqs: integer('lost_seqs').notNull().default(0),
    lastUserId: text('last_user_id'),
    createdAt: now('created_at'),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }),
    /**
     * Retention (issue 25): the highest seq of this incarnation whose archived event was pruned
     * (exported first). A replay at or below it that finds no stored row is answered as applied:
     * the compact tombstone of the idempotency keys, kept as long as the incarnation.
     */
    prunedThroughSeq: integer('pruned_through_seq').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.deviceId, t.epoch] })],
);

export const orders = pgTable(
  'orders',
  {
    id: text('id').primaryKey(),
    warehouseId: text('warehouse_id')
      .notNull()
      .references(() => warehouses.id),
    channel: text('channel').notNull(),
    channelOrderId: text('channel_order_id').notNull(),
    // One list of statuses: the wire's (a status added there is a status the column takes).
    status: text('status', { enum: ORDER_STATUSES }).notNull(),
    consigneeName: text('consignee_name').notNull(),
    province: text('province').notNull(),
    city: text('city').notNull(),
    createdAt: now('created_at'),
    ...orderHubColumns(),
    /** Retention (issue 25): when the consignee's name, phone, ID and address were masked. */
    maskedAt: timestamp('masked_at', { withTimezone: true }),
  },
  (t) => [
    unique('orders_channel_order').on(t.channel, t.channelOrderId),
    index('orders_warehouse_status').on(t.warehouseId, t.status, t.placedAt),
    index('orders_phone_placed').on(t.phone, t.placedAt),
    index('orders_customer_placed').on(t.customerId, t.placedAt),
    // At a year of history (issue 19): the peak-protection sample reads the newest orders of all
    // warehouses; the ID-number rule counts an ID's recent orders; time windows read orders
    // placed in them (`placed_at`), or created in them when the channel sent no time.
    index('orders_created').on(t.createdAt),
    index('orders_id_number_placed').on(t.idNumber, t.placedAt),
    index('orders_warehouse_placed').on(t.warehouseId, t.placedAt),
    index('orders_warehouse_created_unplaced')
      .on(t.warehouseId, t.createdAt)
      .where(sql`placed_at is null`),
    // The trace reads an order's returns and exchanges: without it, a seq scan of a year of
    // orders on every trace (188 ms p50 at 1M orders against 8 ms at 10k; issue 19).
    index('orders_original')
      .on(t.originalOrderId)
      .where(sql`original_order_id is not null`),
    // Retention (issue 25): the orders still to mask, oldest first; masked ones leave the index.
    index('orders_unmasked_created')
      .on(t.createdAt)
      .where(sql`masked_at is null`),
  ],
);

export const orderLines = pgTable(
  'order_lines',
  {
    id: text('id').primaryKey(),
    orderId: text('order_id')
      .notNull()
      .references(() => orders.id),
    skuId: text('sku_id')
      .notNull()
      .references(() => skus.id),
    qty: integer('qty').notNull(),
    unitPriceCents: integer('unit_price_cents').notNull().default(0),
  },
  // An order's lines are read by order (merges at intake, waves, traces, shipping).
  (t) => [index('order_lines_order').on(t.orderId)],
);

export const waves = pgTable(
  'waves',
  {
    id: text('id').primaryKey(),
    warehouseId: text('warehouse_id')
      .notNull()
      .references(() => warehouses.id),
    code: text('code').notNull(),
    status: text('status', { enum: ['open', 'picking', 'done', 'cancelled'] }).notNull(),
    assignedUserId: text('assigned_user_id').references(() => users.id),
    /** Fencing token: bumped on every (re)assignment. */
    assignmentVersion: integer('assignment_version').notNull().default(0),
    createdAt: now('created_at'),
    /** When the last open line closed (status `done`). */
    doneAt: timestamp('done_at', { withTimezone: true }),
    /**
     * When the wave left devices' scope (a shift after it was done), with a change-feed row in
     * the same transaction: devices hold today's work, never a year of done waves (issue 19).
     */
    leftScopeAt: timestamp('left_scope_at', { withTimezone: true }),
  },
  (t) => [
    index('waves_assignee').on(t.assignedUserId),
    index('waves_warehouse').on(t.warehouseId),
    index('waves_in_scope_assignee')
      .on(t.assignedUserId)
      .where(sql`left_scope_at is null and status <> 'cancelled'`),
    index('waves_in_scope_warehouse')
      .on(t.warehouseId)
      .where(sql`left_scope_at is null and status <> 'cancelled'`),
    // The board's waves of the day (issue 19).
    index('waves_warehouse_created').on(t.warehouseId, t.createdAt),
    index('waves_done_in_scope')
      .on(t.doneAt)
      .where(sql`left_scope_at is null and status = 'done'`),
    // Retention (issue 25): the months to export, read in time order.
    index('waves_created').on(t.createdAt),
    // Picked lines left in a cancelled wave keep their status (reconciliation's units in hand).
    index('waves_cancelled')
      .on(t.warehouseId)
      .where(sql`status = 'cancelled'`),
  ],
);

export const pickLines = pgTable(
  'pick_lines',
  {
    id: text('id').primaryKey(),
    waveId: text('wave_id')
      .notNull()
      .references(() => waves.id),
    warehouseId: text('warehouse_id').notNull(),
    orderId: text('order_id')
      .notNull()
      .references(() => orders.id),
    orderLineId: text('order_line_id')
      .notNull()
      .references(() => orderLines.id),
    skuId: text('sku_id')
      .notNull()
      .references(() => skus.id),
    binId: text('bin_id')
      .notNull()
      .references(() => bins.id),
    /** The lot and its expiry to pick (issue 16); null where the SKU is not lot-tracked. */
    lot: text('lot'),
    expiry: date('expiry', { mode: 'string' }),
    qty: integer('qty').notNull(),
    pickedQty: integer('picked_qty').notNull().default(0),
    /** Units a picker returned to a bin for this line (put-back@1) after it or its wave was pulled. */
    putBackQty: integer('put_back_qty').notNull().default(0),
    status: text('status', { enum: ['open', 'picked', 'short', 'cancelled'] }).notNull(),
    note: text('note'),
  },
  (t) => [
    index('pick_lines_wave').on(t.waveId),
    index('pick_lines_order').on(t.orderId),
    index('pick_lines_sku').on(t.skuId, t.binId),
    // Allocation reads what open lines plan per SKU and bin. Without it a wave build read every
    // line the SKU ever had (815 ms p50 at a year of history against 62 ms at 10k; issue 19).
    // The price: the update that closes a line (open → picked) is no longer HOT; the scans
    // before it, which only move picked_qty, still are.
    index('pick_lines_open_sku')
      .on(t.warehouseId, t.skuId, t.binId)
      .where(sql`status = 'open'`),
    // Retention (issue 25): deleting a pruned order's lines checks the foreign key from here;
    // without it every order line deleted read all of pick_lines (35 s for 5,000 orders).
    index('pick_lines_order_line').on(t.orderLineId),
    // Units in hand of cancelled orders (reconciliation, issue 19): only lines pulled from their
    // waves can hold any, not every cancelled order kept for its 400 days. Status only in the
    // predicate (not picked_qty): a pick that leaves its line open stays a HOT update.
    index('pick_lines_cancelled')
      .on(t.warehouseId)
      .where(sql`status = 'cancelled'`),
  ],
);

/** The columns a scan event keeps, hot or archived. */
function scanEventColumns() {
  return {
    id: uuid('id').primaryKey(),
    deviceId: uuid('device_id').notNull(),
    epoch: integer('epoch').notNull(),
    seq: integer('seq').notNull(),
    warehouseId: text('warehouse_id').notNull(),
    userId: text('user_id').notNull(),
    type: text('type').notNull(),
    payload: jsonb('payload').notNull(),
    assignmentVersionSeen: integer('assignment_version_seen').notNull(),
    outcome: text('outcome', {
      enum: ['applied', 'over-pick', 'stale-assignment', 'unknown-line'],
    }).notNull(),
    deviceTime: timestamp('device_time', { withTimezone: true }).notNull(),
  };
}

/**
 * Every scan event ever pushed, once: unique on the incarnation and seq, and on the event id.
 * `outcome` is what the server made of it, so a replayed push gets the same answer.
 */
export const scanEvents = pgTable(
  'scan_events',
  {
    ...scanEventColumns(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
    txid: currentTxid(),
  },
  (t) => [
    unique('scan_events_incarnation_seq').on(t.deviceId, t.epoch, t.seq),
    index('scan_events_incarnation_txid').on(t.deviceId, t.epoch, t.txid),
    // Console (issue 5): credits per line, a picker's last pick, the warehouse's recent scans.
    index('scan_events_pick_line').on(sql`(${t.payload}->>'pickLineId')`),
    index('scan_events_user_time').on(t.userId, t.deviceTime),
    index('scan_events_warehouse_received').on(t.warehouseId, t.receivedAt),
    // Retention (issue 25): the archiver takes the oldest events first, batch after batch.
    index('scan_events_received').on(t.receivedAt),
  ],
);

/**
 * Scan events older than the retention age, moved out of `scan_events` so the hot table stays
 * small. Still read by the order trace and by push (a replayed archived event is answered with
 * its stored outcome, never applied again).
 */
export const scanEventsArchive = pgTable(
  'scan_events_archive',
  {
    ...scanEventColumns(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
    archivedAt: now('archived_at'),
  },
  (t) => [
    unique('scan_events_archive_incarnation_seq').on(t.deviceId, t.epoch, t.seq),
    index('scan_events_archive_pick_line').on(sql`(${t.payload}->>'pickLineId')`),
    // Retention (issue 25): the months to export, read in time order.
    index('scan_events_archive_received').on(t.receivedAt),
  ],
);

export const exceptions = pgTable(
  'exceptions',
  {
    id: uuid('id').primaryKey(),
    warehouseId: text('warehouse_id').notNull(),
    kind: text('kind', { enum: EXCEPTION_KINDS }).notNull(),
    status: text('status', { enum: ['open', 'resolved'] })
      .notNull()
      .default('open'),
    waveId: text('wave_id'),
    pickLineId: text('pick_line_id'),
    eventId: uuid('event_id'),
    /** A returned wrong item's return line (its refund is decided when this is resolved). */
    inboundLineId: uuid('inbound_line_id'),
    binId: text('bin_id'),
    skuId: text('sku_id'),
    qty: integer('qty'),
    message: text('message').notNull(),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull().defaultNow(),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    /** When a supervisor first acted on it (assigned, opened a count, resolved): M2.4 timeliness. */
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    /** Who is to deal with it (a supervisor assigns it). */
    assignedUserId: text('assigned_user_id'),
    resolvedBy: text('resolved_by'),
    note: text('note'),
  },
  (t) => [
    index('exceptions_warehouse_status').on(t.warehouseId, t.status),
    // A line's over-picked units (units in hand, put-backs): looked up per line, not a year of
    // over-picks grouped.
    index('exceptions_over_pick_line')
      .on(t.pickLineId)
      .where(sql`kind = 'over-pick'`),
  ],
);

/**
 * The change feed behind pull. One row per changed wave (`lineId` null: the wave itself, with all
 * its lines) or line, addressed to the wave's assignee at the time (`audienceUserId`); supervisors
 * read by warehouse. `txid` is the writing transaction, read back only once it is below every
 * running transaction (see sync/pull.ts).
 */
export const changes = pgTable(
  'changes',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    txid: currentTxid(),
    warehouseId: text('warehouse_id').notNull(),
    /** Null for an inbound change (`inbound_id`): the pull tells the device to refresh its inbound work. */
    waveId: text('wave_id'),
    lineId: text('line_id'),
    /** Several lines of the wave changed by one transaction (a push): one row, not one per line. */
    lineIds: text('line_ids').array(),
    whole: boolean('whole').notNull().default(false),
    audienceUserId: text('audience_user_id'),
    /** An inbound notice or task whose assignment changed (issue 23). */
    inboundId: uuid('inbound_id'),
  },
  (t) => [
    index('changes_audience').on(t.audienceUserId, t.txid, t.id),
    index('changes_warehouse').on(t.warehouseId, t.txid, t.id),
  ],
);

export * from './schema-hub';
/*
 * ── Added by the handheld branch (issue 3) ──────────────────────────────────────────────────
 * `tasks`: work that handheld events create for the warehouse. A bin label that failed three
 * times in a row opens one `reprint-label` task per bin (M1.5); a short pick opens a
 * `cycle-count` task for the bin. Supervisors read them at `GET /api/tasks`.
 */
export const tasks = pgTable(
  'tasks',
  {
    id: uuid('id').primaryKey(),
    warehouseId: text('warehouse_id').notNull(),
    kind: text('kind', { enum: TASK_KINDS }).notNull(),
    status: text('status', { enum: ['open', 'done'] })
      .notNull()
      .default('open'),
    binId: text('bin_id')
      .notNull()
      .references(() => bins.id),
    skuId: text('sku_id'),
    waveId: text('wave_id'),
    pickLineId: text('pick_line_id'),
    /** The event that opened the task (a replayed push never opens a second one). */
    eventId: uuid('event_id'),
    /** The short reason, or the number of failed attempts. */
    detail: text('detail').notNull(),
    message: text('message').notNull(),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull().defaultNow(),
    doneAt: timestamp('done_at', { withTimezone: true }),
    // Added by the console branch (issue 24): a task is given to someone and answered like an
    // exception; `doneBy` is who resolved, counted or reprinted it.
    assignedUserId: text('assigned_user_id'),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    doneBy: text('done_by'),
  },
  (t) => [
    index('tasks_warehouse_status').on(t.warehouseId, t.status),
    // One open task of a kind per bin: three more failures at a bin already reported add nothing.
    uniqueIndex('tasks_open_per_bin')
      .on(t.kind, t.binId)
      .where(sql`status = 'open'`),
  ],
);
export * from './schema-channel-codes';
// Issue 21 (orders that change after they arrive).
export * from './schema-order-changes';
export * from './schema-retention';
// Inbound (issue 23)
export * from './schema-inbound';
// Pack and ship (issue 22).
export * from './schema-parcels';
// Channel connectors (issue 27).
export * from './schema-connectors';
