import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
import { at, now } from './columns';

/*
 * ── Inbound (issue 23) ─────────────────────────────────────────────────────────────────────
 * Expected deliveries, what was received against them, and the QC and put-away work they make.
 * Units themselves live in `stock` (received-not-put-away / awaiting-qc / damaged / quarantined,
 * then available), moved only by `moveStock`; these tables hold the paperwork and the tasks.
 */

/** Who delivers; `qc_required` sends everything they deliver to quality check. Company-wide. */
export const suppliers = pgTable('suppliers', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  nameZh: text('name_zh').notNull(),
  qcRequired: boolean('qc_required').notNull().default(false),
  active: boolean('active').notNull().default(true),
});

/** An advance shipping notice / purchase order, a return to receive, or a blind delivery. */
export const inboundNotices = pgTable(
  'inbound_notices',
  {
    id: uuid('id').primaryKey(),
    warehouseId: text('warehouse_id').notNull(),
    code: text('code').notNull(),
    kind: text('kind', { enum: ['purchase', 'return', 'blind'] }).notNull(),
    supplierId: text('supplier_id'),
    /** A return's original order. */
    orderId: text('order_id'),
    expectedDate: date('expected_date', { mode: 'string' }).notNull(),
    status: text('status', { enum: ['open', 'closed'] })
      .notNull()
      .default('open'),
    /** Blind receipts and closes with a shortfall wait for a supervisor's look. */
    needsReview: boolean('needs_review').notNull().default(false),
    closeReason: text('close_reason'),
    createdBy: text('created_by'),
    createdAt: now('created_at'),
    closedAt: at('closed_at'),
    /** When its first units were counted at the dock: expected until then, receiving after. */
    firstReceivedAt: at('first_received_at'),
    /** Who receives it (a supervisor's choice); null: any worker of the warehouse. */
    assignedUserId: text('assigned_user_id'),
    assignmentVersion: integer('assignment_version').notNull().default(0),
  },
  (t) => [
    unique('inbound_notices_code').on(t.warehouseId, t.code),
    index('inbound_notices_open').on(t.warehouseId, t.status, t.expectedDate),
  ],
);

/** A line of a notice: `expected_qty` of a SKU; `received_qty` grows with every receiving event. */
export const inboundLines = pgTable(
  'inbound_lines',
  {
    id: uuid('id').primaryKey(),
    noticeId: uuid('notice_id')
      .notNull()
      .references(() => inboundNotices.id),
    warehouseId: text('warehouse_id').notNull(),
    lineNo: integer('line_no').notNull(),
    skuId: text('sku_id').notNull(),
    expectedQty: integer('expected_qty').notNull(),
    receivedQty: integer('received_qty').notNull().default(0),
    damagedQty: integer('damaged_qty').notNull().default(0),
    /** A return's units graded wrong item: not the line's SKU, not received against it. */
    wrongItemQty: integer('wrong_item_qty').notNull().default(0),
    /**
     * Of the wrong items, how many a supervisor decided on (the exception resolved): refunded
     * anyway, or not refunded. The rest hold their refund (decision 021).
     */
    wrongItemRefundedQty: integer('wrong_item_refunded_qty').notNull().default(0),
    wrongItemRefusedQty: integer('wrong_item_refused_qty').notNull().default(0),
    lotTracked: boolean('lot_tracked').notNull().default(false),
    qcRequired: boolean('qc_required').notNull().default(false),
  },
  (t) => [
    unique('inbound_lines_no').on(t.noticeId, t.lineNo),
    index('inbound_lines_sku').on(t.warehouseId, t.skuId),
  ],
);

/**
 * A QC or put-away task over one received (or passed) quantity. Its id is the event that made it
 * (the receipt, or the QC decision), so a handheld that made the event offline knows the task.
 */
export const inboundTasks = pgTable(
  'inbound_tasks',
  {
    id: uuid('id').primaryKey(),
    warehouseId: text('warehouse_id').notNull(),
    kind: text('kind', { enum: ['qc', 'put-away'] }).notNull(),
    status: text('status', { enum: ['open', 'done'] })
      .notNull()
      .default('open'),
    noticeId: uuid('notice_id').notNull(),
    lineId: uuid('line_id').notNull(),
    skuId: text('sku_id').notNull(),
    lot: text('lot'),
    expiry: date('expiry', { mode: 'string' }),
    /** Where the units wait (the receiving dock). */
    fromBinId: text('from_bin_id').notNull(),
    suggestedBinId: text('suggested_bin_id'),
    qty: integer('qty').notNull(),
    doneQty: integer('done_qty').notNull().default(0),
    createdAt: now('created_at'),
    doneAt: at('done_at'),
    /** Who does it (a supervisor's choice); null: any worker of the warehouse. */
    assignedUserId: text('assigned_user_id'),
    assignmentVersion: integer('assignment_version').notNull().default(0),
  },
  (t) => [
    index('inbound_tasks_open')
      .on(t.warehouseId, t.kind)
      .where(sql`status = 'open'`),
    // The console's "put away today": a day of done tasks, never a year of them.
    index('inbound_tasks_done')
      .on(t.warehouseId, t.kind, t.doneAt)
      .where(sql`status = 'done'`),
  ],
);
