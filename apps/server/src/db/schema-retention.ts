import { bigint, customType, index, integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { at, now } from './columns';

/*
 * ── Retention (issue 25) ────────────────────────────────────────────────────────────────────
 * What the retention job (`retention/`) keeps about what it archived, exported and pruned.
 */

const xid8 = customType<{ data: string; driverData: string }>({ dataType: () => 'xid8' });

/**
 * Every monthly export file written before rows were pruned: one per table and month (`part`
 * > 1 only for rows of that month that became prunable later), with what it was checked against.
 */
export const retentionExports = pgTable(
  'retention_exports',
  {
    tableName: text('table_name').notNull(),
    month: text('month').notNull(),
    part: integer('part').notNull(),
    file: text('file').notNull(),
    rows: integer('rows').notNull(),
    sha256: text('sha256').notNull(),
    exportedAt: now('exported_at'),
    prunedRows: integer('pruned_rows'),
    prunedAt: at('pruned_at'),
  },
  (t) => [primaryKey({ columns: [t.tableName, t.month, t.part] })],
);

/**
 * A clock of transaction ids: each retention round writes its time, its transaction id and the
 * change feed's highest id, so the feed (which has no time column) can be pruned by age.
 */
export const txidClock = pgTable('txid_clock', {
  at: now('at').primaryKey(),
  txid: xid8('txid').notNull(),
  lastChangeId: bigint('last_change_id', { mode: 'number' }).notNull(),
});

/**
 * How far a pruned log has been cut: for `changes`, every row with a txid below `below_txid` may
 * be gone, so a pull cursor below it is answered with a reset (a full snapshot of its scope).
 */
export const retentionHorizons = pgTable('retention_horizons', {
  name: text('name').primaryKey(),
  belowTxid: xid8('below_txid').notNull(),
  prunedAt: now('pruned_at'),
});

/**
 * An order pruned from the hot tables (exported first): its trace says where and when, and it
 * still answers 404 to other warehouses.
 */
export const prunedOrders = pgTable(
  'pruned_orders',
  {
    id: text('id').primaryKey(),
    warehouseId: text('warehouse_id').notNull(),
    channel: text('channel').notNull(),
    channelOrderId: text('channel_order_id').notNull(),
    createdAt: at('created_at').notNull(),
    file: text('file').notNull(),
    prunedAt: now('pruned_at'),
  },
  (t) => [index('pruned_orders_pruned').on(t.prunedAt)],
);
