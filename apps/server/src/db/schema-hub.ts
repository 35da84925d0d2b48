import type { HoldRule, RouteConditions } from '@wms/protocol';
import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  check,
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
 * Every channel order ever received, once (idempotency on channel + channel order id). A
 * duplicate merged into an earlier order points at that order.
 */
export const channelOrders = pgTable(
  'channel_orders',
  {
    channel: text('channel').notNull(),
    channelOrderId: text('channel_order_id').notNull(),
    orderId: text('order_id').notNull(),
    merged: boolean('merged').notNull().default(false),
    receivedAt: now('received_at'),
  },
  (t) => [
    primaryKey({ columns: [t.channel, t.channelOrderId] }),
    // Retention (issue 25): the months to export, read in time order.
    index('channel_orders_received').on(t.receivedAt),
  ],
);

/** Hold rules (M4): the parameters are data an admin edits; `rule` holds kind + parameters. */
export const holdRules = pgTable('hold_rules', {
  id: text('id').primaryKey(),
  enabled: boolean('enabled').notNull().default(true),
  rule: jsonb('rule').$type<HoldRule>().notNull(),
  updatedAt: now('updated_at'),
});

/** A hold on an order: the review queue is the open ones. */
export const orderHolds = pgTable(
  'order_holds',
  {
    id: uuid('id').primaryKey(),
    warehouseId: text('warehouse_id').notNull(),
    orderId: text('order_id').notNull(),
    ruleId: text('rule_id'),
    kind: text('kind').notNull(),
    evidence: text('evidence').notNull(),
    status: text('status', { enum: ['open', 'released', 'cancelled'] })
      .notNull()
      .default('open'),
    raisedAt: now('raised_at'),
    decidedAt: at('decided_at'),
    decidedBy: text('decided_by'),
    note: text('note'),
    /** Issue 21: a pre-sale hold's promised date (released when it comes); null for others. */
    holdUntil: at('hold_until'),
  },
  (t) => [
    index('order_holds_queue').on(t.warehouseId, t.status, t.raisedAt),
    index('order_holds_order').on(t.orderId),
  ],
);

/** Routing rules (M3.4): tried in ascending priority, first match decides. */
export const routingRules = pgTable('routing_rules', {
  id: text('id').primaryKey(),
  priority: integer('priority').notNull(),
  name: text('name').notNull(),
  conditions: jsonb('conditions').$type<RouteConditions>().notNull(),
  warehouseId: text('warehouse_id').notNull(),
  carrier: text('carrier').notNull(),
  enabled: boolean('enabled').notNull().default(true),
});

/**
 * The central inventory pool (M3.6) per SKU and warehouse. Reservation is a conditional UPDATE
 * on this row, so concurrent orders can never oversell.
 */
export const inventoryPool = pgTable(
  'inventory_pool',
  {
    warehouseId: text('warehouse_id').notNull(),
    skuId: text('sku_id').notNull(),
    physical: integer('physical').notNull().default(0),
    reserved: integer('reserved').notNull().default(0),
    inbound: integer('inbound').notNull().default(0),
    /** Expected share of inbound that arrives, in basis points (8000 = 0.8). */
    inboundCoefficientBp: integer('inbound_coefficient_bp').notNull().default(8000),
  },
  (t) => [primaryKey({ columns: [t.warehouseId, t.skuId] })],
);

export const inboundReceipts = pgTable(
  'inbound_receipts',
  {
    id: uuid('id').primaryKey(),
    warehouseId: text('warehouse_id').notNull(),
    skuId: text('sku_id').notNull(),
    qty: integer('qty').notNull(),
    expectedAt: at('expected_at').notNull(),
    status: text('status', { enum: ['expected', 'received'] })
      .notNull()
      .default('expected'),
    receivedAt: at('received_at'),
  },
  (t) => [index('inbound_receipts_sku').on(t.warehouseId, t.skuId, t.status)],
);

/** Units an order holds in the pool; `released` gives them back, `shipped` consumed them. */
export const reservations = pgTable(
  'reservations',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    warehouseId: text('warehouse_id').notNull(),
    orderId: text('order_id').notNull(),
    skuId: text('sku_id').notNull(),
    qty: integer('qty').notNull(),
    status: text('status', { enum: ['active', 'released', 'shipped'] })
      .notNull()
      .default('active'),
    createdAt: now('created_at'),
  },
  (t) => [
    index('reservations_order').on(t.orderId),
    index('reservations_sales').on(t.warehouseId, t.skuId, t.createdAt),
    // Retention (issue 25): the months to export, read in time order.
    index('reservations_created').on(t.createdAt),
  ],
);

/**
 * Every correction of a pool's `physical` by the reconciliation (decision 002): what it was, what
 * the floor showed (bins + in hand), who asked. The bins are the counted truth.
 */
export const poolCorrections = pgTable(
  'pool_corrections',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    warehouseId: text('warehouse_id').notNull(),
    skuId: text('sku_id').notNull(),
    physicalBefore: integer('physical_before').notNull(),
    physicalAfter: integer('physical_after').notNull(),
    inBins: integer('in_bins').notNull(),
    inHand: integer('in_hand').notNull(),
    by: text('by').notNull(),
    at: now('at'),
  },
  (t) => [index('pool_corrections_sku').on(t.warehouseId, t.skuId)],
);

/** Alerts for people: cross-warehouse transfer, replenishment (safety level), peak. */
export const alerts = pgTable(
  'alerts',
  {
    id: uuid('id').primaryKey(),
    warehouseId: text('warehouse_id').notNull(),
    // The red alerts of M2.3 (orders-waiting, return-rate, sync-lag) stay raised until their
    // figure is back under the threshold (`clearedAt`), so each raise is told once.
    kind: text('kind', {
      enum: [
        'transfer',
        'replenish',
        'peak',
        'orders-waiting',
        'return-rate',
        'sync-lag',
        // Issue 21: a pre-sale SKU's date moved later (supplier delay).
        'presale-delay',
        // Retention (issue 25): a monthly export failed, so nothing of that table was pruned.
        'retention-export',
        // Issue 27: a shop withdrew a connector's authorisation; a connector fell behind.
        'connector-revoked',
        'connector-lag',
      ],
    }).notNull(),
    skuId: text('sku_id'),
    orderId: text('order_id'),
    message: text('message').notNull(),
    raisedAt: now('raised_at'),
    clearedAt: at('cleared_at'),
  },
  (t) => [index('alerts_warehouse').on(t.warehouseId, t.raisedAt)],
);

/**
 * An order's life (M5.2): one row per step, read back as its timeline. Partitioned by month on
 * `at` (issue 25, migration 0021): retention drops a month once exported. Hence the key (id, at).
 */
export const orderEvents = pgTable(
  'order_events',
  {
    id: bigserial('id', { mode: 'number' }).notNull(),
    orderId: text('order_id').notNull(),
    at: now('at'),
    kind: text('kind').notNull(),
    detail: jsonb('detail').$type<Record<string, unknown>>().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.id, t.at] }),
    index('order_events_order').on(t.orderId, t.id),
    // The KPIs' shipments in a window (issue 19).
    index('order_events_shipped_at')
      .on(t.at)
      .where(sql`kind = 'shipped'`),
  ],
);

/** Settings that are data, not code (dedup window, safety factor…). */
export const hubSettings = pgTable('hub_settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').$type<Record<string, number>>().notNull(),
});

export const webhookSubscriptions = pgTable('webhook_subscriptions', {
  id: uuid('id').primaryKey(),
  url: text('url').notNull(),
  secret: text('secret').notNull(),
  eventTypes: jsonb('event_types').$type<string[]>().notNull(),
  active: boolean('active').notNull().default(true),
  /** After a rotation the old secret signs beside the new one until it expires. */
  previousSecret: text('previous_secret'),
  previousSecretExpiresAt: at('previous_secret_expires_at'),
  /** Deleted subscriptions stay for the delivery log; nothing more is sent to them. */
  deletedAt: at('deleted_at'),
  createdAt: now('created_at'),
  /**
   * Events of this warehouse only (the creating admin's). Null: created before subscriptions were
   * scoped (issue 26), receives every warehouse's events.
   */
  warehouseId: text('warehouse_id'),
});

/** The transactional outbox: a message is written in the transaction that made the change. */
export const webhookMessages = pgTable(
  'webhook_messages',
  {
    id: text('id').primaryKey(),
    type: text('type').notNull(),
    orderId: text('order_id'),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    createdAt: now('created_at'),
    /** The order's warehouse when the event happened; null: not routed to one yet (hub-wide). */
    warehouseId: text('warehouse_id'),
  },
  (t) => [
    index('webhook_messages_order').on(t.orderId),
    // Retention (issue 25): the months to export, read in time order.
    index('webhook_messages_created').on(t.createdAt),
  ],
);

/** One message to one subscription, retried with backoff until delivered or 24 h old. */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: uuid('id').primaryKey(),
    messageId: text('message_id').notNull(),
    subscriptionId: uuid('subscription_id').notNull(),
    status: text('status', { enum: ['pending', 'delivered', 'dead'] })
      .notNull()
      .default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: now('next_attempt_at'),
    lastError: text('last_error'),
    deliveredAt: at('delivered_at'),
    /** A replay starts a new 24-hour retry window from here. */
    replayedAt: at('replayed_at'),
    createdAt: now('created_at'),
  },
  (t) => [
    unique('webhook_deliveries_once').on(t.messageId, t.subscriptionId),
    index('webhook_deliveries_due').on(t.status, t.nextAttemptAt),
    // Retention (issue 25): the months to export, read in time order.
    index('webhook_deliveries_created').on(t.createdAt),
  ],
);

/** The delivery log: every attempt, with the receiver's answer. */
export const webhookAttempts = pgTable(
  'webhook_attempts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    deliveryId: uuid('delivery_id').notNull(),
    at: now('at'),
    statusCode: integer('status_code'),
    error: text('error'),
    durationMs: integer('duration_ms').notNull(),
  },
  (t) => [
    index('webhook_attempts_delivery').on(t.deliveryId),
    // Retention (issue 25): the months to export, read in time order.
    index('webhook_attempts_at').on(t.at),
  ],
);

/**
 * Integration API keys (role `integration`): only a hash of the key is stored. A key has one
 * scope, a warehouse (WMS, TMS, carrier) or a channel (a storefront's orders wherever routed).
 */
export const apiKeys = pgTable(
  'api_keys',
  {
    id: uuid('id').primaryKey(),
    name: text('name').notNull(),
    warehouseId: text('warehouse_id'),
    channel: text('channel'),
    keyHash: text('key_hash').notNull().unique(),
    createdAt: now('created_at'),
    revokedAt: at('revoked_at'),
  },
  (t) => [check('api_keys_one_scope', sql`(${t.warehouseId} is null) <> (${t.channel} is null)`)],
);
