import {
  bigint,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { at, now } from './columns';

/**
 * A marketplace shop we pull orders from (issue 27): one per platform and shop, owned by the
 * warehouse whose admins run it. Credentials are AES-256-GCM ciphertext (`connectors/vault.ts`),
 * never clear text. `cursor` is the modification-time watermark: every order the platform
 * modified before it is stored.
 */
export const connectors = pgTable(
  'connectors',
  {
    id: uuid('id').primaryKey(),
    warehouseId: text('warehouse_id').notNull(),
    platform: text('platform').notNull(),
    shopId: text('shop_id').notNull(),
    channel: text('channel').notNull(),
    name: text('name').notNull(),
    credentials: text('credentials').notNull(),
    status: text('status', { enum: ['active', 'paused', 'revoked', 'failing'] })
      .notNull()
      .default('active'),
    intervalSeconds: integer('interval_seconds').notNull().default(10),
    /** Units held back from every SKU's quantity pushed to this shop (stock out, M3.7). */
    stockBuffer: integer('stock_buffer').notNull().default(0),
    cursor: at('cursor').notNull(),
    nextPullAt: now('next_pull_at'),
    lastPullAt: at('last_pull_at'),
    lastSuccessAt: at('last_success_at'),
    lastError: text('last_error'),
    /** Failed pulls in a row (the backoff); 0 after a pull that stored its windows. */
    failures: integer('failures').notNull().default(0),
    failuresTotal: bigint('failures_total', { mode: 'number' }).notNull().default(0),
    ordersPulled: bigint('orders_pulled', { mode: 'number' }).notNull().default(0),
    /** The last full stock push (the daily reconcile); between, only changed quantities go. */
    stockReconciledAt: at('stock_reconciled_at'),
    /** Since when its lag alert is open (null once it caught up): each fall behind alerts once. */
    lagAlertedAt: at('lag_alerted_at'),
    createdAt: now('created_at'),
  },
  (t) => [
    // Two connectors on one shop would pull (and confirm) everything twice.
    unique('connectors_shop').on(t.platform, t.shopId),
    index('connectors_due').on(t.status, t.nextPullAt),
  ],
);

/**
 * Every platform order a connector has seen: idempotency (one intake per platform order) and
 * change detection (`contentHash` of what we act on; `modifiedAt` so an older version never
 * overwrites a newer one). `orderId` is null until the order is taken in (unpaid, parked, refused).
 */
export const connectorOrders = pgTable(
  'connector_orders',
  {
    connectorId: uuid('connector_id').notNull(),
    platformOrderId: text('platform_order_id').notNull(),
    orderId: text('order_id'),
    platformStatus: text('platform_status').notNull(),
    modifiedAt: at('modified_at').notNull(),
    contentHash: text('content_hash').notNull(),
    /** The part of the hash an address change moves (applied directly before dispatch). */
    addressHash: text('address_hash').notNull(),
    /** Why it is not taken in: parked for SKU review, or refused by intake (its message). */
    note: text('note'),
    seenAt: now('seen_at'),
  },
  (t) => [
    primaryKey({ columns: [t.connectorId, t.platformOrderId] }),
    index('connector_orders_order').on(t.orderId),
    // Retention (issue 25): the months to export, read in time order.
    index('connector_orders_seen').on(t.seenAt),
  ],
);

/**
 * The write-back outbox: a parcel's shipment to confirm on the platform, written in the
 * transaction that ships the order, delivered with retries by `confirm-shipments.ts`.
 */
export const connectorShipments = pgTable(
  'connector_shipments',
  {
    id: uuid('id').primaryKey(),
    connectorId: uuid('connector_id').notNull(),
    orderId: text('order_id').notNull(),
    parcelId: uuid('parcel_id').notNull(),
    platformOrderId: text('platform_order_id').notNull(),
    carrier: text('carrier').notNull(),
    trackingNumber: text('tracking_number').notNull(),
    lines: jsonb('lines').$type<{ code: string; qty: number }[]>().notNull(),
    status: text('status', { enum: ['pending', 'confirmed', 'failed'] })
      .notNull()
      .default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: now('next_attempt_at'),
    lastError: text('last_error'),
    createdAt: now('created_at'),
    confirmedAt: at('confirmed_at'),
  },
  (t) => [
    index('connector_shipments_due').on(t.status, t.nextAttemptAt),
    // The order trace reads an order's confirmations: one row a parcel, growing with time.
    index('connector_shipments_order').on(t.orderId),
    // Retention (issue 25): the months to export, read in time order.
    index('connector_shipments_created').on(t.createdAt),
    unique('connector_shipments_parcel').on(t.connectorId, t.parcelId),
  ],
);

/** What each shop was last told it can sell per platform code (stock out, M3.7): pushes only diffs. */
export const connectorStock = pgTable(
  'connector_stock',
  {
    connectorId: uuid('connector_id').notNull(),
    code: text('code').notNull(),
    qty: integer('qty').notNull(),
    pushedAt: at('pushed_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.connectorId, t.code] })],
);
